// Runs one scenario at one size: a cold synth on an empty cache, then warm and literal synths.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { App } from 'cdktf';
import { resolveLookups, type LookupMode, type LookupStats } from '../src/engine';
import { stableStringify } from '../src/engine/stable-json';
import type { RemoteEmulator } from './remote-emulator';
import { CONCURRENCY, REPETITIONS, type Scenario, type Workload } from './scenario';

export interface Row {
  readonly scenario: Scenario;
  readonly size: number;
  readonly requested: number;
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
}

async function synthWithEngine(workload: Workload, endpoint: string, cacheFile: string, outdir: string, mode: LookupMode) {
  const start = performance.now();
  const { app, stats } = await resolveLookups((root) => workload.build(root, endpoint), {
    cacheFile, mode, concurrency: CONCURRENCY, createApp: () => new App({ outdir }),
  });
  app.synth();
  return { ms: performance.now() - start, stats };
}

function synthLiteral(workload: Workload, outdir: string): number {
  const start = performance.now();
  const app = new App({ outdir });
  workload.buildLiteral(app);
  app.synth();
  return performance.now() - start;
}

/** Whether two outdirs hold the same Terraform JSON for every stack (key order ignored). */
function sameStacks(dirA: string, dirB: string): boolean {
  const read = (dir: string) => {
    const stacksDir = path.join(dir, 'stacks');
    return stableStringify(fs.readdirSync(stacksDir).sort().map((stack) =>
      [stack, JSON.parse(fs.readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8'))]));
  };
  return read(dirA) === read(dirB);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One cold run on an empty cache, then warm and literal runs interleaved (so drift hits both alike). */
export async function measure(scenario: Scenario, size: number, emulator: RemoteEmulator, workDir: string): Promise<Row> {
  const workload = scenario.workload(size);
  const dir = fs.mkdtempSync(path.join(workDir, `${scenario.api}-n${size}-`));
  const cacheFile = path.join(dir, 'image-lookups.context.json');

  await emulator.resetStats();
  const cold = await synthWithEngine(workload, emulator.origin, cacheFile, path.join(dir, 'cold'), 'auto');
  const coldEmulator = await emulator.stats();

  await emulator.resetStats();
  const warmTimes: number[] = [];
  const literalTimes: number[] = [];
  let warm = cold;
  let warmApiCalls = 0;
  for (let rep = 0; rep < REPETITIONS; rep++) {
    warm = await synthWithEngine(workload, emulator.origin, cacheFile, path.join(dir, 'warm'), 'auto');
    warmTimes.push(warm.ms);
    warmApiCalls += warm.stats.apiCalls;
    literalTimes.push(synthLiteral(workload, path.join(dir, 'literal')));
  }
  const warmEmulator = await emulator.stats();
  const row: Row = {
    scenario, size, requested: workload.requested,
    cold: cold.stats, coldRequests: coldEmulator.requests, coldByAction: coldEmulator.byAction, coldMs: cold.ms,
    warm: warm.stats, warmRequests: warmEmulator.requests, warmApiCalls, warmMs: median(warmTimes),
    literalMs: median(literalTimes),
    sameOutput: sameStacks(path.join(dir, 'warm'), path.join(dir, 'literal')),
  };
  // Each size's outdirs hold thousands of small files: free them before the next size.
  fs.rmSync(dir, { recursive: true, force: true });
  return row;
}
