import type { NetworkCause } from '../network-cause';
import { LookupCallError, type LookupCallErrorOptions } from './lookup-call-error';

/** Where in the attempt the fault happened. */
export type AttemptPhase = 'headers' | 'body';

export interface RequestFailedErrorOptions extends Omit<LookupCallErrorOptions, 'retryable' | 'hint'> {
  readonly cause: NetworkCause;
  /** `headers`: no HTTP answer at all; `body`: the answer broke off while its body was read. */
  readonly phase: AttemptPhase;
  /** The answer's status, when the fault came while reading the body. */
  readonly status?: number;
}

/**
The request got no complete HTTP answer: refused or dropped connection, reset, DNS or TLS failure,
or a body cut off before its end. Retryable, except for faults no retry fixes (an untrusted
certificate, a proxy refusing the credentials).

The underlying error is reduced to its code and query-free message rather than kept as `cause`:
fetch's errors can hold the request URL, whose GET query carries the key ID and the signature.
*/
export class RequestFailedError extends LookupCallError {
  /** The network error's code, e.g. ECONNREFUSED or ECONNRESET, when there is one. */
  readonly networkCode?: string;
  /** True for a `RequestTimeoutError`. */
  readonly timedOut: boolean;
  readonly phase: AttemptPhase;
  readonly status?: number;

  /** `override` is for subclasses (RequestTimeoutError): their code and problem statement. */
  constructor(options: RequestFailedErrorOptions, override?: { readonly code: string; readonly problem: string }) {
    const { cause, phase, status } = options;
    const what = phase === 'body' ? `The answer (HTTP ${status}) broke off while its body was read` : 'The request got no answer';
    super(override?.code ?? 'RequestFailed', override?.problem ?? `${what}: ${cause.code ? `${cause.code}, ` : ''}${cause.message}`,
      { ...options, retryable: cause.retryable, hint: cause.hint });
    this.networkCode = cause.code;
    this.timedOut = override !== undefined;
    this.phase = phase;
    this.status = status;
  }
}
