// The memory and scale rows: peak RSS and warm time for one style and snapshot at larger N, each
// run kind in a child process of its own (bench/memory-child.ts) so each peak is that run's alone.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SnapshotResourceType } from '../src/snapshot';
import { runBenchChild } from './child-process';
import type { ChildReport, ChildTask } from './memory-child';
import type { RemoteEmulator } from './remote-emulator';
import type { Scenario } from './scenario';
import { median, sameStacks } from './synth-runs';
import type { WritingStyle } from './writing-styles';

/** The rows' style and snapshot: the README's way of writing lookups (each read right after it is made), with the default snapshot. */
export const SCALE_STYLE: WritingStyle = 'read-after-create';
export const SCALE_SNAPSHOT: SnapshotResourceType = 'null_resource';
/** Warm (or literal) synths timed per child after its peak is read; the median is reported. */
export const SCALE_TIMED_RUNS = 3;
/** A hung child fails its row instead of running on (a 10,000-ID child normally needs well under a minute). */
const CHILD_TIME_LIMIT_MS = 180_000;

export interface ScaleRow {
  readonly scenario: Scenario;
  readonly size: number;
  readonly engine: ChildReport;
  readonly literal: ChildReport;
  /** Requests the emulator saw while the engine child ran (cold and warm). */
  readonly engineRequests: number;
  readonly warmMs: number;
  readonly literalMs: number;
  readonly sameOutput: boolean;
}

const runChild = (task: ChildTask) => runBenchChild<ChildTask, ChildReport>('memory-child.ts', task, CHILD_TIME_LIMIT_MS);

export async function measureScale(scenario: Scenario, size: number, emulator: RemoteEmulator, workDir: string): Promise<ScaleRow> {
  const dir = fs.mkdtempSync(path.join(workDir, `${scenario.api}-scale-n${size}-`));
  const task = (run: ChildTask['run']): ChildTask => ({
    apiId: scenario.apiId, style: SCALE_STYLE, snapshot: SCALE_SNAPSHOT, size, run, origin: emulator.origin, dir, timedRuns: SCALE_TIMED_RUNS,
  });
  try {
    await emulator.resetStats();
    const engine = await runChild(task('engine'));
    const engineRequests = (await emulator.stats()).requests;
    const literal = await runChild(task('literal'));
    return {
      scenario, size, engine, literal, engineRequests,
      warmMs: median(engine.ms), literalMs: median(literal.ms),
      sameOutput: sameStacks(path.join(dir, 'engine'), path.join(dir, 'literal')),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
