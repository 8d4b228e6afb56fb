import { LookupInputError } from '../engine/errors/lookup-input-error';
import type { PolicyFinding } from './policy-finding';
import { isAtLeast } from './severity';

/** The least serious severity that fails a synth or a check: `error`, or `warning` to fail on warnings too. */
export type FailOn = 'error' | 'warning';

/** The default failOn. */
export const DEFAULT_FAIL_ON: FailOn = 'error';

/**
The findings that fail: those at `failOn` or more serious, except those a baseline knows
(`baseline: 'known'`). Suppressed findings are not in `findings`, so they never fail.
*/
export function failingFindings(result: { readonly findings: readonly PolicyFinding[] }, failOn: FailOn = DEFAULT_FAIL_ON): PolicyFinding[] {
  return result.findings.filter((finding) => isAtLeast(finding.severity, failOn) && finding.baseline !== 'known');
}

/**
A failOn setting as text (IMAGE_LOOKUPS_FAIL_ON, `--fail-on`): `error` or `warning`, any case; undefined
when `value` is undefined or empty. Otherwise a LookupInputError naming `input`.
*/
export function parseFailOn(value: string | undefined, input: string): FailOn | undefined {
  const text = value?.trim().toLowerCase();
  if (!text) return undefined;
  if (text === 'error' || text === 'warning') return text;
  throw new LookupInputError(input, `${JSON.stringify(value)} is not a failOn setting: use error (fail on errors) or warning (fail on warnings and errors)`);
}
