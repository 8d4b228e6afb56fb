import { baselineJudge, type Baseline, type BaselineEntry } from '../policy/baseline';
import type { EvaluatedRule } from '../policy/evaluate-policies';
import type { FailOn } from '../policy/fail-on';
import { isAtLeast } from '../policy/severity';
import { CHECK_REPORT_VERSION, type AppReport, type CheckFinding, type CheckReport, type LookupsFile, type ReportedFinding } from './check-report';

/** How to aggregate. */
export interface AggregateOptions {
  /** The check's time, ISO 8601 UTC. */
  readonly generatedAt: string;
  /** This library's version, for `tool.version`. */
  readonly toolVersion: string;
  /** `--fail-on`: wins over each finding's own failOn. @default each finding's */
  readonly failOn?: FailOn;
  /** `--baseline`: findings it records are known and do not fail. @default no baseline */
  readonly baseline?: { readonly file: string; readonly baseline: Baseline };
}

const byPlace = (a: ReportedFinding, b: ReportedFinding) =>
  compare(a.constructPath, b.constructPath) || compare(a.imageId, b.imageId) || compare(a.ruleId, b.ruleId);

/**
One report for a whole check: every app process's report (usually one, covering every stack) put
together, sorted so that two checks of the same app diff cleanly, with failing decided once.
*/
export function aggregateReports(reports: readonly AppReport[], options: AggregateOptions): CheckReport {
  const rules = new Map<string, EvaluatedRule>();
  for (const rule of reports.flatMap((report) => report.rules)) if (!rules.has(rule.id)) rules.set(rule.id, rule);
  const judge = options.baseline && baselineJudge(options.baseline.baseline);
  const findings: CheckFinding[] = reports.flatMap((report) => report.findings).sort(byPlace).map((finding) => {
    const failOn = options.failOn ?? finding.failOn;
    const baseline = judge ? judge.stateOf(finding) : undefined;
    return { ...finding, failOn, ...(baseline ? { baseline } : {}), failing: isAtLeast(finding.severity, failOn) && baseline !== 'known' };
  });
  const suppressed = reports.flatMap((report) => report.suppressed).sort((a, b) => byPlace(a.finding, b.finding));
  const baselineResolved: BaselineEntry[] | undefined = judge ? judge.resolved([...findings, ...suppressed.map(({ finding }) => finding)]) : undefined;
  const expiredSuppressions = reports.flatMap((report) => report.expiredSuppressions);
  const ignoredSuppressions = reports.flatMap((report) => report.ignoredSuppressions);
  const unusedSuppressions = reports.flatMap((report) => report.unusedSuppressions);
  const count = (severity: string) => findings.filter((finding) => finding.severity === severity).length;
  const failing = findings.filter((finding) => finding.failing).length;
  return {
    schemaVersion: CHECK_REPORT_VERSION,
    tool: { name: 'cdktf-image-lookups', version: options.toolVersion },
    generatedAt: options.generatedAt,
    evaluatedAt: reports[0]?.evaluatedAt ?? options.generatedAt,
    mode: reports[0]?.mode ?? 'auto',
    ...(options.failOn ? { failOn: options.failOn } : {}),
    summary: {
      lookups: reports.reduce((total, report) => total + report.lookups.length, 0),
      rules: rules.size,
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
      failing,
      suppressed: suppressed.length,
      expiredSuppressions: expiredSuppressions.length,
      ignoredSuppressions: ignoredSuppressions.length,
      unusedSuppressions: unusedSuppressions.length,
      ...(options.baseline && baselineResolved ? {
        baseline: {
          file: options.baseline.file,
          new: findings.filter((finding) => finding.baseline === 'new').length,
          known: findings.filter((finding) => finding.baseline === 'known').length,
          resolved: baselineResolved.length,
        },
      } : {}),
      passed: failing === 0,
    },
    rules: [...rules.values()].sort((a, b) => compare(a.id, b.id)),
    findings,
    suppressed,
    expiredSuppressions,
    ignoredSuppressions,
    unusedSuppressions,
    ...(baselineResolved ? { baselineResolved } : {}),
  };
}

/** lookups.json: every app process's lookups, in construct order. */
export function lookupsFileOf(reports: readonly AppReport[], generatedAt: string): LookupsFile {
  return { version: 1, generatedAt, lookups: reports.flatMap((report) => report.lookups) };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
