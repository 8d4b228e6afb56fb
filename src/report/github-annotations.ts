import type { CheckFinding, CheckReport } from './check-report';
import { messageWithFix } from './report-text';

/**
The check's unsuppressed findings as GitHub Actions workflow commands, one line each, for a step to
print: `::error` for a failing finding, `::warning` for another error or warning, `::notice` for
info. With the construct's creation site known, the annotation points at it (`file`, `line`, `col`;
`check` makes it relative to the repository root, from which GitHub resolves it). Its title is the rule id.
*/
export function renderGithubAnnotations(report: CheckReport): string[] {
  return report.findings.map((finding) => {
    const properties: [string, string | number][] = [
      ...(finding.source === undefined ? [] : [['file', finding.source.file], ['line', finding.source.line], ['col', finding.source.column]] as [string, string | number][]),
      ['title', finding.ruleId],
    ];
    const data = `${finding.constructPath} ${finding.imageId}: ${messageWithFix(finding)}`;
    return `::${commandOf(finding)} ${properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',')}::${escapeData(data)}`;
  });
}

function commandOf(finding: CheckFinding): 'error' | 'warning' | 'notice' {
  if (finding.failing) return 'error';
  return finding.severity === 'info' ? 'notice' : 'warning';
}

// The escapes of @actions/core's command.ts: the runner decodes exactly these.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
