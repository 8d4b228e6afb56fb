import { LookupCallError, type LookupCallErrorOptions } from './lookup-call-error';

export interface ResponseInvalidErrorOptions extends Omit<LookupCallErrorOptions, 'hint'> {
  readonly status: number;
  /** What was wrong with the answer, e.g. `the body is not JSON`. */
  readonly reason: string;
  readonly hint?: string;
  /** Where in the answer the problem is, e.g. `data.imageList[1].shareUinInfo`, when the answer is JSON of the wrong shape. */
  readonly field?: string;
}

/**
The API answered, but not with what its documentation describes: a body that is not JSON (a proxy's
or load balancer's page, a truncated body), an error status without the API's error code, or JSON
of the wrong shape. Retryable when the fault is likely transient (429, 5xx, a non-JSON 200); an
answer of the wrong shape is not.
*/
export class ResponseInvalidError extends LookupCallError {
  readonly status: number;
  readonly field?: string;

  constructor(options: ResponseInvalidErrorOptions) {
    // A 429 without the API's error body (a gateway's page) is throttling all the same.
    super('InvalidResponse', `Unexpected answer (HTTP ${options.status}): ${options.reason}`, { ...options, throttled: options.status === 429 });
    this.status = options.status;
    this.field = options.field;
  }
}
