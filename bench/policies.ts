// The policy rows: what the API's policy pack, attached to the app, adds to a warm synth. Policies run
// in a cdktf aspect during app.synth() (src/policy/policy-aspect.ts), so both kinds time
// resolveLookups + app.synth(), on the same filled cache, in the same child process (bench/policies-child.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runBenchChild } from './child-process';
import type { PolicyReport, PolicyTask } from './policies-child';
import type { RemoteEmulator } from './remote-emulator';
import { SCALE_TIMED_RUNS } from './memory';
import { REPETITIONS, SCALE_SIZES, TARGET_SIZE, type Scenario } from './scenario';
import { median, sameStacks } from './synth-runs';

/** Sizes of the policy rows: the scale rows'. */
export const POLICY_SIZES = SCALE_SIZES;
/**
Timed warm synths of each kind (with and without policies), interleaved; the median is reported. As
many as the matrix's repetitions up to N=1000, as the scale rows' above (a 10,000-ID synth with policies takes seconds).
*/
export const policyTimedRuns = (size: number) => (size <= TARGET_SIZE ? REPETITIONS : SCALE_TIMED_RUNS);
/** The clock the rows pin (ImagePolicies.pinClock), so the findings do not change with the calendar. */
export const POLICY_CLOCK = '2026-06-01T00:00:00Z';
/** A hung child fails its row instead of running on (a 10,000-ID child normally needs about a minute on 2 idle CPUs). */
const CHILD_TIME_LIMIT_MS = 300_000;

export interface PolicyRow {
  readonly scenario: Scenario;
  readonly size: number;
  readonly report: PolicyReport;
  /** Requests the emulator saw while the child ran (the cold fill's only). */
  readonly requests: number;
  /** Medians of the warm synths with the pack attached and without any policy. */
  readonly policyMs: number;
  readonly noPolicyMs: number;
  /** Whether both kinds synthesize the same Terraform JSON (policies only annotate). */
  readonly sameOutput: boolean;
}

const runChild = (task: PolicyTask) => runBenchChild<PolicyTask, PolicyReport>('policies-child.ts', task, CHILD_TIME_LIMIT_MS);

export async function measurePolicies(scenario: Scenario, size: number, emulator: RemoteEmulator, workDir: string): Promise<PolicyRow> {
  const dir = fs.mkdtempSync(path.join(workDir, `${scenario.api}-policies-n${size}-`));
  try {
    await emulator.resetStats();
    const report = await runChild({ apiId: scenario.apiId, size, origin: emulator.origin, dir, timedRuns: policyTimedRuns(size) });
    const { requests } = await emulator.stats();
    return {
      scenario, size, report, requests,
      policyMs: median(report.policyMs), noPolicyMs: median(report.noPolicyMs),
      sameOutput: sameStacks(path.join(dir, 'policies'), path.join(dir, 'none')),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
