// A child process of the memory and scale rows (bench/memory.ts): it does one run kind, then reports
// its peak RSS as one JSON line on stdout. Its own process, so its peak is its own; the emulator
// stays in the parent's worker thread, so the emulator's memory is not counted.
import * as path from 'node:path';
import type { LookupStats } from '../src/engine';
import type { SnapshotResourceType } from '../src/snapshot';
import { scenarioOf } from './scenarios';
import { settleHeap, synthLiteral, synthWithEngine, type SynthRun } from './synth-runs';
import { workload, type WritingStyle } from './writing-styles';

/** What the parent passes, as one JSON argument. */
export interface ChildTask {
  /** The API's descriptor id. */
  readonly apiId: string;
  readonly style: WritingStyle;
  readonly snapshot: SnapshotResourceType;
  readonly size: number;
  /** `engine`: a cold then a warm synth (then the timed warm ones); `literal`: the literal synth as often. */
  readonly run: 'engine' | 'literal';
  /** The parent's emulator. */
  readonly origin: string;
  /** Where the cache file and the outdirs go; the last synth's outdir is `<dir>/<run>`. */
  readonly dir: string;
  /** Synths timed after the peak RSS is read (warm ones, or literal ones), for the median. */
  readonly timedRuns: number;
}

export interface ChildReport {
  /** process.resourceUsage().maxRSS before the first synth (runtime, modules, the scenario's data), in bytes. */
  readonly startRssBytes: number;
  /** maxRSS after the runs the peak is defined on (cold then warm, or literal twice), in bytes. */
  readonly peakRssBytes: number;
  /** Times of the warm (engine) or literal synths run after the peak was read, each on a collected heap. */
  readonly ms: readonly number[];
  readonly tally: number;
  /** Engine runs only. */
  readonly cold?: LookupStats;
  readonly warmApiCalls?: number;
}

const maxRssBytes = () => process.resourceUsage().maxRSS * 1024;

/** `count` synths, each after a full collection: their times, and the last run (`previous` if none). */
async function timedRuns<Run extends SynthRun>(count: number, synth: () => Run | Promise<Run>, previous: Run): Promise<{ ms: number[]; last: Run }> {
  const ms: number[] = [];
  let last = previous;
  for (let rep = 0; rep < count; rep++) {
    settleHeap();
    last = await synth();
    ms.push(last.ms);
  }
  return { ms, last };
}

async function runTask(task: ChildTask): Promise<ChildReport> {
  const load = workload(scenarioOf(task.apiId, task.size), task.style, task.snapshot, task.size);
  const outdir = path.join(task.dir, task.run);
  const startRssBytes = maxRssBytes();
  // The peak phase runs as an app would, with no forced collections, which would lower the peak.
  if (task.run === 'literal') {
    synthLiteral(load, outdir);
    const second = synthLiteral(load, outdir);
    const peakRssBytes = maxRssBytes();
    const { ms, last } = await timedRuns(task.timedRuns, () => synthLiteral(load, outdir), second);
    return { startRssBytes, peakRssBytes, ms, tally: last.tally };
  }
  const cacheFile = path.join(task.dir, 'image-lookups.context.json');
  const cold = await synthWithEngine(load, task.origin, cacheFile, path.join(task.dir, 'cold'));
  const warm = await synthWithEngine(load, task.origin, cacheFile, outdir);
  const peakRssBytes = maxRssBytes();
  let warmApiCalls = warm.stats.apiCalls;
  const { ms, last } = await timedRuns(task.timedRuns, async () => {
    const run = await synthWithEngine(load, task.origin, cacheFile, outdir);
    warmApiCalls += run.stats.apiCalls;
    return run;
  }, warm);
  return { startRssBytes, peakRssBytes, ms, tally: last.tally, cold: cold.stats, warmApiCalls };
}

runTask(JSON.parse(process.argv[2]) as ChildTask).then(
  (report) => { process.stdout.write(`${JSON.stringify(report)}\n`); },
  (error) => { console.error(error); process.exitCode = 1; },
);
