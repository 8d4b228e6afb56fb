import type { AppEvaluation } from './app-evaluation';
import { unusedSuppressionLine } from './policy-aspect';

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
The lines `synthWithLookups()` prints after the lookup summary: counts of the evaluation, then each
suppression that matched nothing (those attached to a stack or below are annotations too).
*/
export function policySummaryLines(evaluation: AppEvaluation): string[] {
  const { result } = evaluation;
  const bySeverity = (severity: string) => result.findings.filter((finding) => finding.severity === severity).length;
  const failing = result.findings.filter((finding) => evaluation.isFailing(finding)).length;
  const lines = [
    `image-lookups: policies: ${count(result.rules.length, 'rule')} over ${count(result.subjectCount, 'image')}: ` +
    `${count(bySeverity('error'), 'error')}, ${count(bySeverity('warning'), 'warning')}, ${bySeverity('info')} info, ${failing} failing; ` +
    `${result.suppressed.length} suppressed, ${count(result.expiredSuppressions.length, 'expired suppression')}, ` +
    `${count(result.ignoredSuppressions.length, 'ignored suppression')}, ${count(result.unusedSuppressions.length, 'unused suppression')}`,
  ];
  for (const suppression of result.unusedSuppressions) lines.push(`image-lookups: warning: ${unusedSuppressionLine(suppression)}`);
  return lines;
}
