// A child process of the policy rows (bench/policies.ts): fills a cache with one cold synth, then times
// warm synths of the same workload with the API's pack attached to the app and without any policy,
// interleaved, and reports them as one JSON line on stdout. Its own process, like the scale rows'
// children, so a 10,000-ID heap does not weigh on the parent's other rows.
import * as path from 'node:path';
import type { App } from 'cdktf';
import { existingAppEvaluation } from '../src/policy/app-evaluation';
import { ImagePolicies } from '../src/policy/image-policies';
import { SCALE_SNAPSHOT, SCALE_STYLE } from './memory';
import { POLICY_CLOCK } from './policies';
import type { ExpectedFindings } from './scenario';
import { scenarioOf } from './scenarios';
import { settleHeap, synthWithEngine } from './synth-runs';
import { workload } from './writing-styles';

/** What the parent passes, as one JSON argument. */
export interface PolicyTask {
  /** The API's descriptor id. */
  readonly apiId: string;
  readonly size: number;
  /** The parent's emulator (only the cold fill calls it). */
  readonly origin: string;
  /** Where the cache file and the outdirs go: `<dir>/policies` and `<dir>/none` hold the last synth of each kind. */
  readonly dir: string;
  /** Timed synths of each kind, interleaved, for the medians. */
  readonly timedRuns: number;
}

/** What the evaluation of the last synth with policies held. */
export interface EvaluationSummary {
  readonly rules: number;
  readonly subjects: number;
  /** Findings that count, by severity. */
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  readonly suppressed: number;
  /** Findings of rules that threw: always a bug here. */
  readonly ruleThrew: number;
  /** What the scenario's data says the evaluation must find, over the same subjects. */
  readonly expected: ExpectedFindings;
}

export interface PolicyReport {
  /** Image IDs given to constructs, duplicates across constructs included: the subjects an evaluation must see. */
  readonly requested: number;
  /** Warm synths (resolveLookups + app.synth()) with the pack attached, each on a collected heap, in ms. */
  readonly policyMs: readonly number[];
  /** The same without any policy attached. */
  readonly noPolicyMs: readonly number[];
  readonly coldApiCalls: number;
  /** API calls the engine counted over every warm synth, both kinds (must be 0). */
  readonly warmApiCalls: number;
  /** Cache misses over every warm synth, both kinds (must be 0). */
  readonly warmMisses: number;
  /** The reads' tallies, last synth of each kind (equal: policies change nothing the stack code reads). */
  readonly policyTally: number;
  readonly noPolicyTally: number;
  readonly evaluation: EvaluationSummary;
  /** Whether a synth without policies made an evaluation anyway (it must not). */
  readonly evaluatedWithoutPolicies: boolean;
}

async function runTask(task: PolicyTask): Promise<PolicyReport> {
  const scenario = scenarioOf(task.apiId, task.size);
  const load = workload(scenario, SCALE_STYLE, SCALE_SNAPSHOT, task.size);
  const cacheFile = path.join(task.dir, 'image-lookups.context.json');
  const clock = new Date(POLICY_CLOCK);
  const cold = await synthWithEngine(load, task.origin, cacheFile, path.join(task.dir, 'cold'));

  // The final build's app of the synth running, for the checks after it; cleared before the next timed synth.
  let lastApp: App | undefined;
  let evaluation: EvaluationSummary | undefined;
  let evaluatedWithoutPolicies = false;
  let warmApiCalls = 0;
  let warmMisses = 0;
  // As an app's code would: the pack is made and attached on each build's app (one build when warm).
  const withPolicies = (app: App) => {
    const policies = ImagePolicies.of(app).pinClock(clock).addPack(scenario.policies.pack());
    if (scenario.policies.suppressions.length > 0) policies.suppress(...scenario.policies.suppressions);
    lastApp = app;
  };
  const kinds = {
    policies: async () => {
      const run = await synthWithEngine(load, task.origin, cacheFile, path.join(task.dir, 'policies'), 'auto', withPolicies);
      evaluation = summarize(lastApp!, scenario.policies.expectedFindings, clock);
      return run;
    },
    none: async () => {
      const run = await synthWithEngine(load, task.origin, cacheFile, path.join(task.dir, 'none'), 'auto', (app) => { lastApp = app; });
      evaluatedWithoutPolicies ||= existingAppEvaluation(lastApp!) !== undefined;
      return run;
    },
  };
  const ms: Record<keyof typeof kinds, number[]> = { policies: [], none: [] };
  const tally: Record<keyof typeof kinds, number> = { policies: 0, none: 0 };
  const runKind = async (kind: keyof typeof kinds, timed: boolean) => {
    settleHeap();
    const run = await kinds[kind]();
    lastApp = undefined;
    warmApiCalls += run.stats.apiCalls;
    warmMisses += run.stats.lookups - run.stats.cacheHits;
    tally[kind] = run.tally;
    if (timed) ms[kind].push(run.ms);
  };
  // Discarded: loads the policy modules and warms the JIT for both kinds.
  await runKind('policies', false);
  await runKind('none', false);
  // Interleaved, the order swapped every repetition, so drift and the heap one kind leaves hit both alike.
  for (let rep = 0; rep < task.timedRuns; rep++) {
    const order: (keyof typeof kinds)[] = rep % 2 === 0 ? ['none', 'policies'] : ['policies', 'none'];
    for (const kind of order) await runKind(kind, true);
  }
  return {
    requested: load.requested, policyMs: ms.policies, noPolicyMs: ms.none, coldApiCalls: cold.stats.apiCalls, warmApiCalls, warmMisses,
    policyTally: tally.policies, noPolicyTally: tally.none, evaluation: evaluation!, evaluatedWithoutPolicies,
  };
}

/** The evaluation the synth of `app` made, counted, with what the data says it must find over the same subjects. */
function summarize(app: App, expectedFindings: (imageIds: readonly string[], now: Date) => ExpectedFindings, clock: Date): EvaluationSummary {
  const made = existingAppEvaluation(app);
  if (!made) throw new Error('the synth with policies attached made no evaluation: the policy aspect did not run');
  const { result, lookups } = made;
  const bySeverity = (severity: string) => result.findings.filter((finding) => finding.severity === severity).length;
  return {
    rules: result.rules.length,
    subjects: result.subjectCount,
    errors: bySeverity('error'),
    warnings: bySeverity('warning'),
    infos: bySeverity('info'),
    suppressed: result.suppressed.length,
    ruleThrew: result.findings.filter((finding) => finding.ruleThrew).length,
    expected: expectedFindings(lookups.map(({ subject }) => subject.imageId), clock),
  };
}

runTask(JSON.parse(process.argv[2]) as PolicyTask).then(
  (report) => { process.stdout.write(`${JSON.stringify(report)}\n`); },
  (error) => { console.error(error); process.exitCode = 1; },
);
