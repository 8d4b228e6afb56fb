import { LookupError } from '../../engine/errors';

/**
The request got no HTTP answer: a network fault, or no answer within the timeout. Retryable.

Neither the message nor any property holds the request's URL with its query string (a GET query
carries the SecretId and the signature), so the underlying error is reduced to its code and
query-free text instead of being kept as `cause`.
*/
export class RequestFailedError extends LookupError {
  readonly retryable = true;
  /** The network error's code, e.g. ECONNREFUSED, when there is one. */
  readonly networkCode?: string;

  constructor(readonly endpoint: string, readonly timedOut: boolean, underlying: unknown) {
    const networkCode = (underlying as { cause?: { code?: string } })?.cause?.code;
    super(timedOut ? 'RequestTimeout' : 'RequestFailed',
      timedOut ? `No answer from ${endpoint} within the timeout`
        : `Request to ${endpoint} failed: ${networkCode ?? withoutQueryStrings((underlying as Error)?.message ?? String(underlying))}`);
    this.networkCode = networkCode;
  }
}

/** Drops the query string of any URL in a text. */
function withoutQueryStrings(text: string): string {
  return text.replace(/(https?:\/\/[^\s?#]*)[?#]\S*/g, '$1');
}
