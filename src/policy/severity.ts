/** How much a finding matters: `error` fails a check, `warning` fails one only with failOn `warning`, `info` never does. */
export type Severity = 'error' | 'warning' | 'info';

/** Every severity, least serious first. */
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];

/** Whether `severity` is `threshold` or more serious, e.g. `error` is at least `warning`. */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold);
}

/** Whether a value is one of the severities: rules written in plain JavaScript are checked at run time. */
export function isSeverity(value: unknown): value is Severity {
  return (SEVERITIES as readonly unknown[]).includes(value);
}
