import type { PolicyResult } from './evaluate-policies';
import type { PolicyFinding } from './policy-finding';
import type { FindingPlace } from './suppression-match';

/** The version of the baseline format this library writes and reads. */
export const BASELINE_VERSION = 1;

/** A recorded finding: only what its fingerprint is made of. */
export type BaselineEntry = FindingPlace;

/**
The findings of one day, recorded (Checkov's `--create-baseline`): a later check fails only on
findings it does not record. Teams adopting the library on an existing estate start from one.
*/
export interface Baseline {
  readonly version: typeof BASELINE_VERSION;
  /** Sorted by fingerprint, each once, so the committed file diffs cleanly. */
  readonly findings: readonly BaselineEntry[];
}

/**
What identifies a finding across runs: its rule, construct path and image ID, never its message
(which may change wording, or quote facts that change). Two findings with one fingerprint are one
for a baseline.
*/
export function fingerprintOf(finding: FindingPlace): string {
  // JSON keeps the three apart whatever characters they hold.
  return JSON.stringify([finding.ruleId, finding.constructPath, finding.imageId]);
}

/**
Records findings as a baseline, typically `result.findings` (what is not suppressed). Findings of
a rule that threw are left out: they say nothing about the image, so they must never become known.
*/
export function createBaseline(findings: readonly PolicyFinding[]): Baseline {
  const entries = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    if (finding.ruleThrew) continue;
    const { ruleId, constructPath, imageId } = finding;
    entries.set(fingerprintOf(finding), { ruleId, constructPath, imageId });
  }
  return {
    version: BASELINE_VERSION,
    findings: [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry),
  };
}

/**
Marks each of the result's findings `known` (the baseline records its fingerprint) or `new`, so
failing findings are only the new ones, and lists in `baselineResolved` what the baseline records
but the result no longer has (suppressed findings count as still there). A finding of a rule that threw is always new.
*/
export function applyBaseline(result: PolicyResult, baseline: Baseline): PolicyResult {
  const judge = baselineJudge(baseline);
  return {
    ...result,
    findings: result.findings.map((finding) => ({ ...finding, baseline: judge.stateOf(finding) })),
    baselineResolved: judge.resolved([...result.findings, ...result.suppressed.map(({ finding }) => finding)]),
  };
}

/** How a baseline judges findings, for `applyBaseline` and for the CLI's aggregated report alike. */
export interface BaselineJudge {
  /** `known` when the baseline records the finding's fingerprint; a finding of a rule that threw is always `new`. */
  stateOf(finding: FindingPlace & { readonly ruleThrew: boolean }): 'known' | 'new';
  /** What the baseline records that `present` (findings, suppressed ones included) no longer has. */
  resolved(present: readonly FindingPlace[]): BaselineEntry[];
}

export function baselineJudge(baseline: Baseline): BaselineJudge {
  const recorded = new Map(baseline.findings.map((entry) => [fingerprintOf(entry), entry]));
  return {
    stateOf: (finding) => (!finding.ruleThrew && recorded.has(fingerprintOf(finding)) ? 'known' : 'new'),
    resolved: (present) => {
      const seen = new Set(present.map(fingerprintOf));
      return [...recorded.entries()].filter(([fingerprint]) => !seen.has(fingerprint)).map(([, entry]) => entry);
    },
  };
}
