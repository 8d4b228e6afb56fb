import { create } from 'xmlbuilder2';
import type { EvaluatedRule } from '../policy/evaluate-policies';
import { isAtLeast, type Severity } from '../policy/severity';
import type { CheckedSuppression } from '../policy/suppression';
import type { CheckFinding, CheckReport, ReportedFinding } from './check-report';
import { messageWithFix, oneLine, SEVERITY_LABELS, suppressionNote } from './report-text';

/** An element being built (xmlbuilder2 exports its builder type only from a deep path). */
type XMLBuilder = ReturnType<typeof create>;

/** The finding of a test case, with how it counts there. */
type CaseFinding =
  | { readonly finding: CheckFinding; readonly suppression?: undefined }
  | { readonly finding: ReportedFinding; readonly suppression: CheckedSuppression };

/** The totals JUnit puts on `<testsuites>` and each `<testsuite>`. */
interface Totals { tests: number; failures: number; skipped: number }

/**
The check as JUnit XML, for CI test tabs (GitLab, Jenkins, Azure Pipelines, test-reporter actions).

- one `<testsuite>` per rule (name: the rule id; `<properties>`: its API, pack, severity, suppressible, subject count);
- in it, one `<testcase>` per construct the rule checked or has findings on (name: the construct
  path, classname: the rule id), passed when it has none, suppressed findings included; and, for a
  rule that checked nothing, one passing `<testcase>` named after its API (name: the API id,
  classname: the rule id). A test case's identity (classname + name) is stable across runs, so
  CI history follows it;
- a test case with a failing finding has a `<failure type="<severity>">`, one line per failing
  finding (image, message, fix); one whose findings are all suppressed is `<skipped>` with the
  first suppression's reason, owner and expiry; every other finding of the case (not failing, or
  suppressed) is a line of its `<system-out>`.

Time stamps are the report's `generatedAt` (UTC, to the second, without zone: JUnit's format); times are 0.
*/
export function renderJunitReport(report: CheckReport): string {
  const timestamp = junitTimestamp(report.generatedAt);
  const findings = findingsByRule(report);
  const rules = [...report.rules, ...orphanRules(report, findings)];
  const document = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' });
  const root = document.ele('testsuites', { name: report.tool.name });
  const total: Totals = { tests: 0, failures: 0, skipped: 0 };
  for (const rule of rules) {
    const suite = root.ele('testsuite', { name: rule.id, timestamp, time: '0' });
    suite.ele('properties')
      .ele('property', { name: 'apiId', value: rule.apiId }).up()
      .ele('property', { name: 'packId', value: rule.packId }).up()
      .ele('property', { name: 'severity', value: rule.severity }).up()
      .ele('property', { name: 'suppressible', value: String(rule.suppressible) }).up()
      .ele('property', { name: 'subjectCount', value: String(rule.subjectCount) });
    const totals = addTestCases(suite, rule, findings.get(rule.id) ?? []);
    suite.att({ tests: String(totals.tests), failures: String(totals.failures), errors: '0', skipped: String(totals.skipped) });
    total.tests += totals.tests;
    total.failures += totals.failures;
    total.skipped += totals.skipped;
  }
  root.att({ tests: String(total.tests), failures: String(total.failures), errors: '0', skipped: String(total.skipped), time: '0', timestamp });
  return `${document.end({ prettyPrint: true })}\n`;
}

/** Adds the rule's test cases to its suite, and counts them. */
function addTestCases(suite: XMLBuilder, rule: EvaluatedRule, findings: readonly CaseFinding[]): Totals {
  const byPath = groupByConstructPath(findings);
  // Every construct the rule checked is a test case, passed when it has no finding, so a fixed finding shows as a pass.
  const paths = [...new Set([...rule.constructPaths, ...byPath.keys()])].sort();
  if (paths.length === 0) {
    suite.ele('testcase', { name: rule.apiId, classname: rule.id, time: '0' });
    return { tests: 1, failures: 0, skipped: 0 };
  }
  const totals: Totals = { tests: 0, failures: 0, skipped: 0 };
  for (const constructPath of paths) {
    const caseFindings = byPath.get(constructPath) ?? [];
    const testCase = suite.ele('testcase', { name: constructPath, classname: rule.id, time: '0' });
    totals.tests += 1;
    if (caseFindings.length === 0) continue;
    const failing = caseFindings.filter(isFailing);
    const others = caseFindings.filter((entry) => !isFailing(entry));
    if (failing.length > 0) {
      totals.failures += 1;
      const first = oneLine(failing[0].finding.message);
      testCase.ele('failure', {
        message: failing.length === 1 ? first : `${first} (and ${failing.length - 1} more)`,
        type: mostSevere(failing.map(({ finding }) => finding.severity)),
      }).txt(failing.map(findingLine).join('\n'));
    } else if (caseFindings.every(({ suppression }) => suppression !== undefined)) {
      totals.skipped += 1;
      testCase.ele('skipped', { message: `suppressed: ${suppressionNote(caseFindings[0].suppression as CheckedSuppression)}` });
    }
    if (others.length > 0) testCase.ele('system-out').txt(others.map(findingLine).join('\n'));
  }
  return totals;
}

/** One line for a finding: `[ERROR] image <id>: <message>. Fix: <fix>`, and what accepts it or knows it. */
function findingLine({ finding, suppression }: CaseFinding): string {
  const notes = [
    suppression === undefined ? undefined : `suppressed: ${suppressionNote(suppression)}`,
    finding.baseline === 'known' ? 'known to the baseline' : undefined,
  ].filter((note): note is string => note !== undefined);
  return `[${SEVERITY_LABELS[finding.severity]}] image ${finding.imageId}: ${oneLine(messageWithFix(finding))}`
    + (notes.length > 0 ? ` [${notes.join('; ')}]` : '');
}

function isFailing(entry: CaseFinding): boolean {
  return entry.suppression === undefined && entry.finding.failing;
}

function mostSevere(severities: readonly Severity[]): Severity {
  return severities.reduce((most, severity) => (isAtLeast(severity, most) ? severity : most));
}

/** Every finding of the report, unsuppressed and suppressed, by rule id. */
function findingsByRule(report: CheckReport): Map<string, CaseFinding[]> {
  const byRule = new Map<string, CaseFinding[]>();
  const entries: CaseFinding[] = [...report.findings.map((finding) => ({ finding })), ...report.suppressed];
  for (const entry of entries) {
    const list = byRule.get(entry.finding.ruleId);
    if (list) list.push(entry);
    else byRule.set(entry.finding.ruleId, [entry]);
  }
  return byRule;
}

/** Findings' rules the report does not list (a report assembled by hand): a suite each, described by the finding. */
function orphanRules(report: CheckReport, findings: ReadonlyMap<string, readonly CaseFinding[]>): EvaluatedRule[] {
  const listed = new Set(report.rules.map((rule) => rule.id));
  return [...findings.entries()].filter(([ruleId]) => !listed.has(ruleId)).map(([ruleId, [{ finding }]]) => ({
    id: ruleId, apiId: finding.apiId, packId: finding.packId, severity: finding.severity, description: '', docs: '',
    fixHint: finding.fixHint, suppressible: true, subjectCount: 0, constructPaths: [],
  }));
}

/** Test cases by construct path, sorted, so the XML does not depend on the order findings came in. */
function groupByConstructPath(findings: readonly CaseFinding[]): Map<string, CaseFinding[]> {
  const byPath = new Map<string, CaseFinding[]>();
  for (const entry of findings) {
    const list = byPath.get(entry.finding.constructPath);
    if (list) list.push(entry);
    else byPath.set(entry.finding.constructPath, [entry]);
  }
  return byPath;
}

/** JUnit's time stamp: ISO 8601 to the second, without zone (UTC here). */
function junitTimestamp(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toISOString().slice(0, 19);
}
