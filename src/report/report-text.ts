import { describeConstructGlob } from '../policy/image-policies';
import type { PolicyFinding } from '../policy/policy-finding';
import { sentence } from '../policy/rule-helpers';
import type { Severity } from '../policy/severity';
import type { CheckedSuppression } from '../policy/suppression';

/** How the text formats (table, JUnit) name a severity. */
export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { error: 'ERROR', warning: 'WARN', info: 'INFO' };

/** `text` on one line: line breaks (and the whitespace around them) become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** A finding's message and its fix, as one text: `<message>. Fix: <fix hint>`. */
export function messageWithFix(finding: Pick<PolicyFinding, 'message' | 'fixHint'>): string {
  // The fix reads as a second sentence.
  return `${sentence(finding.message)} Fix: ${finding.fixHint}`;
}

/**
What a suppression says about itself, on one line: `<reason> (<owner>, expires <date>)`, the
parenthesis only with an owner or an expiry. An expiry at midnight UTC is shown as its date.
*/
export function suppressionNote(suppression: CheckedSuppression): string {
  const details = [
    suppression.owner,
    suppression.expiresAt === undefined ? undefined : `expires ${expiryText(suppression.expiresAt)}`,
  ].filter((detail): detail is string => detail !== undefined);
  return `${oneLine(suppression.reason)}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}

/** An expiry as people write it: `2027-03-31` for midnight UTC, else the ISO date-time. */
export function expiryText(expiresAt: string): string {
  return expiresAt.endsWith('T00:00:00.000Z') ? expiresAt.slice(0, 10) : expiresAt;
}

/** Where a suppression applies, e.g. `constructs prod/**, image img-1`. */
export function suppressionScope(suppression: CheckedSuppression): string {
  return [
    suppression.constructPath === undefined ? undefined : `constructs ${describeConstructGlob(suppression.constructPath)}`,
    suppression.imageId === undefined ? undefined : `image ${suppression.imageId}`,
  ].filter((part): part is string => part !== undefined).join(', ');
}
