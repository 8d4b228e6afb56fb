import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AppReport, ReportedFinding, SourceLocation } from './check-report';

/**
Where code scanning resolves file paths from: the repository root, the nearest directory at or
above `dir` holding `.git`; `dir` itself outside a repository.
*/
export function sourceRootOf(dir: string): string {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, '.git'))) return current;
    if (path.dirname(current) === current) return path.resolve(dir);
  }
}

/**
The app's report with every creation site relative to `root` instead of `appDir` (the app reports
them relative to the directory it ran in), so SARIF and GitHub annotations point at the right file
when the app lives below the repository root.
*/
export function rebaseSources(report: AppReport, appDir: string, root: string): AppReport {
  if (path.resolve(appDir) === path.resolve(root)) return report;
  const rebase = (source: SourceLocation): SourceLocation =>
    ({ ...source, file: path.relative(root, path.resolve(appDir, source.file)).split(path.sep).join('/') });
  const finding = <F extends ReportedFinding>(item: F): F => (item.source ? { ...item, source: rebase(item.source) } : item);
  return {
    ...report,
    lookups: report.lookups.map((lookup) => (lookup.source ? { ...lookup, source: rebase(lookup.source) } : lookup)),
    findings: report.findings.map(finding),
    suppressed: report.suppressed.map((entry) => ({ ...entry, finding: finding(entry.finding) })),
    expiredSuppressions: report.expiredSuppressions.map((entry) => ({ ...entry, findings: entry.findings.map(finding) })),
    ignoredSuppressions: report.ignoredSuppressions.map((entry) => ({ ...entry, finding: finding(entry.finding) })),
  };
}
