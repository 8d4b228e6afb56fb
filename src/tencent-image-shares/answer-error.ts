import { LookupError } from '../engine/errors';

/**
A successful answer that is not what the API documents. GetImageShareUinInfo's code 0: no `data`, no
`imageList`, a field of the wrong type, an `imageNum` that disagrees with the list, or an image
listed twice or not requested. DescribeImageSharePermission's answer without `Error`: no
`SharePermissionSet`, or an entry without a valid `AccountId` or `CreatedTime`. Never retried, never
cached: the previous cache entry stays.

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
    /**
    The action that answered.
    @default 'GetImageShareUinInfo'
    */
    readonly action?: string;
    /**
    What made the answer a success, as the message says it.
    @default 'code 0'
    */
    readonly success?: string;
  }) {
    super('InvalidResponse',
      `${details.action ?? 'GetImageShareUinInfo'} answered ${details.success ?? 'code 0'} with an unexpected shape: ${details.field} ${details.reason}` +
      `${details.requestId ? ` [request ${details.requestId}]` : ''}. Nothing was cached for the images of this call.`);
    this.field = details.field;
  }
}
