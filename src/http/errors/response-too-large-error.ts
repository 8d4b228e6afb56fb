import { LookupCallError, type LookupCallErrorOptions } from './lookup-call-error';

export interface ResponseTooLargeErrorOptions extends Omit<LookupCallErrorOptions, 'retryable' | 'hint'> {
  readonly status: number;
  /** The `maxResponseBytes` in force. */
  readonly maxResponseBytes: number;
  /** The Content-Length the answer announced, when it announced one over the cap. */
  readonly declaredBytes?: number;
  /** Body bytes read before the stream was cut (0 when the announced length was refused). */
  readonly receivedBytes: number;
}

/**
The answer's body is larger than `maxResponseBytes`. Refused as soon as it is known (an announced
Content-Length over the cap, or the stream passing it), so memory stays bounded. Not retried: the
same request gets the same answer. These APIs answer a few kilobytes; a huge body is usually a wrong
endpoint or something in between (a proxy or captive portal).
*/
export class ResponseTooLargeError extends LookupCallError {
  readonly status: number;
  readonly maxResponseBytes: number;
  readonly declaredBytes?: number;
  readonly receivedBytes: number;

  constructor(options: ResponseTooLargeErrorOptions) {
    const { status, maxResponseBytes, declaredBytes, receivedBytes } = options;
    super('ResponseTooLarge',
      `The answer (HTTP ${status}) is larger than maxResponseBytes ${maxResponseBytes}: ` +
      (declaredBytes !== undefined ? `it announced ${declaredBytes} bytes, refused unread` : `refused after ${receivedBytes} bytes`),
      { ...options, retryable: false, hint: 'Check the endpoint; if the API really answers this much, raise maxResponseBytes' });
    this.status = status;
    this.maxResponseBytes = maxResponseBytes;
    this.declaredBytes = declaredBytes;
    this.receivedBytes = receivedBytes;
  }
}
