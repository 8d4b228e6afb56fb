import type { BaselineEntry } from '../policy/baseline';
import type { EvaluatedRule } from '../policy/evaluate-policies';
import type { FailOn } from '../policy/fail-on';
import type { PolicyFinding } from '../policy/policy-finding';
import type { PolicySubject } from '../policy/policy-subject';
import type { CheckedSuppression } from '../policy/suppression';

/**
The app ↔ CLI contract of `image-lookups check` (and, later, `diff` and `prune`).

The CLI runs the app with IMAGE_LOOKUPS_REPORT_DIR set to an empty directory. An app process that
synthesizes lookups writes one file there, `app-<pid>.json`, of this shape, once its policies are
evaluated (on the final build, before any stack is written). The CLI reads every such file, and
aggregates them into one `CheckReport`. A report file that does not match this shape is an error
(exit code 2), never skipped.
*/
export const APP_REPORT_VERSION = 1;

/** The file name of one app process's report in IMAGE_LOOKUPS_REPORT_DIR. */
export const appReportFileName = (pid: number): string => `app-${pid}.json`;

/** Where a construct was created in the stack's source: captured only under `check`. */
export interface SourceLocation {
  /** Relative to the app's working directory, with `/` separators, e.g. `stacks/golden-images.ts`. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

/** One looked-up image as the app saw it: a policy subject, and where its construct was created. */
export type LookupRecord = PolicySubject & {
  /** @default unknown (the creation site could not be told apart from library or node code) */
  readonly source?: SourceLocation;
};

/** A finding as the app reports it: where its construct was created, and what failOn applies to it. */
export interface ReportedFinding extends PolicyFinding {
  /** @default unknown */
  readonly source?: SourceLocation;
  /** The failOn in force for its construct: IMAGE_LOOKUPS_FAIL_ON, else the nearest scope's, else `error`. */
  readonly failOn: FailOn;
}

/** What one app process writes to IMAGE_LOOKUPS_REPORT_DIR. */
export interface AppReport {
  readonly version: typeof APP_REPORT_VERSION;
  /** The evaluation's clock, ISO 8601 UTC. */
  readonly evaluatedAt: string;
  /** The engine's mode: auto, offline or refresh. */
  readonly mode: string;
  /** Every lookup key the final build requested, sorted. */
  readonly requestedKeys: readonly string[];
  /**
  Requested keys whose cached answer is older than its maxAge and was not fetched again (offline
  mode). Under check the app reports them instead of failing on them: the CLI's --fail-on-stale decides.
  @default none (a report from before this field)
  */
  readonly staleKeys?: readonly string[];
  /** One line about the stale keys, with the command that refreshes them; absent when there are none. */
  readonly staleSummary?: string;
  /** Every resolved lookup of the app, in construct order. */
  readonly lookups: readonly LookupRecord[];
  /** Every rule that ran. */
  readonly rules: readonly EvaluatedRule[];
  /** Findings no unexpired suppression accepts. */
  readonly findings: readonly ReportedFinding[];
  readonly suppressed: readonly { readonly finding: ReportedFinding; readonly suppression: CheckedSuppression }[];
  readonly expiredSuppressions: readonly { readonly suppression: CheckedSuppression; readonly findings: readonly ReportedFinding[] }[];
  readonly ignoredSuppressions: readonly { readonly finding: ReportedFinding; readonly suppression: CheckedSuppression }[];
  readonly unusedSuppressions: readonly CheckedSuppression[];
}

/** The version of report.json's schema (docs in README "report.json"; schema file `src/report/report.schema.json`). */
export const CHECK_REPORT_VERSION = 1;

/** A finding in the aggregated report: whether it fails the check, and, with a baseline, whether it is new. */
export interface CheckFinding extends ReportedFinding {
  /** True when it fails the check: at its failOn or more serious, and not known to the baseline. */
  readonly failing: boolean;
}

/** Counts, for the table, JUnit's totals and pipelines that read only the summary. */
export interface CheckSummary {
  readonly lookups: number;
  readonly rules: number;
  /** Unsuppressed findings by severity. */
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** Findings that fail the check. */
  readonly failing: number;
  readonly suppressed: number;
  readonly expiredSuppressions: number;
  readonly ignoredSuppressions: number;
  readonly unusedSuppressions: number;
  /** With `--baseline`: findings it does not know, findings it knows, and entries no longer found. */
  readonly baseline?: { readonly file: string; readonly new: number; readonly known: number; readonly resolved: number };
  /** True when nothing fails: the check exits 0. */
  readonly passed: boolean;
}

/**
report.json: one check of an app, every stack and every app process aggregated. The canonical
machine format; JUnit, SARIF, the table and GitHub annotations are all rendered from it.
*/
export interface CheckReport {
  readonly schemaVersion: typeof CHECK_REPORT_VERSION;
  readonly tool: { readonly name: 'cdktf-image-lookups'; readonly version: string };
  /** When the check ran, ISO 8601 UTC. */
  readonly generatedAt: string;
  /** The evaluation's clock (the app's; pinned in examples), ISO 8601 UTC. */
  readonly evaluatedAt: string;
  readonly mode: string;
  /** `--fail-on` when given, else undefined: each finding carries the failOn in force for it. */
  readonly failOn?: FailOn;
  readonly summary: CheckSummary;
  /** Every rule that ran, once per id, sorted by id. */
  readonly rules: readonly EvaluatedRule[];
  /** Unsuppressed findings, sorted by construct path, image ID, rule id. */
  readonly findings: readonly CheckFinding[];
  readonly suppressed: readonly { readonly finding: ReportedFinding; readonly suppression: CheckedSuppression }[];
  readonly expiredSuppressions: readonly { readonly suppression: CheckedSuppression; readonly findings: readonly ReportedFinding[] }[];
  readonly ignoredSuppressions: readonly { readonly finding: ReportedFinding; readonly suppression: CheckedSuppression }[];
  readonly unusedSuppressions: readonly CheckedSuppression[];
  /** With `--baseline`: what the baseline records that was not found again. */
  readonly baselineResolved?: readonly BaselineEntry[];
}

/** lookups.json: every looked-up image of the check, for OPA/conftest and other tools. */
export interface LookupsFile {
  readonly version: 1;
  readonly generatedAt: string;
  readonly lookups: readonly LookupRecord[];
}
