// A child process of the API 3.0 rows (bench/api3.ts): one cold engine synth (mode auto, empty cache)
// of the Tencent scenario's stacks over DescribeImageSharePermission, then the same stacks from the
// scenario's literal peers, then one JSON line on stdout. Its own process, so the app-wide pacer
// starts fresh and no earlier row's calls count against this one's rate; the emulator stays in the
// parent's worker thread.
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { App } from 'cdktf';
import { resolveLookups, type LookupStats } from '../src/engine';
import { TENCENT_API3_RPS_ENV } from '../src/tencent-image-shares/client-config';
import { tencentImageSharesApi } from '../src/tencent-image-shares/descriptor';
import { SCALE_SNAPSHOT, SCALE_STYLE } from './memory';
import { CONCURRENCY } from './scenario';
import { createScenario, shareLookups } from './scenarios/tencent-image-shares';
import { sameStacks, synthLiteral } from './synth-runs';
import { workload } from './writing-styles';

/** What the parent passes, as one JSON argument. */
export interface Api3Task {
  readonly size: number;
  /** The emulator to fetch from. */
  readonly origin: string;
  /** The cache file is `<dir>/image-lookups.context.json`; the outdirs are `<dir>/engine` and `<dir>/literal`. */
  readonly dir: string;
  /**
  The client's rate (IMAGE_LOOKUPS_TENCENT_API3_RPS); left out, the client's default (the documented
  limit). The parent's probe sets it far above the limit, to see the emulator throttle.
  */
  readonly requestsPerSecond?: number;
}

export interface Api3Report {
  /** When the synth started, ISO 8601: every entry this run wrote is fetched at or after it. */
  readonly startedAt: string;
  /** resolveLookups + app.synth(), or until the error. */
  readonly coldMs: number;
  /**
  The engine's fetches alone: from the end of each build that left lookups pending to the start of
  the next build (the fetch, with the cache file's save). Neither process start-up nor building counts.
  */
  readonly fetchMs: number;
  /** Absent when the synth failed. */
  readonly stats?: LookupStats;
  /** The synth's error (a lookup that ran out of retries, say): reported, so the parent can show it. */
  readonly error?: string;
  /** The reads' tally on the engine's answers, and on the literal peers' data (equal when the answers are right). */
  readonly tally?: number;
  readonly literalTally?: number;
  /** Whether the stacks synthesize to the same Terraform JSON as the literal peers, which mirror GetImageShareUinInfo's digests. */
  readonly sameOutput?: boolean;
  /**
  The longest this process's event loop was held up during the fetches, in milliseconds. The pacer
  counts each gap from the previous request's send, so a stall between a turn and its send delays
  the calls after it instead of bringing them closer on the server's clock: with stalls in the
  row, 0 throttled shows it. A busy machine (load above the CPUs) makes them.
  */
  readonly maxEventLoopDelayMs: number;
}

async function runTask(task: Api3Task): Promise<Api3Report> {
  if (task.requestsPerSecond !== undefined) process.env[TENCENT_API3_RPS_ENV] = String(task.requestsPerSecond);
  const scenario = { ...createScenario(task.size), apiId: tencentImageSharesApi.id, withLookups: shareLookups('DescribeImageSharePermission') };
  const load = workload(scenario, SCALE_STYLE, SCALE_SNAPSHOT, task.size);
  const engineDir = path.join(task.dir, 'engine');
  const startedAt = new Date().toISOString();
  const start = performance.now();
  let fetchMs = 0;
  let lastBuildEnd: number | undefined;
  let tally = 0;
  const eventLoopDelay = monitorEventLoopDelay({ resolution: 10 });
  const maxEventLoopDelayMs = () => eventLoopDelay.max / 1e6;
  try {
    const { app, stats } = await resolveLookups((root) => {
      eventLoopDelay.disable();
      const buildStart = performance.now();
      if (lastBuildEnd !== undefined) fetchMs += buildStart - lastBuildEnd;
      try {
        tally = load.build(root, task.origin);
      } finally {
        // A provisional build may throw on a provisional answer: the fetch starts all the same.
        lastBuildEnd = performance.now();
        // Only the fetches are watched: a build holds the loop by design.
        eventLoopDelay.enable();
      }
    }, { cacheFile: path.join(task.dir, 'image-lookups.context.json'), mode: 'auto', concurrency: CONCURRENCY, createApp: () => new App({ outdir: engineDir }) });
    eventLoopDelay.disable();
    app.synth();
    const coldMs = performance.now() - start;
    const literalDir = path.join(task.dir, 'literal');
    const literal = synthLiteral(load, literalDir);
    return { startedAt, coldMs, fetchMs, stats, tally, literalTally: literal.tally, sameOutput: sameStacks(engineDir, literalDir), maxEventLoopDelayMs: maxEventLoopDelayMs() };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? `${typeof code === 'string' ? code : error.name}: ${error.message}` : String(error);
    eventLoopDelay.disable();
    return { startedAt, coldMs: performance.now() - start, fetchMs, error: message, maxEventLoopDelayMs: maxEventLoopDelayMs() };
  }
}

runTask(JSON.parse(process.argv[2]) as Api3Task).then(
  (report) => { process.stdout.write(`${JSON.stringify(report)}\n`); },
  (error) => { console.error(error); process.exitCode = 1; },
);
