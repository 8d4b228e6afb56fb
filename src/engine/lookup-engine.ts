import pLimit from 'p-limit';
import picomatch from 'picomatch';
import type { IConstruct } from 'constructs';
import { LookupCache, resolveCacheFile, type CacheEntry } from './lookup-cache';
import { cachedEntryProblem } from './cached-entry-problem';
import { cacheChanges, type CacheChanges } from './cache-changes';
import { describeStaleLookups } from './stale-lookups';
import { suggestedCommand } from './suggested-command';
import { CacheEntryInvalidError, LookupPendingError, LookupUnresolvedError, LookupsMissingError } from './errors';
import { resolveEngineOptions, type LookupEngineOptions, type ResolvedEngineOptions } from './lookup-options';
import type { FetchContext, FetchedEntries, KindedLookupProvider, LookupProvider } from './lookup-provider';
import { FetchProgressDisplay, progressIntervalFromEnv, type FetchProgressDisplayOptions } from './fetch-progress';

/** Figures of one run, for summaries and benchmarks. */
export interface LookupStats {
  /** Distinct lookups the final build of the app requested. */
  readonly lookups: number;
  /** Of those, how many were answered by the cache file without a fetch in this run. */
  readonly cacheHits: number;
  /** Lookups fetched in this run (by-product entries such as account facts included). */
  readonly fetched: number;
  /** HTTP requests sent, retries included. */
  readonly apiCalls: number;
  /** Of `apiCalls`, the further attempts of calls that failed (after a backoff, or re-signed at once). */
  readonly retries: number;
  /** Answers that said "throttled" (HTTP 429 or the API's throttling code), retried or not. */
  readonly throttled: number;
  /**
  Lookups fetched because a provisional build requested them, that the final build did not request
  (code on a branch taken only with a provisional answer). Cached all the same; a high count is waste.
  */
  readonly discoveryOnly: number;
  /** Builds of the app. */
  readonly rounds: number;
  /**
  Requested keys whose cached answer was last verified longer ago than its maxAge (see
  `LookupCache.verifiedAt`); offline mode keeps and reports them, auto mode fetched them again.
  The not-found maxAge plays no part here.
  */
  readonly staleKeys: readonly string[];
  /** How the answers this run fetched differ from the cached ones (see `cacheChanges`). */
  readonly changes: CacheChanges;
  /**
  Whether this run was a full refresh that verified every requested lookup: the cache file's
  `refreshedAt` then moves to the run's start, and unchanged entries stay as they were.
  */
  readonly fullRefresh: boolean;
  /** Whether the cache file was written. */
  readonly cacheWritten: boolean;
}

/** Options of one lookup request. */
export interface LookupRequestOptions {
  /**
  Age in seconds after which the cached answer is stale and fetched again.
  @default the engine's maxAge (IMAGE_LOOKUPS_MAX_AGE), else no limit
  */
  readonly maxAge?: number;
  /**
  In auto mode, age in seconds after which a cached "not found" answer is fetched again, so an image
  uploaded since is found without a manual refresh. Offline mode and `failOnStale` ignore it.
  @default the engine's notFoundMaxAge (IMAGE_LOOKUPS_NOT_FOUND_MAX_AGE), else 1 hour
  */
  readonly notFoundMaxAge?: number;
}

interface PendingLookup {
  readonly provider: LookupProvider<any, any>;
  readonly query: unknown;
}

/** Options of the engines this library makes for itself (the read-only one, the testing one); not for apps. */
export interface EngineInternals {
  /**
  False for an engine that never fetches: anything missing from its cache fails.
  @default true
  */
  readonly canFetch?: boolean;
  /**
  Answers from this cache instead of the cache file (which is then neither read nor written), for
  `LookupTesting.app()`. A request for a key the cache lacks throws a LookupUnresolvedError at once,
  with `missingAdvice` as its advice.
  @default the cache file (`cacheFile`, IMAGE_LOOKUPS_CACHE)
  */
  readonly cache?: { readonly cache: LookupCache; readonly missingAdvice: string };
  /**
  Where the progress of a fetch goes, and its clock (see `FetchProgressDisplay`); tests inject them.
  @default stderr when it is a terminal, else stdout every 5 s; `Date.now`
  */
  readonly progressDisplay?: Omit<FetchProgressDisplayOptions, 'enabled'>;
}

const enginesByRoot = new WeakMap<IConstruct, LookupEngine>();

/**
Collects lookups from every construct of an app, answers them from the cache file, and fetches the
missing ones together: deduplicated by key, grouped into batches by provider, with one bound on
concurrent API calls for the whole app.

Constructs call `LookupEngine.of(this).request(…)` and read the handle later; see `resolveLookups()`
for the rounds that make those reads synchronous.
*/
export class LookupEngine {
  /**
  The engine of the app this construct belongs to. An app not built by `resolveLookups()` gets a
  read-only engine on the default cache file: cache hits work, anything missing fails clearly.
  */
  static of(scope: IConstruct): LookupEngine {
    const root = scope.node.root;
    let engine = enginesByRoot.get(root);
    if (!engine) {
      engine = new LookupEngine({}, { canFetch: false });
      enginesByRoot.set(root, engine);
    }
    return engine;
  }

  /** Makes this engine the one `LookupEngine.of()` returns for every construct under `root`. */
  attachTo(root: IConstruct): void {
    enginesByRoot.set(root.node.root, this);
  }

  readonly options: ResolvedEngineOptions;
  readonly cache: LookupCache;
  /** False for the read-only engine of an app built without `resolveLookups()`. */
  readonly canFetch: boolean;

  private readonly pending = new Map<string, PendingLookup>();
  private readonly requestedThisRound = new Set<string>();
  private readonly fetchedThisRun = new Set<string>();
  /** Keys that were pending (requested by some build) when they were fetched. */
  private readonly fetchedOnRequest = new Set<string>();
  private provisionalReadsThisRound = 0;
  private readonly stale = new Set<string>();
  /** Entries read from the cache file that passed their provider's check: each is checked at most once per run. */
  private readonly checkedEntries = new WeakSet<CacheEntry>();
  /** The first bad cached entry a build ran into; reported before any fetch, even when that build was provisional. */
  private invalidEntry?: CacheEntryInvalidError;
  private readonly refreshMatcher?: (key: string) => boolean;
  private apiCalls = 0;
  private retries = 0;
  private throttled = 0;
  private readonly progressDisplay?: Omit<FetchProgressDisplayOptions, 'enabled'>;
  private rounds = 0;
  private cacheWritten = false;
  private readonly added = new Set<string>();
  private readonly changed = new Set<string>();
  private readonly removed = new Set<string>();
  /** When this run started: a full refresh verifies the answers as of then. */
  private readonly startedAt: string;

  /** Set for an engine answering only from a given cache (see `EngineInternals.cache`). */
  private readonly missingAdvice?: string;

  constructor(options: LookupEngineOptions = {}, internal: EngineInternals = {}) {
    this.options = resolveEngineOptions(options);
    this.cache = internal.cache?.cache ?? LookupCache.load(resolveCacheFile(options.cacheFile));
    this.missingAdvice = internal.cache?.missingAdvice;
    this.canFetch = internal.canFetch ?? true;
    this.progressDisplay = internal.progressDisplay;
    if (this.options.refreshGlob) this.refreshMatcher = picomatch(this.options.refreshGlob, { dot: true });
    this.startedAt = isoSeconds(this.options.now());
  }

  /** One line about these stale keys: how many, the oldest, and the command that refreshes them. */
  staleSummary(keys: readonly string[]): string {
    return describeStaleLookups(keys, this.cache, this.options.now(), suggestedCommand(['refresh'], this.cache.file));
  }

  /** A refresh of every requested lookup (refresh mode without a glob). */
  get isFullRefresh(): boolean {
    return this.options.mode === 'refresh' && this.refreshMatcher === undefined && this.canFetch;
  }

  /**
  Ends a full refresh whose final build requested every key it needed and fetched them all: records
  the refresh in the cache file (its `refreshedAt`, one line), which keeps every unchanged entry fresh.
  Anything else writes nothing here.
  */
  async completeRun(): Promise<void> {
    if (!this.isFullRefresh || this.pending.size > 0) return;
    this.cache.markRefreshed(this.startedAt);
    if (await this.cache.save()) this.cacheWritten = true;
  }

  /**
  Registers a lookup and returns its handle. Runs the provider's `validate` (if any) first, so a bad
  input fails here, in the constructor that asked, before any network call. The handle's value type is
  the provider's, or, for a `KindedLookupProvider`, that of the query's kind.
  */
  request<Query extends { readonly kind: keyof ValuesByKind }, ValuesByKind, Q extends Query>(
    provider: KindedLookupProvider<Query, ValuesByKind>, query: Q, options?: LookupRequestOptions): LookupHandle<ValuesByKind[Q['kind']]>;
  request<Query, Value>(provider: LookupProvider<Query, Value>, query: Query, options?: LookupRequestOptions): LookupHandle<Value>;
  request(provider: LookupProvider<unknown, unknown>, query: unknown, options: LookupRequestOptions = {}): LookupHandle<unknown> {
    provider.validate?.(query);
    const key = provider.keyOf(query);
    // An engine on a given cache has nothing to fetch: a key it lacks fails in the constructor that asked.
    if (this.missingAdvice !== undefined && this.cache.get(key) === undefined) throw new LookupUnresolvedError(key, this.cache.file, this.missingAdvice);
    this.requestedThisRound.add(key);
    if (!this.pending.has(key)) {
      const maxAge = options.maxAge ?? this.options.maxAgeSeconds;
      const notFoundMaxAge = options.notFoundMaxAge ?? this.options.notFoundMaxAgeSeconds;
      if (this.needsFetch(key, maxAge, notFoundMaxAge)) this.pending.set(key, { provider, query });
      else this.checkCachedEntry(key, provider, query);
    }
    return new LookupHandle(this, key);
  }

  /**
  Checks an entry this run serves from the cache file against its provider's shape, once per run
  (a warm synth reads thousands). Entries fetched in this run come straight from the provider and
  are not checked; entries about to be fetched again (refresh, maxAge) are not served, so not checked.
  */
  private checkCachedEntry<Query>(key: string, provider: LookupProvider<Query, unknown>, query: Query): void {
    const entry = this.cache.get(key);
    if (!entry || this.fetchedThisRun.has(key) || this.checkedEntries.has(entry)) return;
    const problem = cachedEntryProblem(entry, provider, query);
    if (!problem) {
      this.checkedEntries.add(entry);
      return;
    }
    const error = new CacheEntryInvalidError(this.cache.file, key, problem.field, problem.problem);
    this.invalidEntry ??= error;
    throw error;
  }

  /** Every key the current build has requested, sorted. */
  get requestedKeys(): string[] {
    return [...this.requestedThisRound].sort();
  }

  /** Keys requested but not answered yet, sorted. */
  get pendingKeys(): string[] {
    return [...this.pending.keys()].sort();
  }

  /**
  The cached answer for a key, or `undefined` for a provisional answer: the key is pending, so this
  build will be thrown away once the engine has fetched it (see `resolveLookups()`). With strict
  discovery a pending key throws a `LookupPendingError` instead. An app built without
  `resolveLookups()` never gets a provisional answer: a key missing from the cache throws.
  */
  read(key: string): CacheEntry | undefined {
    if (this.pending.has(key)) {
      if (!this.canFetch) throw new LookupUnresolvedError(key, this.cache.file, this.missingAdvice);
      this.provisionalReadsThisRound++;
      if (this.options.discovery === 'strict') throw new LookupPendingError(key);
      return undefined;
    }
    const entry = this.cache.get(key);
    if (!entry) throw new LookupUnresolvedError(key, this.cache.file, this.missingAdvice);
    return entry;
  }

  /** Whether the key has an answer. A construct builds its Terraform children only when all of its keys have one. */
  isResolved(key: string): boolean {
    return !this.pending.has(key) && this.cache.get(key) !== undefined;
  }

  /** Provisional answers handed out (or, strict, refused) since the current build started. */
  get provisionalReads(): number {
    return this.provisionalReadsThisRound;
  }

  isStale(key: string): boolean {
    return this.stale.has(key);
  }

  /** Starts a new build of the app: requests are counted afresh; fetched answers stay. */
  startRound(): void {
    this.rounds++;
    this.requestedThisRound.clear();
    this.provisionalReadsThisRound = 0;
  }

  /**
  Fetches every pending lookup. Groups run in parallel under the app-wide concurrency bound.
  Whatever was fetched is saved even when another group fails, and the first failure is rethrown.
  The save merges this run's answers into the file as it is now, under its lock (see
  `LookupCache.save`); a run that fetched nothing creates and locks nothing.
  */
  async fetchPending(): Promise<void> {
    // A provisional build drops what it threw; a bad cache entry must still stop the run, before any request.
    if (this.invalidEntry) throw this.invalidEntry;
    const keys = this.pendingKeys;
    if (keys.length === 0) return;
    if (this.options.mode === 'offline' || !this.canFetch) {
      throw new LookupsMissingError(keys, this.cache.file, { afterProvisionalReads: this.provisionalReadsThisRound > 0 });
    }

    const groups = new Map<string, { provider: LookupProvider<any, any>; queries: unknown[] }>();
    for (const { provider, query } of this.pending.values()) {
      const groupKey = `${provider.id}\u0000${provider.batchGroupOf(query)}`;
      const group = groups.get(groupKey) ?? { provider, queries: [] };
      group.queries.push(query);
      groups.set(groupKey, group);
    }

    const progress = new FetchProgressDisplay({
      lineIntervalMs: progressIntervalFromEnv(), ...this.progressDisplay, enabled: this.options.progress,
    });
    const context: FetchContext = { limit: pLimit(this.options.concurrency), countApiCall: () => { this.apiCalls++; }, progress };
    let settled: Array<PromiseSettledResult<unknown[]>>;
    try {
      settled = await Promise.allSettled(
        [...groups.values()].map(async ({ provider, queries }) => this.store(provider, await provider.fetchGroup(queries, context))),
      );
    } finally {
      // Before anything else is printed (the summary, or the error), whatever happened.
      progress.stop();
      this.retries += progress.snapshot.retries;
      this.throttled += progress.snapshot.throttled;
    }
    const errors = settled.flatMap((result) => (result.status === 'rejected' ? [result.reason] : result.value));
    if (await this.cache.save()) this.cacheWritten = true;
    if (errors.length > 0) throw errors[0];

    const unanswered = keys.filter((key) => !this.fetchedThisRun.has(key));
    if (unanswered.length > 0) throw new Error(`Internal error: the providers returned no answer for ${unanswered.join(', ')}`);
    for (const key of keys) this.fetchedOnRequest.add(key);
    this.pending.clear();
  }

  stats(): LookupStats {
    const requested = [...this.requestedThisRound];
    return {
      lookups: requested.length,
      cacheHits: requested.filter((key) => !this.fetchedThisRun.has(key)).length,
      fetched: this.fetchedThisRun.size,
      discoveryOnly: [...this.fetchedOnRequest].filter((key) => !this.requestedThisRound.has(key)).length,
      apiCalls: this.apiCalls,
      retries: this.retries,
      throttled: this.throttled,
      rounds: this.rounds,
      staleKeys: requested.filter((key) => this.stale.has(key)).sort(),
      changes: { added: [...this.added].sort(), changed: [...this.changed].sort(), removed: [...this.removed].sort() },
      fullRefresh: this.isFullRefresh,
      cacheWritten: this.cacheWritten,
    };
  }

  /** Caches found and not-found answers; returns the errors, which are never cached. */
  /**
  Caches found and not-found answers; returns the errors, which are never cached.

  An answer equal to the cached one keeps its entry as it is on a full refresh (the file's
  `refreshedAt` says it was verified), and only moves its `fetchedAt` otherwise (a GLOB refresh, a
  stale or not-found entry fetched again): the file changes only where an answer did.
  */
  private store(provider: LookupProvider<any, any>, entries: FetchedEntries<unknown>): unknown[] {
    const fetchedAt = isoSeconds(this.options.now());
    const errors: unknown[] = [];
    const answers: [string, CacheEntry][] = [];
    for (const [key, fetched] of entries) {
      if (fetched.outcome === 'error') {
        errors.push(fetched.error);
        continue;
      }
      answers.push([key, {
        provider: provider.id,
        outcome: fetched.outcome,
        value: fetched.outcome === 'found' ? fetched.value : undefined,
        endpoint: fetched.endpoint,
        fetchedAt,
      }]);
    }
    const changes = cacheChanges((key) => this.cache.get(key), answers);
    for (const key of changes.added) this.added.add(key);
    for (const key of changes.changed) this.changed.add(key);
    for (const key of changes.removed) this.removed.add(key);
    const differs = new Set([...changes.added, ...changes.changed, ...changes.removed]);
    for (const [key, entry] of answers) {
      if (differs.has(key) || !this.isFullRefresh) this.cache.set(key, entry);
      this.fetchedThisRun.add(key);
      this.stale.delete(key);
    }
    return errors;
  }

  private needsFetch(key: string, maxAgeSeconds: number | undefined, notFoundMaxAgeSeconds: number | undefined): boolean {
    if (this.fetchedThisRun.has(key)) return false;
    const entry = this.cache.get(key);
    if (!entry) return true;
    const { mode } = this.options;
    if (mode === 'refresh' && (!this.refreshMatcher || this.refreshMatcher(key))) return true;
    const ageMs = this.options.now().getTime() - Date.parse(this.cache.verifiedAt(key) ?? entry.fetchedAt);
    const stale = maxAgeSeconds !== undefined && ageMs > maxAgeSeconds * 1000;
    if (stale) this.stale.add(key);
    // Offline mode keeps stale entries and reports them; a read-only engine cannot fetch either.
    if (mode === 'offline' || !this.canFetch) return false;
    // In auto mode a "not found" is asked again sooner: the image may have been uploaded since.
    return stale || (mode === 'auto' && entry.outcome === 'notFound' && notFoundMaxAgeSeconds !== undefined && ageMs > notFoundMaxAgeSeconds * 1000);
  }
}

/**
A requested lookup. Reading it before the engine has the answer gives a provisional answer (see
`LookupEngine.read`): `value` is undefined, as for "not found".
*/
export class LookupHandle<Value> {
  constructor(private readonly engine: LookupEngine, readonly key: string) {}

  get isResolved(): boolean {
    return this.engine.isResolved(this.key);
  }

  get isStale(): boolean {
    return this.engine.isStale(this.key);
  }

  /** The value, or undefined when the cloud answered "not found" (or the answer is provisional). */
  get value(): Value | undefined {
    const entry = this.engine.read(this.key);
    return entry?.outcome === 'found' ? (entry.value as Value) : undefined;
  }
}

/** ISO 8601 UTC to the second, as the cache file holds times. */
function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
