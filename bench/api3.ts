// The API 3.0 rows (issue 12, item 3): the Tencent scenario's stacks over DescribeImageSharePermission,
// which takes one image per call and allows 10 calls per second per account. At N = 100 and 1000, a
// cold synth (mode auto, empty cache) in a child process (bench/api3-child.ts) against an emulator of
// its own that enforces that limit over a sliding second; its request log counts the throttled answers.
// The fetch's wall time is compared with max(N ÷ rate, calls × latency ÷ concurrency): pacing, not
// concurrency, sets the pace. A probe then sends a burst far above the limit, to show the emulator
// really throttles (a limit that was off would make "0 throttled" mean nothing).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EmulatorDataInput } from '../src/emulator';
import { TENCENT_API3_DOCUMENTED_RPS } from '../src/tencent-image-shares/client-config';
import type { Api3Report, Api3Task } from './api3-child';
import { checkCompleteness, type Completeness } from './cache-completeness';
import { runBenchChild } from './child-process';
import { RemoteEmulator } from './remote-emulator';
import { CONCURRENCY, LATENCY_MS, type Scenario, type ValueCheck } from './scenario';

export const API3_SIZES = [100, 1000];
/** The client's default rate, and the limit the emulator enforces: the documented 10 calls per second. */
export const API3_RATE = TENCENT_API3_DOCUMENTED_RPS;
/** The probe: this many images at this client rate, far above the limit. */
const PROBE_SIZE = 30;
const PROBE_REQUESTS_PER_SECOND = 1000;
/** A hung child fails its row instead of running on (N = 1000 takes 100 s at 10/s). */
const CHILD_TIME_LIMIT_MS = 300_000;

export interface Api3Row {
  readonly size: number;
  readonly report: Api3Report;
  /** HTTP requests the emulator saw during the run. */
  readonly requests: number;
  /** Of those, the answers it throttled (RequestLimitExceeded and its variants). */
  readonly throttled: number;
  /** The longest the emulator's event loop was held up during the run, in milliseconds. */
  readonly emulatorStallMs: number;
  /** Every answer's outcome as the emulator's request log names it, with its count. */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly completeness: Completeness;
}

/** The rows, and the probe's throttled answers (must be more than 0). */
export interface Api3Rows {
  readonly rows: readonly Api3Row[];
  readonly probe: { readonly requests: number; readonly throttled: number; readonly error?: string };
}

/** Throttling answers, whatever their variant, in the emulator's request log. */
const throttledAnswers = (outcomes: Readonly<Record<string, number>>) =>
  Object.entries(outcomes).filter(([outcome]) => outcome.includes('RequestLimitExceeded')).reduce((sum, [, count]) => sum + count, 0);

/** What the cold run fetches over API 3.0: the scenario's image keys (no account key: that API has no quota), named by that API. */
function api3ExpectedCache(scenario: Scenario, size: number): Map<string, ValueCheck> {
  const v2Prefix = 'tencent:GetImageShareUinInfo:';
  return new Map([...scenario.expectedCache(size)]
    .filter(([key]) => key.startsWith(v2Prefix) && key.includes(':imageId='))
    .map(([key, check]) => [`tencent:DescribeImageSharePermission:${key.slice(v2Prefix.length)}`, check]));
}

/** Every row's floor: what neither the rate nor the latency at the engine's concurrency lets the fetch beat. */
export function api3FloorMs(row: Api3Row): number {
  const calls = row.report.stats?.apiCalls ?? row.requests;
  return Math.max((row.size / API3_RATE) * 1000, (calls * LATENCY_MS) / CONCURRENCY);
}

const runChild = (task: Api3Task) => runBenchChild<Api3Task, Api3Report>('api3-child.ts', task, CHILD_TIME_LIMIT_MS);

/**
Runs the rows against an emulator of their own, started on `data` with the limit set to API3_RATE
explicitly (not left to the section's default), and logging every answer's outcome.
*/
export async function measureApi3Rows(tencent: Scenario, data: EmulatorDataInput, workDir: string): Promise<Api3Rows> {
  const section = (data as { tencent?: Record<string, unknown> }).tencent;
  const limited = { ...data, tencent: { ...section, api3RequestsPerSecond: API3_RATE } } as EmulatorDataInput;
  const emulator = await RemoteEmulator.start({ data: limited, latencyMs: LATENCY_MS, countOutcomes: true });
  try {
    const rows: Api3Row[] = [];
    for (const size of API3_SIZES) rows.push(await measureApi3(tencent, size, emulator, workDir));
    return { rows, probe: await probe(emulator, workDir) };
  } finally {
    await emulator.stop();
  }
}

async function measureApi3(tencent: Scenario, size: number, emulator: RemoteEmulator, workDir: string): Promise<Api3Row> {
  const dir = fs.mkdtempSync(path.join(workDir, `tencent-api3-n${size}-`));
  try {
    await emulator.resetStats();
    const report = await runChild({ size, origin: emulator.origin, dir });
    const { requests } = await emulator.stats();
    const outcomes = await emulator.outcomes();
    const emulatorStallMs = await emulator.maxEventLoopDelayMs();
    const completeness = checkCompleteness(path.join(dir, 'image-lookups.context.json'), api3ExpectedCache(tencent, size), emulator.origin, report.startedAt);
    return { size, report, requests, throttled: throttledAnswers(outcomes), emulatorStallMs, outcomes, completeness };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A burst far above the limit: the emulator must throttle some of it. Its synth may fail (retries run out): only the count matters. */
async function probe(emulator: RemoteEmulator, workDir: string): Promise<Api3Rows['probe']> {
  const dir = fs.mkdtempSync(path.join(workDir, 'tencent-api3-probe-'));
  try {
    // Past the rows' last second: none of their calls is in the window.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await emulator.resetStats();
    const report = await runChild({ size: PROBE_SIZE, origin: emulator.origin, dir, requestsPerSecond: PROBE_REQUESTS_PER_SECOND });
    const { requests } = await emulator.stats();
    return { requests, throttled: throttledAnswers(await emulator.outcomes()), error: report.error };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const PROBE = { size: PROBE_SIZE, requestsPerSecond: PROBE_REQUESTS_PER_SECOND };
