// The policy rows' printed table and their sanity checks (bench/policies.ts).
import { SCALE_SNAPSHOT, SCALE_STYLE } from './memory';
import { POLICY_CLOCK, POLICY_SIZES, policyTimedRuns, type PolicyRow } from './policies';
import { table } from './report';

const ms = (value: number) => value.toFixed(1);
const ratio = (value: number) => `${value.toFixed(2)}×`;

/** What the pack added to the warm synth, in ms (the medians' difference). */
export const addedMs = (row: PolicyRow) => row.policyMs - row.noPolicyMs;
export const policyRatio = (row: PolicyRow) => row.policyMs / row.noPolicyMs;

export function formatPolicies(rows: readonly PolicyRow[]): string {
  const header = ['API', 'N', 'subjects', 'rules', 'findings e/w/i', 'suppressed', 'expected', 'no policies ms', 'policies ms', 'ratio',
    'added ms', 'added µs/subject', 'warm calls', 'same JSON'];
  const body = rows.map((row) => {
    const { evaluation: e, warmApiCalls } = row.report;
    return [row.scenario.api, String(row.size), String(e.subjects), String(e.rules), `${e.errors}/${e.warnings}/${e.infos}`, String(e.suppressed),
      `${e.expected.findings}+${e.expected.suppressed}`, ms(row.noPolicyMs), ms(row.policyMs), ratio(policyRatio(row)),
      ms(addedMs(row)), ((addedMs(row) * 1000) / e.subjects).toFixed(0), String(warmApiCalls), row.sameOutput ? 'yes' : 'NO'];
  });
  const apis = [...new Set(rows.map((row) => row.scenario))];
  const apiWidth = Math.max(...apis.map((scenario) => scenario.api.length));
  return [
    `Policies: a warm synth (resolveLookups + app.synth(), filled cache) with the API's pack attached to the app ` +
      `(ImagePolicies.of(app).addPack, clock pinned at ${POLICY_CLOCK}) against the same warm synth with no policy; ` +
      `style ${SCALE_STYLE}, snapshot ${SCALE_SNAPSHOT}, in a child process per row; ` +
      `${POLICY_SIZES.map((size) => `${policyTimedRuns(size)} of each kind at N=${size}`).join(', ')}, interleaved, each on a collected heap (median).`,
    ...apis.map((scenario) => `  ${scenario.api.padEnd(apiWidth)}  ${scenario.policies.description}`),
    '  subjects, rules   what the evaluation covered: looked-up images (duplicates across constructs included) and rules run',
    '  findings e/w/i    findings that count, by severity (errors would fail the synth); suppressed: accepted by the suppressions',
    '  expected          findings + suppressed the scenario\'s data says the pack must give over the same subjects',
    '  ratio             policies ms ÷ no policies ms; added ms: their difference, also per subject',
    '  warm calls        API calls of every warm synth, both kinds (must be 0); same JSON: both kinds write the same Terraform JSON',
    '',
    table(header, body, 1, (i) => rows[i].scenario !== rows[i - 1].scenario),
  ].join('\n');
}

/** Counts that disagree, or policies that changed what they must not: never a slow machine. */
export function policySanityProblems(row: PolicyRow): string[] {
  const at = `${row.scenario.api} policies N=${row.size}`;
  const { report } = row;
  const { evaluation: e } = report;
  const problems: string[] = [];
  if (row.requests !== report.coldApiCalls) problems.push(`${at}: the emulator saw ${row.requests} requests but the cold fill counted ${report.coldApiCalls} (the warm synths must make none)`);
  if (report.warmApiCalls !== 0 || report.warmMisses !== 0) problems.push(`${at}: the warm synths made ${report.warmApiCalls} API calls with ${report.warmMisses} cache misses, expected 0`);
  if (report.evaluatedWithoutPolicies) problems.push(`${at}: a synth with no policy attached evaluated policies`);
  if (e.subjects !== report.requested) problems.push(`${at}: the evaluation covered ${e.subjects} subjects, the stacks looked up ${report.requested} images`);
  if (e.ruleThrew > 0) problems.push(`${at}: ${e.ruleThrew} findings of rules that threw`);
  if (e.errors > 0) problems.push(`${at}: ${e.errors} error findings, yet the synth passed`);
  const found = e.errors + e.warnings + e.infos;
  if (found !== e.expected.findings || e.suppressed !== e.expected.suppressed) {
    problems.push(`${at}: ${found} findings and ${e.suppressed} suppressed, the data says ${e.expected.findings} and ${e.expected.suppressed}`);
  }
  if (report.policyTally !== report.noPolicyTally) problems.push(`${at}: the reads saw other values with policies (tally ${report.policyTally}, without ${report.noPolicyTally})`);
  if (!row.sameOutput) problems.push(`${at}: the synth with policies wrote other Terraform JSON than the one without`);
  return problems;
}
