import { LookupError } from '../../engine/errors';

/**
The request got no HTTP answer: a network fault, or no answer within the timeout. Retryable.

The message names the endpoint without its query string: a GET query holds the SecretId and the signature.
*/
export class RequestFailedError extends LookupError {
  readonly retryable = true;

  constructor(readonly endpoint: string, readonly timedOut: boolean, cause: unknown) {
    super(timedOut ? 'RequestTimeout' : 'RequestFailed',
      timedOut ? `No answer from ${endpoint} within the timeout`
        : `Request to ${endpoint} failed: ${describeNetworkCause(cause)}`, { cause });
  }
}

function describeNetworkCause(cause: unknown): string {
  const inner = (cause as { cause?: { code?: string; message?: string } })?.cause;
  return inner?.code ?? inner?.message ?? (cause as Error)?.message ?? String(cause);
}
