import { LookupInputError } from '../engine/errors';
import type { RetryOptions } from './with-retries';

/** How every signed client sends its requests. */
export interface TransportProps {
  /**
  POST keeps the key ID and the signature out of URLs and access logs.
  @default 'POST'
  */
  readonly httpMethod?: 'POST' | 'GET';
  /**
  Timeout of each attempt, in milliseconds.
  @default 10000
  */
  readonly timeoutMs?: number;
  /** Retry limits; see `RetryOptions` for defaults. */
  readonly retry?: RetryOptions;
}

export interface TransportOptions {
  readonly httpMethod: 'POST' | 'GET';
  readonly timeoutMs: number;
  readonly retry?: RetryOptions;
}

/** Applies the defaults and checks the values, naming the bad prop. */
export function resolveTransport(props: TransportProps): TransportOptions {
  const httpMethod = props.httpMethod ?? 'POST';
  if (httpMethod !== 'POST' && httpMethod !== 'GET') throw new LookupInputError('httpMethod', `${JSON.stringify(httpMethod)} is not POST or GET`);
  const timeoutMs = props.timeoutMs ?? 10_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new LookupInputError('timeoutMs', `${JSON.stringify(timeoutMs)} is not a positive number of milliseconds`);
  return { httpMethod, timeoutMs, retry: props.retry };
}
