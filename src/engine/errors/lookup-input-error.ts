import { LookupError } from './lookup-error';

/**
A bad input (image ID, region, option, credentials, endpoint) found before any network call.

The message names the input and says what to do about it.
*/
export class LookupInputError extends LookupError {
  constructor(
    /** The input that was rejected, e.g. `imageIds[2]` or `TENCENTCLOUD_REGION`. */
    readonly input: string,
    message: string,
  ) {
    super('InvalidLookupInput', `${input}: ${message}`);
  }
}
