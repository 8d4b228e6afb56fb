import { LookupInputError } from '../engine/errors';
import { DEFAULT_RETRY, type ResolvedRetryOptions, type RetryOptions } from './with-retries';

/** The most retries allowed: more only hammers a throttled API. */
export const MAX_RETRIES = 10;
/** The longest per-attempt timeout and backoff allowed: 10 minutes (timers overflow past 2^31 ms anyway). */
export const MAX_TIMEOUT_MS = 600_000;
/** Default cap of an answer's body: 10 MiB, far above any answer of these APIs (a few KB per call). */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** How every signed client sends its requests. */
export interface TransportProps {
  /**
  POST keeps the key ID and the signature out of URLs and access logs.
  @default 'POST'
  */
  readonly httpMethod?: 'POST' | 'GET';
  /**
  Timeout of each attempt in milliseconds, from connecting to the last byte of the body: an integer
  from 1 to 600000.
  @default 10000
  */
  readonly timeoutMs?: number;
  /**
  Largest accepted answer body in bytes, a positive integer. A longer body is refused as soon as it
  passes the cap (or announces a longer Content-Length), with a ResponseTooLarge error.
  @default 10485760 (10 MiB)
  */
  readonly maxResponseBytes?: number;
  /** Retry limits; see `RetryOptions` for each one's default. */
  readonly retry?: RetryOptions;
}

/** Transport props with defaults applied and checked. */
export interface TransportOptions {
  readonly httpMethod: 'POST' | 'GET';
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly retry: ResolvedRetryOptions;
}

/** Applies the defaults and checks every value, naming the bad prop, before any request. */
export function resolveTransport(props: TransportProps): TransportOptions {
  const httpMethod = props.httpMethod ?? 'POST';
  if (httpMethod !== 'POST' && httpMethod !== 'GET') throw new LookupInputError('httpMethod', `${show(httpMethod)} is not POST or GET`);
  const timeoutMs = props.timeoutMs ?? 10_000;
  checkInteger('timeoutMs', timeoutMs, 1, MAX_TIMEOUT_MS, 'milliseconds');
  const maxResponseBytes = props.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  checkInteger('maxResponseBytes', maxResponseBytes, 1, Number.MAX_SAFE_INTEGER, 'bytes');
  return { httpMethod, timeoutMs, maxResponseBytes, retry: resolveRetry(props.retry) };
}

const RETRY_KEYS: ReadonlySet<string> = new Set(Object.keys(DEFAULT_RETRY));

/** Checks `retry` whole (a typo such as `{ retires: 5 }` must not silently mean the default) and fills in the defaults. */
export function resolveRetry(retry: RetryOptions | undefined): ResolvedRetryOptions {
  if (retry === undefined) return DEFAULT_RETRY;
  if (typeof retry !== 'object' || retry === null || Array.isArray(retry)) {
    throw new LookupInputError('retry', `${show(retry)} is not an object such as { retries: 3, baseDelayMs: 200, maxDelayMs: 5000 }`);
  }
  const unknown = Object.keys(retry).filter((key) => !RETRY_KEYS.has(key));
  if (unknown.length > 0) {
    throw new LookupInputError(`retry.${unknown[0]}`, `is not a retry option; the options are ${[...RETRY_KEYS].join(', ')}`);
  }
  const resolved = { ...DEFAULT_RETRY, ...stripUndefined(retry) };
  checkInteger('retry.retries', resolved.retries, 0, MAX_RETRIES, 'retries');
  checkDelay('retry.baseDelayMs', resolved.baseDelayMs);
  checkDelay('retry.maxDelayMs', resolved.maxDelayMs);
  return resolved;
}

function checkInteger(input: string, value: unknown, min: number, max: number, unit: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
    throw new LookupInputError(input, `${show(value)} is not an integer number of ${unit} ${range}`);
  }
}

function checkDelay(input: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_TIMEOUT_MS) {
    throw new LookupInputError(input, `${show(value)} is not a number of milliseconds from 0 to ${MAX_TIMEOUT_MS}`);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/** JSON.stringify loses NaN and Infinity (`null`): show numbers as numbers. */
function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : JSON.stringify(value) ?? String(value);
}
