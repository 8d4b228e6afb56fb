import picomatch from 'picomatch';
import type { CheckedSuppression } from './suppression';

/** Where a finding is, as suppressions and baselines see it. */
export interface FindingPlace {
  readonly ruleId: string;
  readonly constructPath: string;
  readonly imageId: string;
}

/**
A test of whether a suppression applies to a finding: the same rule, a construct path its glob
matches (when it has one) and the same image (when it names one). Whether it has expired is `isExpired`'s business.
*/
export function suppressionMatcher(suppression: CheckedSuppression): (finding: FindingPlace) => boolean {
  // Construct paths always use '/', on every OS; dot: a construct id may start with a dot.
  const pathMatches = suppression.constructPath === undefined ? () => true
    : picomatch(suppression.constructPath, { dot: true, windows: false });
  return (finding) => finding.ruleId === suppression.ruleId
    && (suppression.imageId === undefined || finding.imageId === suppression.imageId)
    && pathMatches(finding.constructPath);
}

/** Whether a suppression has expired at `now`: from its `expiresAt` on (a suppression without one never expires). */
export function isExpired(suppression: CheckedSuppression, now: Date): boolean {
  return suppression.expiresAt !== undefined && now.getTime() >= Date.parse(suppression.expiresAt);
}
