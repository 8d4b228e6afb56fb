import pLimit from 'p-limit';
import type { FetchedOutcome, FetchProgress, LimitFunction } from '../engine/lookup-provider';
import { callInChunks } from './call-in-chunks';
import { stopsLaterCalls } from './classify-failure';

/** Options of a client beyond how to reach its API: how its batch lookups run. */
export interface ClientRuntimeOptions {
  /**
  At most this many calls in flight in one batch lookup. Ignored when `limit` is given.
  @default 4
  */
  readonly concurrency?: number;
  /**
  A shared limiter (the lookup engine passes its app-wide one).
  @default a limiter of `concurrency` for this client alone
  */
  readonly limit?: LimitFunction;
  /**
  Called for every HTTP request sent, retries included.
  @default nothing is called
  */
  readonly onRequest?: () => void;
  /**
  Told of the calls a batch lookup plans and finishes, and of every retry and throttled answer of
  any call (the lookup engine passes its `FetchContext.progress`).
  @default nothing is told
  */
  readonly progress?: FetchProgress;
}

/** The limiter of a client's batch lookups: the shared one, else its own of `concurrency`. */
export function limitOf(options: ClientRuntimeOptions): LimitFunction {
  return options.limit ?? pLimit(options.concurrency ?? 4);
}

/**
One image's outcome in a batch lookup: the engine's `FetchedOutcome` (found with its value and the
endpoint that answered, not found with the endpoint, or the error), named by the image's ID. A
provider stores it, less the ID, under the image's key. `Failure` narrows the error's type where
it is known (an answer parser's own error).
*/
export type LookupOutcome<Value, Failure = unknown> = { readonly imageId: string } & (
  | Exclude<FetchedOutcome<Value>, { readonly outcome: 'error' }>
  | { readonly outcome: 'error'; readonly error: Failure });

/** How a client makes one call of a batch, and reads its answer. */
export interface LookupBatchCalls<Value, Answer> {
  /** The most IDs one call takes. */
  readonly maxIdsPerCall: number;
  /** Bounds the calls in flight. */
  readonly limit: LimitFunction;
  /**
  Runs once before the first call (and not at all without IDs): reads the credentials and makes the
  transport, so a missing credential or a bad proxy env var fails once, up front, not once per call.
  */
  readonly prepare: () => void;
  /** One call for at most `maxIdsPerCall` distinct IDs. */
  readonly call: (imageIds: readonly string[]) => Promise<Answer>;
  /** The outcome of every ID of a call that succeeded. */
  readonly outcomesOf: (answer: Answer, imageIds: readonly string[]) => ReadonlyArray<LookupOutcome<Value>>;
  /**
  Told of the calls planned (before the first is sent) and of each one finished or skipped.
  @default nothing is told
  */
  readonly progress?: FetchProgress;
}

/** What a batch lookup found. */
export interface LookupBatch<Value, Answer> {
  /** Every requested ID once, in first-seen order. */
  readonly outcomes: Array<LookupOutcome<Value>>;
  /** The answers of the calls that succeeded, in the order of their IDs. */
  readonly answers: Answer[];
  /** API calls made, retries excluded (none after a refusal no retry can fix). */
  readonly calls: number;
}

/**
The skeleton of every client's batch lookup: IDs are deduplicated, split into calls of at most
`maxIdsPerCall` and run under `limit`. Every ID gets an outcome: a failed call marks its own IDs as
errors, leaving the other calls' answers intact, and after a refusal no retry can fix the calls not
sent yet are skipped (see `callInChunks`).

The IDs are not checked here: a public entry point checks them first, and the lookup engine's
providers get them from constructs that did (naming their node path).
*/
export async function lookupInBatches<Value, Answer>(imageIds: readonly string[], calls: LookupBatchCalls<Value, Answer>): Promise<LookupBatch<Value, Answer>> {
  const unique = [...new Set(imageIds)];
  if (unique.length > 0) calls.prepare();
  const { progress } = calls;
  const planned = Math.ceil(unique.length / calls.maxIdsPerCall);
  if (planned > 0) progress?.callsPlanned(planned);
  let sent = 0;
  const results = await callInChunks(unique, calls.maxIdsPerCall, calls.limit, async (chunk) => {
    sent++;
    try {
      return await calls.call(chunk);
    } finally {
      progress?.callsFinished(1);
    }
  }, stopsLaterCalls);
  // Calls skipped after a refusal no retry can fix are over too: the planned total is reached.
  if (planned > sent) progress?.callsFinished(planned - sent);
  const answers: Answer[] = [];
  const outcomes = results.flatMap((result): Array<LookupOutcome<Value>> => {
    if ('error' in result) return result.chunk.map((imageId) => ({ imageId, outcome: 'error', error: result.error }));
    answers.push(result.answer);
    return [...calls.outcomesOf(result.answer, result.chunk)];
  });
  return { outcomes, answers, calls: sent };
}

/**
Checks every ID of a list given to a public entry point before anything is sent, naming a bad one
by its index (`imageIds[2]`).
*/
export function checkEachImageId(imageIds: readonly unknown[], input: string, checkImageId: (imageId: unknown, input: string) => void): void {
  imageIds.forEach((imageId, index) => checkImageId(imageId, `${input}[${index}]`));
}

/** Refuses a list a single call cannot take, pointing at the batch entry point that takes any number. */
export function checkIdsPerCall(method: string, imageIds: readonly unknown[], maxIdsPerCall: number, batchMethod: string): void {
  if (imageIds.length === 0 || imageIds.length > maxIdsPerCall) {
    throw new RangeError(`${method} takes 1 to ${maxIdsPerCall} image IDs, got ${imageIds.length}; use ${batchMethod} for more`);
  }
}
