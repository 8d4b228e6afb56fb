// The load rows (issue 8, item 13): a refresh of 10,000 lookups per API against an emulator that
// answers 5% of requests with the API's own throttling error, checked to bring back all the data.
// The fill (mode auto, empty cache) and the refresh each run in a child process (bench/load-child.ts),
// so the refresh's peak RSS is its own. The fill fetches from the bench's other, unthrottled
// emulator, so the check can tell an entry the refresh fetched from one it merely kept.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkCompleteness, type Completeness } from './cache-completeness';
import { runBenchChild } from './child-process';
import type { LoadReport, LoadTask } from './load-child';
import type { RemoteEmulator } from './remote-emulator';
import type { Scenario } from './scenario';

export const LOAD_SIZE = 10_000;
/** The share of requests the load emulator answers with throttling, in each API's dialect. */
export const LOAD_THROTTLE_RATE = 0.05;
/** A hung child fails its row instead of running on (a 10,000-ID refresh normally takes well under a minute). */
const CHILD_TIME_LIMIT_MS = 180_000;

export interface LoadRow {
  readonly scenario: Scenario;
  readonly size: number;
  readonly fill: LoadReport;
  readonly refresh: LoadReport;
  /** HTTP requests the throttled emulator saw during the refresh. */
  readonly requests: number;
  /** Of those, how many it answered with throttling. */
  readonly throttled: number;
  readonly completeness: Completeness;
}

const runChild = (task: LoadTask) => runBenchChild<LoadTask, LoadReport>('load-child.ts', task, CHILD_TIME_LIMIT_MS);

/** Fills a cache from `fillEmulator`, then refreshes all of it from `throttledEmulator` and checks what it holds. */
export async function measureLoad(scenario: Scenario, size: number, fillEmulator: RemoteEmulator, throttledEmulator: RemoteEmulator,
  workDir: string): Promise<LoadRow> {
  const dir = fs.mkdtempSync(path.join(workDir, `${scenario.api}-load-n${size}-`));
  const task = (run: LoadTask['run'], origin: string): LoadTask =>
    ({ apiId: scenario.apiId, size, run, origin, cacheFile: path.join(dir, 'image-lookups.context.json'), dir });
  try {
    const fillTask = task('fill', fillEmulator.origin);
    const fill = await runChild(fillTask);
    // The fill's emulator injects nothing: a failure there is a bug, and leaves nothing to refresh.
    if (fill.error !== undefined) throw new Error(`${scenario.api} load rows: the fill (no faults) failed: ${fill.error}`);
    await throttledEmulator.resetStats();
    const refresh = await runChild(task('refresh', throttledEmulator.origin));
    const { requests } = await throttledEmulator.stats();
    const throttled = (await throttledEmulator.faultsAnswered()).throttle ?? 0;
    const completeness = checkCompleteness(fillTask.cacheFile, scenario.expectedCache(size), throttledEmulator.origin, refresh.startedAt);
    return { scenario, size, fill, refresh, requests, throttled, completeness };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
