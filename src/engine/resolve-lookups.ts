import * as path from 'node:path';
import { App, DISABLE_STACK_TRACE_IN_METADATA } from 'cdktf';
import picomatch from 'picomatch';
import { closestKeysToGlob } from './closest-matches';
import { GlobUnmatchedError, isLookupError, LookupRoundsExceededError, LookupsStaleError } from './errors';
import { hasCacheChanges, type CacheChanges } from './cache-changes';
import { LookupEngine, type LookupStats } from './lookup-engine';
import type { LookupEngineOptions } from './lookup-options';
import { existingAppEvaluation } from '../policy/app-evaluation';
import { policySummaryLines } from '../policy/policy-summary';

/** Options of `resolveLookups()` and `synthWithLookups()`. */
export interface ResolveLookupsOptions extends LookupEngineOptions {
  /**
  Makes the app for each round; tests pass `() => Testing.app()`.
  @default () => new App()
  */
  readonly createApp?: () => App;
}

/** The app built with every lookup answered, ready to synthesize. */
export interface ResolvedLookups {
  readonly app: App;
  readonly engine: LookupEngine;
  readonly stats: LookupStats;
}

/**
Builds the app until a build completes with every lookup answered, then returns that app, unsynthesized.

Each round makes a fresh app and runs `build` on it. Constructs register their lookups as they are
created. Reading one that is not fetched yet gives a provisional answer (not found, empty lists,
undefined getters) and the build goes on, so one build registers every lookup the code reaches,
whatever order it reads in. A build that ends with any lookup still pending is provisional: it is
thrown away, never synthesized or validated, and whatever it threw is dropped (code may well throw on
a provisional answer). The engine then fetches everything registered (deduplicated and batched) and
builds again. A lookup that depends on another lookup's answer costs one more build per level.

An error thrown by a build with nothing pending is the app's own, and is rethrown unchanged. So is a
bad input (`InvalidLookupInput`) in a build that was handed no provisional answer: it cannot have come
from one, and it is reported before any network call.

With `discovery: 'strict'`, a read of an unfetched lookup throws instead, ending the build there.

`build` must create the same constructs each time it is given the same lookup results, and do
nothing but construct: the rounds' earlier apps are thrown away.
*/
export async function resolveLookups(build: (app: App) => void, options: ResolveLookupsOptions = {}): Promise<ResolvedLookups> {
  const engine = new LookupEngine(options);
  const createApp = options.createApp ?? (() => new App());
  // On an empty cache, or when refreshing, the first build is sure to be thrown away: spare it
  // the stack trace cdktf records for every annotation (costly under ts-node, and never seen).
  let expectProvisional = engine.cache.size === 0 || engine.options.mode === 'refresh';
  for (;;) {
    const outcome = buildOnce(engine, createApp, build, expectProvisional);
    if (outcome.final) {
      if (!expectProvisional) {
        checkRefreshGlobMatched(engine);
        return { app: outcome.final, engine, stats: await completeRun(engine) };
      }
      expectProvisional = false; // the guess was wrong (nothing to fetch): build again, with stack traces
      continue;
    }
    expectProvisional = false;
    if (engine.stats().rounds >= engine.options.maxRounds) {
      throw new LookupRoundsExceededError(engine.options.maxRounds, engine.pendingKeys);
    }
    // The provisional app is out of scope here, so it can be collected while the fetch runs.
    await engine.fetchPending();
  }
}

/**
A refresh of a glob (`image-lookups refresh GLOB`) that matches none of the keys the final build
requested refreshed nothing: that is a typo, not success.
*/
function checkRefreshGlobMatched(engine: LookupEngine): void {
  const glob = engine.options.refreshGlob;
  if (engine.options.mode !== 'refresh' || glob === undefined) return;
  const requested = engine.requestedKeys;
  const isMatch = picomatch(glob, { dot: true });
  if (requested.some((key) => isMatch(key))) return;
  throw new GlobUnmatchedError('refresh', glob, `the ${requested.length} key${requested.length === 1 ? '' : 's'} this app requests`, closestKeysToGlob(glob, requested), engine.cache.file);
}

/**
Ends a run whose final build is done: records a full refresh in the cache file, and fails on stale
lookups when failOnStale is on. Under \`image-lookups check\` (IMAGE_LOOKUPS_REPORT_DIR set) the app
reports its stale keys instead, and the CLI decides, so the findings are still checked and reported.
*/
async function completeRun(engine: LookupEngine): Promise<LookupStats> {
  await engine.completeRun();
  const stats = engine.stats();
  if (engine.options.failOnStale && stats.staleKeys.length > 0 && !reportsToCli()) {
    throw new LookupsStaleError(stats.staleKeys, engine.staleSummary(stats.staleKeys));
  }
  return stats;
}

/** Whether a CLI command (check, diff, prune) runs this app and reads its report (IMAGE_LOOKUPS_REPORT_DIR). */
function reportsToCli(): boolean {
  return Boolean(process.env.IMAGE_LOOKUPS_REPORT_DIR);
}

/**
One build of the app. Returns the app when nothing was pending at its end (the app's own error, if
it threw, is rethrown unchanged), or nothing for a provisional build, which is dropped.
*/
function buildOnce(engine: LookupEngine, createApp: () => App, build: (app: App) => void, withoutStackTraces: boolean): { final?: App } {
  engine.startRound();
  const app = createApp();
  if (withoutStackTraces && app.node.children.length === 0) app.node.setContext(DISABLE_STACK_TRACE_IN_METADATA, true);
  engine.attachTo(app);
  try {
    build(app);
  } catch (error) {
    const inputErrorWithoutProvisionalAnswer = engine.provisionalReads === 0 && isLookupError(error) && error.code === 'InvalidLookupInput';
    if (engine.pendingKeys.length === 0 || inputErrorWithoutProvisionalAnswer) throw error;
    return {};
  }
  return engine.pendingKeys.length === 0 ? { final: app } : {};
}

/**
The entry point for an app's main file: resolves every lookup, synthesizes the app, and prints a
one-line summary. Works under plain `npx cdktf synth` (cdktf.json's `app` runs the main file).

On failure it prints the error (to stderr, which `cdktf synth` shows as [ERROR]) and sets a
non-zero exit code instead of throwing, so no stack trace hides the message.

    synthWithLookups((app) => {
      new GoldenImageStack(app, 'golden-images');
    });
*/
export async function synthWithLookups(build: (app: App) => void, options: ResolveLookupsOptions & {
  /**
  Where the summary line goes.
  @default console.log
  */
  readonly log?: (line: string) => void;
} = {}): Promise<LookupStats | undefined> {
  const log = options.log ?? ((line: string) => console.log(line));
  let resolved: App | undefined;
  try {
    const { app, engine, stats } = await resolveLookups(build, options);
    resolved = app;
    // The lookups are settled before synth: their summary stands even when synth then fails on a finding.
    log(formatSummary(stats, engine.cache.file, engine.options.mode));
    for (const line of changeLines(stats.changes, engine.options.mode === 'refresh')) log(line);
    // Under a CLI command the app reports stale keys to it, which prints the one line for every app process.
    if (stats.staleKeys.length > 0 && !reportsToCli()) log(`image-lookups: warning: ${engine.staleSummary(stats.staleKeys)}`);
    app.synth();
    printPolicySummary(resolved, log);
    return stats;
  } catch (error) {
    if (resolved) printPolicySummary(resolved, log);
    process.exitCode = 1;
    // cdktf's own error for error annotations lists every one (findings included): its stack trace adds nothing.
    const annotationsFailed = error instanceof Error && error.message.startsWith('Encountered Annotations with level "ERROR"');
    console.error(isLookupError(error) ? `image-lookups: ${error.message}` : annotationsFailed ? error.message.trimEnd() : error);
    return undefined;
  }
}

function printPolicySummary(app: App, log: (line: string) => void): void {
  const evaluation = existingAppEvaluation(app);
  if (evaluation) for (const line of policySummaryLines(evaluation)) log(line);
}

/**
The run's one summary line. The API calls count every HTTP request; when some were retries or some
answers said "throttled", a parenthesis splits them:
`12 API calls (10 + 2 retries; 1 throttled answer)`, first attempts + retries.
*/
export function formatSummary(stats: LookupStats, cacheFile: string, mode: string): string {
  const relative = path.relative(process.cwd(), cacheFile) || cacheFile;
  return `image-lookups: ${stats.lookups} lookups (${stats.cacheHits} from cache, ${stats.fetched} fetched with ` +
    `${describeApiCalls(stats)}, ${stats.discoveryOnly} discovery-only) in ${stats.rounds} round${stats.rounds === 1 ? '' : 's'}, ` +
    `mode ${mode}; cache ${relative} ${cacheState(stats)}`;
}

/** `3 API calls`, or `12 API calls (10 + 2 retries; 1 throttled answer)` when anything was retried or throttled. */
function describeApiCalls({ apiCalls, retries, throttled }: Pick<LookupStats, 'apiCalls' | 'retries' | 'throttled'>): string {
  const calls = `${apiCalls} API call${apiCalls === 1 ? '' : 's'}`;
  if (retries === 0 && throttled === 0) return calls;
  return `${calls} (${apiCalls - retries} + ${retries} ${retries === 1 ? 'retry' : 'retries'}; ${throttled} throttled answer${throttled === 1 ? '' : 's'})`;
}

/** At most this many keys are named per kind of change; the rest are counted. */
const CHANGED_KEYS_NAMED = 20;

/**
What the run changed in the cache. A refresh gets one line whatever happened (so a scheduled job can
tell "unchanged" at a glance), then the keys changed, added and removed. Another run gets lines only
when a cached answer changed or went (a stale entry fetched again): the summary already counts the
keys it added.
*/
export function changeLines(changes: CacheChanges, refresh: boolean): string[] {
  if (!refresh && changes.changed.length + changes.removed.length === 0) return [];
  const lines = [hasCacheChanges(changes)
    ? `image-lookups: answers: ${changes.changed.length} changed, ${changes.added.length} added, ${changes.removed.length} removed (found before, not found now)`
    : 'image-lookups: answers: unchanged'];
  for (const [kind, keys] of [['changed', changes.changed], ['added', changes.added], ['removed', changes.removed]] as const) {
    for (const key of keys.slice(0, CHANGED_KEYS_NAMED)) lines.push(`  ${kind} ${key}`);
    if (keys.length > CHANGED_KEYS_NAMED) lines.push(`  … and ${keys.length - CHANGED_KEYS_NAMED} more ${kind}`);
  }
  return lines;
}

/** `updated` when an answer changed; a full refresh that changed none only records its time. */
function cacheState(stats: LookupStats): string {
  if (hasCacheChanges(stats.changes)) return 'updated';
  return stats.cacheWritten ? 'unchanged (refresh time recorded)' : 'unchanged';
}
