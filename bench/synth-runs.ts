// One synth of a workload, with the engine or from literal data, and the comparison of their outputs.
// Shared by the matrix (bench/measure.ts) and the memory child processes (bench/memory-child.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { App } from 'cdktf';
import { resolveLookups, type LookupMode, type LookupStats } from '../src/engine';
import { stableStringify } from '../src/engine/stable-json';
import { CONCURRENCY } from './scenario';
import type { Workload } from './writing-styles';

// A full collection without needing `node --expose-gc` (npm run bench starts plain ts-node): the flag
// set at run time exposes `gc` to contexts created afterwards.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/**
Collects the garbage of earlier runs before a timed one: otherwise a run pays for collecting what
the run before it left (a literal run for a warm run's garbage, and the other way round).
*/
export function settleHeap(): void {
  collectGarbage();
}

export interface SynthRun {
  readonly ms: number;
  /** The tally of the reads in the build that was synthesized. */
  readonly tally: number;
}

/**
resolveLookups + app.synth(). Mode auto (the default): a cold run on an empty cache file, warm on a
filled one; mode refresh fetches every lookup again (the load rows). `setUp`, when given, runs on each
build's fresh app before the stacks are built, inside the timed span (the policy rows attach their
pack with it, as an app's own code would).
*/
export async function synthWithEngine(workload: Workload, endpoint: string, cacheFile: string, outdir: string,
  mode: LookupMode = 'auto', setUp?: (app: App) => void): Promise<SynthRun & { stats: LookupStats }> {
  const start = performance.now();
  let tally = 0;
  // Every build sets the tally; the last build is the one resolveLookups returns.
  const { app, stats } = await resolveLookups((root) => { setUp?.(root); tally = workload.build(root, endpoint); }, {
    cacheFile, mode, concurrency: CONCURRENCY, createApp: () => new App({ outdir }),
  });
  app.synth();
  return { ms: performance.now() - start, stats, tally };
}

/** The same stacks built and synthesized from the literal peers: no engine, no lookups. */
export function synthLiteral(workload: Workload, outdir: string): SynthRun {
  const start = performance.now();
  const app = new App({ outdir });
  const tally = workload.buildLiteral(app);
  app.synth();
  return { ms: performance.now() - start, tally };
}

/** Whether two outdirs hold the same Terraform JSON for every stack (key order ignored). */
export function sameStacks(dirA: string, dirB: string): boolean {
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
