// A child process of the load rows (bench/load.ts): one engine synth of the scale rows' workload, a
// fill (mode auto, empty cache) or a refresh (mode refresh, filled cache), then one JSON line on
// stdout. Its own process, so the peak RSS is this run's alone; the emulator stays in the parent's
// worker thread.
import * as path from 'node:path';
import type { LookupStats } from '../src/engine';
import { SCALE_SNAPSHOT, SCALE_STYLE } from './memory';
import { scenarioOf } from './scenarios';
import { synthWithEngine } from './synth-runs';
import { workload } from './writing-styles';

/** What the parent passes, as one JSON argument. */
export interface LoadTask {
  /** The API's descriptor id. */
  readonly apiId: string;
  readonly size: number;
  readonly run: 'fill' | 'refresh';
  /** The emulator to fetch from. */
  readonly origin: string;
  /** The shared cache file; the outdir is `<dir>/<run>`. */
  readonly cacheFile: string;
  readonly dir: string;
}

export interface LoadReport {
  /** When the synth started, ISO 8601: every entry the refresh wrote is fetched at or after it. */
  readonly startedAt: string;
  /** process.resourceUsage().maxRSS before the synth (runtime, modules, the scenario's data), in bytes. */
  readonly startRssBytes: number;
  /** maxRSS after it, in bytes. */
  readonly peakRssBytes: number;
  /** resolveLookups + app.synth(), or until the error. */
  readonly ms: number;
  /** Absent when the synth failed. */
  readonly stats?: LookupStats;
  /** The synth's error (a lookup that ran out of retries, say): reported, so the parent can show it as a failed row. */
  readonly error?: string;
}

const maxRssBytes = () => process.resourceUsage().maxRSS * 1024;

async function runTask(task: LoadTask): Promise<LoadReport> {
  const load = workload(scenarioOf(task.apiId, task.size), SCALE_STYLE, SCALE_SNAPSHOT, task.size);
  const mode = task.run === 'fill' ? 'auto' : 'refresh';
  const startRssBytes = maxRssBytes();
  const startedAt = new Date().toISOString();
  const start = performance.now();
  // No forced collection before or during the run: the peak is what an app's refresh would reach.
  try {
    const { stats } = await synthWithEngine(load, task.origin, task.cacheFile, path.join(task.dir, task.run), mode);
    return { startedAt, startRssBytes, peakRssBytes: maxRssBytes(), ms: performance.now() - start, stats };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? `${typeof code === 'string' ? code : error.name}: ${error.message}` : String(error);
    return { startedAt, startRssBytes, peakRssBytes: maxRssBytes(), ms: performance.now() - start, error: message };
  }
}

runTask(JSON.parse(process.argv[2]) as LoadTask).then(
  (report) => { process.stdout.write(`${JSON.stringify(report)}\n`); },
  (error) => { console.error(error); process.exitCode = 1; },
);
