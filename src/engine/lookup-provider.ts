import type pLimit from 'p-limit';
import type { z } from 'zod';

/** A concurrency limiter, as made by p-limit. */
export type LimitFunction = ReturnType<typeof pLimit>;

/**
What a cloud API plugs into the engine. One implementation per API, in the API's own folder
(like AWS CDK's `ContextProviderPlugin`, but batch-aware).

The engine never sees credentials or HTTP: it asks the provider for keys, groups pending queries
by `batchGroupOf`, and hands each group to `fetchGroup`, which makes as few calls as the API allows.
*/
export interface LookupProvider<Query, Value> {
  /** Stable id, the first two segments of every key this provider makes, e.g. `tencent:GetImageShareUinInfo`. */
  readonly id: string;

  /**
  Checks a query before anything else happens. Throws a `LookupInputError` that names the bad input.
  Credentials are not checked here: a cache hit needs none.

  Leave it out when every construct that requests this provider checks its props first, as the
  built-in constructs do: their errors name the construct's node path, so a second check here would
  only repeat theirs. A provider that other code may request directly should check here.
  */
  validate?(query: Query): void;

  /** The cache key: readable, and naming everything that changes the answer (see `formatLookupKey`). */
  keyOf(query: Query): string;

  /**
  Queries with equal groups may share API calls: same region, endpoint and credentials.
  May contain a fingerprint of a credential, never the credential itself.
  */
  batchGroupOf(query: Query): string;

  /**
  The shape of a found answer's value for this query, as `fetchGroup` returns it and the cache file
  holds it. The engine checks each cached value against it the first time a run serves it, so a
  hand-edited or badly merged entry fails with a coded error naming the file and key, never later
  as a TypeError in a construct. Unknown extra fields should pass (an entry written by a newer
  version of the provider stays readable).
  */
  valueSchemaOf(query: Query): z.ZodType<Value>;

  /**
  Fetches every query of one batch group. Resolves credentials first (and throws a clear error if
  they are missing). Runs each API call through `context.limit`, so the app-wide concurrency bound holds.
  Returns an outcome for every query key, plus any by-product entries (such as account-level facts).
  */
  fetchGroup(queries: readonly Query[], context: FetchContext): Promise<FetchedEntries<Value>>;
}

/**
A provider whose queries come in kinds, each answered with a value type of its own: `ValuesByKind`
maps a query's `kind` to it (Tencent's `image` queries get a share list, its `account` query the
quota). `LookupEngine.request` then types each handle by its query's kind, and the kinds still
share one batch.
*/
export interface KindedLookupProvider<Query extends { readonly kind: keyof ValuesByKind }, ValuesByKind>
  extends LookupProvider<Query, ValuesByKind[keyof ValuesByKind]> {
  /** The shape of a found answer's value for a query of this kind (see `LookupProvider.valueSchemaOf`). */
  valueSchemaOf<Q extends Query>(query: Q): z.ZodType<ValuesByKind[Q['kind']]>;
}

/** What the engine lends a provider for one fetch. */
export interface FetchContext {
  /** Bounds concurrent API calls across the whole app. Wrap every call in it. */
  readonly limit: LimitFunction;
  /** Call once per HTTP request sent (retries included); feeds the run's statistics (`apiCalls`). */
  readonly countApiCall: () => void;
  /**
  Where a provider reports how its calls go: the engine's statistics count retries and throttled
  answers from it, and a long fetch shows progress with it. A provider that reports nothing here
  still works; its fetch just shows no progress, and counts no retry.
  */
  readonly progress: FetchProgress;
}

/**
What a provider tells the engine about its calls while they run. A call is one API call with all
of its attempts: the first attempt is the call, a further attempt is a retry. Each method may be
passed around on its own (they need no `this`).
*/
export interface FetchProgress {
  /** Announces `count` calls (first attempts), before making them: the total a progress display counts towards. */
  readonly callsPlanned: (count: number) => void;
  /** `count` announced calls are over (answered, failed for good, or skipped after a fatal refusal). */
  readonly callsFinished: (count?: number) => void;
  /** A failed attempt is about to be sent again (after a backoff, or re-signed at once); its request is counted by `countApiCall` too. */
  readonly retrying: () => void;
  /** An answer said "throttled" (HTTP 429, or the API's throttling error code), whether it is retried or not. */
  readonly throttled: () => void;
}

/**
A fetched answer for one key: found, not found, or an error. `notFound` is a real answer and is
cached; an `error` is never cached, and fails the run after everything else fetched has been saved
(so one failed batch does not throw away the batches that succeeded).
*/
export type FetchedOutcome<Value> =
  | { readonly outcome: 'found'; readonly value: Value; readonly endpoint: string }
  | { readonly outcome: 'notFound'; readonly endpoint: string }
  | { readonly outcome: 'error'; readonly error: unknown };

/** Outcomes by cache key. */
export type FetchedEntries<Value> = Map<string, FetchedOutcome<Value>>;
