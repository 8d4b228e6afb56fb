// One row of the matrix: a cold synth on an empty cache, then warm and literal synths, in this process.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LookupStats } from '../src/engine';
import type { RemoteEmulator } from './remote-emulator';
import { REPETITIONS } from './scenario';
import { median, sameStacks, settleHeap, synthLiteral, synthWithEngine } from './synth-runs';
import type { Workload } from './writing-styles';

export interface Row {
  readonly workload: Workload;
  readonly cold: LookupStats;
  readonly coldRequests: number;
  /** Emulator requests per API action during the cold run. */
  readonly coldByAction: Readonly<Record<string, number>>;
  readonly coldMs: number;
  /** Engine stats of the last warm run. */
  readonly warm: LookupStats;
  /** Emulator requests and engine-counted API calls during all the warm runs. */
  readonly warmRequests: number;
  readonly warmApiCalls: number;
  readonly warmMs: number;
  readonly literalMs: number;
  readonly sameOutput: boolean;
  /** The reads' tallies on the engine's answers (last warm run) and on the literal data. */
  readonly warmTally: number;
  readonly literalTally: number;
}

/** One cold run on an empty cache, then warm and literal runs interleaved (so drift hits both alike). */
export async function measure(workload: Workload, emulator: RemoteEmulator, workDir: string): Promise<Row> {
  const { scenario, style, snapshot, size } = workload;
  const dir = fs.mkdtempSync(path.join(workDir, `${scenario.api}-${style}-${snapshot}-n${size}-`));
  const cacheFile = path.join(dir, 'image-lookups.context.json');

  await emulator.resetStats();
  settleHeap();
  const cold = await synthWithEngine(workload, emulator.origin, cacheFile, path.join(dir, 'cold'));
  const coldEmulator = await emulator.stats();

  await emulator.resetStats();
  const warmTimes: number[] = [];
  const literalTimes: number[] = [];
  let warm = cold;
  let literal = { ms: 0, tally: 0 };
  let warmApiCalls = 0;
  for (let rep = 0; rep < REPETITIONS; rep++) {
    settleHeap();
    warm = await synthWithEngine(workload, emulator.origin, cacheFile, path.join(dir, 'warm'));
    warmTimes.push(warm.ms);
    warmApiCalls += warm.stats.apiCalls;
    settleHeap();
    literal = synthLiteral(workload, path.join(dir, 'literal'));
    literalTimes.push(literal.ms);
  }
  const warmEmulator = await emulator.stats();
  const row: Row = {
    workload,
    cold: cold.stats, coldRequests: coldEmulator.requests, coldByAction: coldEmulator.byAction, coldMs: cold.ms,
    warm: warm.stats, warmRequests: warmEmulator.requests, warmApiCalls, warmMs: median(warmTimes),
    literalMs: median(literalTimes),
    sameOutput: sameStacks(path.join(dir, 'warm'), path.join(dir, 'literal')),
    warmTally: warm.tally, literalTally: literal.tally,
  };
  fs.rmSync(dir, { recursive: true, force: true });
  return row;
}
