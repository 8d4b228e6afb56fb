import type { AttemptPhase } from './request-failed-error';
import { RequestFailedError } from './request-failed-error';
import type { LookupCallErrorOptions } from './lookup-call-error';

export interface RequestTimeoutErrorOptions extends Omit<LookupCallErrorOptions, 'retryable' | 'hint'> {
  readonly timeoutMs: number;
  /** `headers`: no answer began in time; `body`: the answer began but its body did not end in time. */
  readonly phase: AttemptPhase;
  /** The answer's status, when the body was the part too slow. */
  readonly status?: number;
  /** Body bytes received before the timeout. */
  readonly receivedBytes?: number;
}

/**
The attempt did not end within `timeoutMs`, which covers the whole attempt: connecting, the headers
and the last byte of the body. Retryable. A `RequestFailedError` with code `RequestTimeout`.
*/
export class RequestTimeoutError extends RequestFailedError {
  readonly timeoutMs: number;

  constructor(options: RequestTimeoutErrorOptions) {
    const { timeoutMs, phase, status, receivedBytes } = options;
    const where = phase === 'body'
      ? `the answer (HTTP ${status}) began, but its body stalled after ${receivedBytes ?? 0} bytes`
      : 'no answer began';
    super({ ...options, cause: { message: 'timed out', retryable: true } }, {
      code: 'RequestTimeout',
      problem: `No complete answer within timeoutMs ${timeoutMs} ms: ${where}`,
    });
    this.timeoutMs = timeoutMs;
  }
}
