import { LookupError } from '../engine/errors';

/**
A GetImageShareUinInfo answer with code 0 that is not what the API documents: no `data`, no
`imageList`, a field of the wrong type, an `imageNum` that disagrees with the list, or an image
listed twice or not requested. Never retried, never cached: the previous cache entry stays.

Its code is `InvalidResponse`, like the transport's ResponseInvalidError, which the client may wrap
it in to add the endpoint and HTTP status. The message names the field, never its value.
*/
export class ShareAnswerInvalidError extends LookupError {
  readonly retryable = false;
  /** Where in the answer, e.g. `data.imageList[1].shareUinInfo[0].uin`. */
  readonly field: string;

  constructor(readonly details: {
    readonly field: string;
    /** What is wrong with it. */
    readonly reason: string;
    readonly requestId?: string;
  }) {
    super('InvalidResponse',
      `GetImageShareUinInfo answered code 0 with an unexpected shape: ${details.field} ${details.reason}` +
      `${details.requestId ? ` [request ${details.requestId}]` : ''}. Nothing was cached for the images of this call.`);
    this.field = details.field;
  }
}
