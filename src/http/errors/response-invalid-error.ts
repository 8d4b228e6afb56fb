import { LookupError } from '../../engine/errors';

/**
The API answered, but not with what its documentation describes: a non-JSON body, or JSON of the
wrong shape. HTTP 5xx answers are retryable; anything else is not.
*/
export class ResponseInvalidError extends LookupError {
  readonly retryable: boolean;

  constructor(readonly endpoint: string, readonly status: number, reason: string) {
    super('InvalidResponse', `Unexpected answer from ${endpoint} (HTTP ${status}): ${reason}`);
    this.retryable = status >= 500;
  }
}
