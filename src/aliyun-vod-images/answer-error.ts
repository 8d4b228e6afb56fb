import { LookupError } from '../engine/errors';

/**
A VOD answer that is not what the API documents: a field of the wrong type, a missing required
field, an error body where data was expected, or an image that is neither returned nor listed as
nonexistent. Never retried, never cached: the previous cache entry stays.

Its code is `InvalidResponse`, like the transport's ResponseInvalidError, which the client may wrap
it in to add the endpoint and HTTP status. The message names the field, never its value (a URL field
holds a signature).
*/
export class VodAnswerInvalidError extends LookupError {
  readonly retryable = false;
  /** Where in the answer the problem is; see `details.field`. */
  readonly field: string;

  constructor(readonly details: {
    /** `GetImageInfo` or `GetImageInfos`. */
    readonly action: string;
    /** Where in the answer, e.g. `ImageInfo[1].Mezzanine.FileSize`; empty for the whole body. */
    readonly field: string;
    /** What is wrong with it. */
    readonly reason: string;
    /** The images this error stands for. */
    readonly imageIds: readonly string[];
    readonly requestId?: string;
  }) {
    super('InvalidResponse',
      `${details.action} answered with an unexpected shape for ${listIds(details.imageIds)}: ${details.field ? `${details.field} ` : ''}${details.reason}` +
      `${details.requestId ? ` [RequestId ${details.requestId}]` : ''}. Nothing was cached for ${details.imageIds.length === 1 ? 'it' : 'them'}.`);
    this.field = details.field;
  }
}

/** The first few IDs and a count, so a message stays short for a batch of 20. */
function listIds(imageIds: readonly string[]): string {
  const shown = imageIds.slice(0, 3).join(', ');
  return imageIds.length > 3 ? `${shown} and ${imageIds.length - 3} more` : shown;
}
