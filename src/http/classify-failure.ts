import { isLookupCallError } from './errors';
import type { RetryDecision } from './with-retries';

/**
The one retry policy of every client: an error says itself whether it is retryable (throttling,
429, 5xx, network faults, timeouts, truncated or non-JSON bodies) or needs a fresh signature (a
stale timestamp or a reused nonce); anything else (auth, parameters, not found, bad inputs) fails.
*/
export function classifyCallFailure(error: unknown): RetryDecision {
  if (!isLookupCallError(error)) return 'fail';
  if (error.needsResign) return 'resignOnce';
  return error.retryable ? 'retry' : 'fail';
}

/**
Whether a failed attempt was answered "throttled" (HTTP 429, or the API's throttling code, as each
API's error class recognizes it): counted apart from other faults, retried or not.
*/
export function isThrottled(error: unknown): boolean {
  return isLookupCallError(error) && error.throttled === true;
}

/**
Whether a call's failure means the calls not sent yet would fail the same way, so they are skipped
(see `callInChunks`): bad credentials, a bad parameter, a redirect, an untrusted certificate, a
clock too far off. Not for retryable faults, which passed once their retries ran out, nor for an
answer of the wrong shape, which is about its own call: the next call may be answered properly.
*/
export function stopsLaterCalls(error: unknown): boolean {
  if (classifyCallFailure(error) === 'retry') return false;
  return !(isLookupCallError(error) && error.code === 'InvalidResponse');
}
