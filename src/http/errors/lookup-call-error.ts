import { LookupError } from '../../engine/errors';
import { describeCall, type CallContext } from '../call-context';

/** What every error of an API call knows about it. */
export interface LookupCallErrorOptions {
  readonly context: CallContext;
  /** The attempt that failed, from 1; for the error a lookup ends with, the number of attempts made. */
  readonly attempt: number;
  /** Whether another attempt, after a backoff, may succeed. */
  readonly retryable: boolean;
  /** The request was refused as stale or replayed: sign it afresh and send it once more, at once. */
  readonly needsResign?: boolean;
  /**
  The answer said "throttled": HTTP 429, or the API's own throttling code. Reported apart from
  other retried faults, since the fix differs (lower the concurrency).
  @default false
  */
  readonly throttled?: boolean;
  /** The API's request ID, when the answer had one: what the cloud's support asks for. */
  readonly requestId?: string;
  /** What to do about it, appended to the message. */
  readonly hint?: string;
  /**
  The error this one wraps, kept only when it is known to hold no secret (a parser's error naming a
  field). Network errors are never kept: fetch's can hold the request URL with its GET query.
  */
  readonly cause?: unknown;
}

/**
Base of every error an API call ends with (network faults, timeouts, refused or unexpected answers,
the APIs' own error codes). The message names the call (cloud, action, region, endpoint, images,
attempt, RequestId) and never holds a key ID, key, token or signature.
*/
export class LookupCallError extends LookupError {
  /** Marks instances across copies of this module (two installs in one tree). */
  readonly isLookupCallError = true;
  readonly context: CallContext;
  readonly attempt: number;
  readonly retryable: boolean;
  readonly needsResign: boolean;
  /** The answer said "throttled" (HTTP 429 or the API's throttling code). */
  readonly throttled: boolean;
  readonly requestId?: string;

  constructor(code: string, problem: string, options: LookupCallErrorOptions) {
    super(code, `${problem} (${describeCall(options.context, options.attempt, options.requestId)})${options.hint ? `. ${options.hint}` : ''}`,
      options.cause === undefined ? undefined : { cause: options.cause });
    this.context = options.context;
    this.attempt = options.attempt;
    this.retryable = options.retryable;
    this.needsResign = options.needsResign ?? false;
    this.throttled = options.throttled ?? false;
    this.requestId = options.requestId;
  }

  /** The API's URL the call went to (origin and path, no query). */
  get endpoint(): string {
    return this.context.endpoint;
  }
}

/** True for any error an API call ended with, even from another copy of this module. */
export function isLookupCallError(error: unknown): error is LookupCallError {
  return typeof error === 'object' && error !== null && (error as LookupCallError).isLookupCallError === true;
}
