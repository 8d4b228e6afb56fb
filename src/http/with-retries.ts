import { setTimeout as sleep } from 'node:timers/promises';

/** Retry limits for one API call. */
export interface RetryOptions {
  /**
  Retries after the first attempt, for retryable errors (throttling, HTTP 429 and 5xx, network
  faults, timeouts, truncated or non-JSON bodies): an integer from 0 to 10.
  @default 3
  */
  readonly retries?: number;
  /**
  Backoff cap of the first retry in milliseconds; it doubles for every further retry. 0 to 600000.
  @default 200
  */
  readonly baseDelayMs?: number;
  /**
  Upper bound of any one backoff in milliseconds, 0 to 600000.
  @default 5000
  */
  readonly maxDelayMs?: number;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

export const DEFAULT_RETRY: ResolvedRetryOptions = Object.freeze({ retries: 3, baseDelayMs: 200, maxDelayMs: 5000 });

/**
What to do after a failed attempt:
- `retry` after a backoff (counts against `retries`);
- `resignOnce`: the signature was refused as stale or replayed; sign afresh and retry at once, one time only;
- `fail`: never retried (auth, bad parameters, not found).
*/
export type RetryDecision = 'retry' | 'resignOnce' | 'fail';

/** Called before each further attempt, e.g. to log it: after a backoff of `delayMs`, or at once to re-sign. */
export type RetryListener = (error: unknown, failedAttempt: number, delayMs: number, decision: 'retry' | 'resignOnce') => void;

/**
Runs `attempt` until it succeeds or `classify` says to stop. Every attempt builds and signs its
request anew (fresh nonce and timestamp); ky cannot do that, nor see an error inside a 200 body.
Backoff is exponential with full jitter, so many clients do not retry in step.

Options are expected checked (`resolveRetry`); even so, the loop compares so that a NaN ends it
rather than retrying forever.
*/
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  classify: (error: unknown) => RetryDecision,
  options: RetryOptions = {},
  onRetry?: RetryListener,
): Promise<T> {
  const retries = options.retries ?? DEFAULT_RETRY.retries;
  const baseDelayMs = options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs;
  let retried = 0;
  let resigned = false;
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      const decision = classify(error);
      if (decision === 'resignOnce' && !resigned) {
        resigned = true;
        onRetry?.(error, attemptNumber, 0, decision);
        continue;
      }
      if (decision !== 'retry' || !(retried < retries)) throw error;
      const delayMs = Math.round(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** retried));
      onRetry?.(error, attemptNumber, delayMs, decision);
      await sleep(delayMs);
      retried++;
    }
  }
}
