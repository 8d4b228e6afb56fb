import type { PolicyFinding } from './policy-finding';
import type { CheckedSuppression } from './suppression';
import { isExpired, suppressionMatcher } from './suppression-match';

/** A finding a suppression accepted: it fails nothing, but is still counted and listed. */
export interface SuppressedFinding {
  readonly finding: PolicyFinding;
  /** The first suppression in the list that accepts it. */
  readonly suppression: CheckedSuppression;
}

/** A suppression whose `expiresAt` has passed, with the findings it matches: they are reported again. */
export interface ExpiredSuppression {
  readonly suppression: CheckedSuppression;
  /** What it would accept if it had not expired (empty when it matches nothing any more). */
  readonly findings: readonly PolicyFinding[];
}

/** A suppression that matches a finding of a rule that cannot be suppressed: the finding stays. */
export interface IgnoredSuppression {
  readonly finding: PolicyFinding;
  readonly suppression: CheckedSuppression;
}

/** How suppressions split an evaluation's findings. Nothing is dropped: every finding is in `findings` or `suppressed`. */
export interface SuppressionOutcome {
  /** The findings that count: none of the unexpired suppressions accepts them. */
  readonly findings: readonly PolicyFinding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly expiredSuppressions: readonly ExpiredSuppression[];
  /** Suppressions matching findings of non-suppressible rules, which ignore them. */
  readonly ignoredSuppressions: readonly IgnoredSuppression[];
  /** Unexpired suppressions that match no finding: no longer needed, or naming the wrong rule, path or image. */
  readonly unusedSuppressions: readonly CheckedSuppression[];
}

/**
Splits findings by the suppressions that apply at `now`. A finding of a rule that threw is never
suppressed (a broken rule checked nothing); one of a non-suppressible rule (`isSuppressible` false
for its rule id) stays, and the suppressions matching it are listed as ignored.
*/
export function applySuppressions(
  findings: readonly PolicyFinding[],
  suppressions: readonly CheckedSuppression[],
  isSuppressible: (ruleId: string) => boolean,
  now: Date,
): SuppressionOutcome {
  const candidates = suppressions.map((suppression) => ({
    suppression, matches: suppressionMatcher(suppression), expired: isExpired(suppression, now), findings: [] as PolicyFinding[],
  }));
  const kept: PolicyFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const ignoredSuppressions: IgnoredSuppression[] = [];
  for (const finding of findings) {
    const matching = finding.ruleThrew ? [] : candidates.filter((candidate) => candidate.matches(finding));
    matching.forEach((candidate) => candidate.findings.push(finding));
    const active = matching.filter((candidate) => !candidate.expired);
    if (active.length > 0 && isSuppressible(finding.ruleId)) {
      suppressed.push({ finding, suppression: active[0].suppression });
      continue;
    }
    kept.push(finding);
    active.forEach(({ suppression }) => ignoredSuppressions.push({ finding, suppression }));
  }
  return {
    findings: kept,
    suppressed,
    expiredSuppressions: candidates.filter((candidate) => candidate.expired)
      .map(({ suppression, findings: matched }) => ({ suppression, findings: matched })),
    ignoredSuppressions,
    unusedSuppressions: candidates.filter((candidate) => !candidate.expired && candidate.findings.length === 0)
      .map(({ suppression }) => suppression),
  };
}
