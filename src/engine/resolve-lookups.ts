import * as path from 'node:path';
import { App, DISABLE_STACK_TRACE_IN_METADATA } from 'cdktf';
import { isLookupError, LookupRoundsExceededError } from './errors';
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
      if (!expectProvisional) return { app: outcome.final, engine, stats: engine.stats() };
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
    for (const key of stats.staleKeys) log(`image-lookups: warning: ${key} is older than its maxAge; refresh it with: npx image-lookups refresh '${key}'`);
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

export function formatSummary(stats: LookupStats, cacheFile: string, mode: string): string {
  const relative = path.relative(process.cwd(), cacheFile) || cacheFile;
  return `image-lookups: ${stats.lookups} lookups (${stats.cacheHits} from cache, ${stats.fetched} fetched with ` +
    `${stats.apiCalls} API call${stats.apiCalls === 1 ? '' : 's'}, ${stats.discoveryOnly} discovery-only) in ${stats.rounds} round${stats.rounds === 1 ? '' : 's'}, ` +
    `mode ${mode}; cache ${relative} ${stats.cacheWritten ? 'updated' : 'unchanged'}`;
}
