import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IConstruct } from 'constructs';
import writeFileAtomic from 'write-file-atomic';
import { LookupEngine } from '../engine/lookup-engine';
import type { AppEvaluation } from '../policy/app-evaluation';
import type { PolicyFinding } from '../policy/policy-finding';
import { APP_REPORT_VERSION, appReportFileName, type AppReport, type ReportedFinding } from './check-report';

/**
Writes this app process's side of the check contract (see `AppReport`) to `dir`: its lookups,
requested keys, rules and findings, with each finding's creation site and failOn. Atomic, so the
CLI never reads half a file.
*/
export function writeAppReport(dir: string, root: IConstruct, evaluation: AppEvaluation): void {
  fs.mkdirSync(dir, { recursive: true });
  writeFileAtomic.sync(path.join(dir, appReportFileName(process.pid)), `${JSON.stringify(appReportOf(root, evaluation), null, 2)}\n`);
}

export function appReportOf(root: IConstruct, evaluation: AppEvaluation): AppReport {
  const engine = LookupEngine.of(root);
  const sources = new Map(evaluation.lookups.map(({ subject, source }) => [subject.constructPath, source]));
  const reported = (finding: PolicyFinding): ReportedFinding => {
    const source = sources.get(finding.constructPath);
    return { ...finding, ...(source ? { source } : {}), failOn: evaluation.failOnOf(finding) };
  };
  const { result } = evaluation;
  return {
    version: APP_REPORT_VERSION,
    evaluatedAt: result.evaluatedAt,
    mode: engine.options.mode,
    requestedKeys: engine.requestedKeys,
    ...staleFieldsOf(engine),
    lookups: evaluation.lookups.map(({ subject, source }) => ({ ...subject, ...(source ? { source } : {}) })),
    rules: result.rules,
    findings: result.findings.map(reported),
    suppressed: result.suppressed.map(({ finding, suppression }) => ({ finding: reported(finding), suppression })),
    expiredSuppressions: result.expiredSuppressions.map(({ suppression, findings }) => ({ suppression, findings: findings.map(reported) })),
    ignoredSuppressions: result.ignoredSuppressions.map(({ finding, suppression }) => ({ finding: reported(finding), suppression })),
    unusedSuppressions: result.unusedSuppressions,
  };
}

function staleFieldsOf(engine: LookupEngine): Pick<AppReport, 'staleKeys' | 'staleSummary'> {
  const { staleKeys } = engine.stats();
  return staleKeys.length === 0 ? { staleKeys } : { staleKeys, staleSummary: engine.staleSummary(staleKeys) };
}
