import { setTimeout as sleep } from 'node:timers/promises';

/** Retry limits for one API call. */
export interface RetryOptions {
  /**
  Retries after the first attempt, for retryable errors (throttling, transient server errors,
  network faults, timeouts).
  @default 3
  */
  readonly retries?: number;
  /**
  Backoff cap of the first retry; it doubles for every further retry.
  @default 200
  */
  readonly baseDelayMs?: number;
  /**
  Upper bound of any one backoff.
  @default 5000
  */
  readonly maxDelayMs?: number;
}

/**
What to do after a failed attempt:
- `retry` after a backoff (counts against `retries`);
- `resignOnce`: the signature was refused as stale or replayed; sign afresh and retry at once, one time only;
- `fail`: never retried (auth, bad parameters, not found).
*/
export type RetryDecision = 'retry' | 'resignOnce' | 'fail';

/**
Runs `attempt` until it succeeds or `classify` says to stop. Every attempt builds and signs its
request anew (fresh nonce and timestamp); ky cannot do that, nor see an error inside a 200 body.
Backoff is exponential with full jitter, so many clients do not retry in step.
*/
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  classify: (error: unknown) => RetryDecision,
  options: RetryOptions = {},
): Promise<T> {
  const retries = options.retries ?? 3;
  const baseDelayMs = options.baseDelayMs ?? 200;
  const maxDelayMs = options.maxDelayMs ?? 5000;
  let retried = 0;
  let resigned = false;
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      const decision = classify(error);
      if (decision === 'resignOnce' && !resigned) {
        resigned = true;
        continue;
      }
      if (decision !== 'retry' || retried >= retries) throw error;
      await sleep(Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** retried));
      retried++;
    }
  }
}
