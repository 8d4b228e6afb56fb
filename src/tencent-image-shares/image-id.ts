import { LookupInputError } from '../engine/errors';
import { checkEachImageId } from '../http/lookup-batch';

/** The documented shape of a CVM image ID: `img-` and 8 lowercase letters or digits. */
export const TENCENT_IMAGE_ID_PATTERN = /^img-[a-z0-9]{8}$/;

/** Throws an error naming the bad ID (and where it was) unless it has the documented shape. */
export function checkTencentImageId(imageId: unknown, input: string): asserts imageId is string {
  if (typeof imageId !== 'string' || !TENCENT_IMAGE_ID_PATTERN.test(imageId)) {
    throw new LookupInputError(input, `${JSON.stringify(imageId)} is not a Tencent Cloud image ID: expected img- followed by 8 lowercase letters or digits, such as img-jgggrva9`);
  }
}

/**
Throws an error naming the input unless `imageIds` is a non-empty list of IDs of the documented
shape; a bad element is named by its index (`<input>[2]`).
*/
export function checkTencentImageIds(imageIds: unknown, input: string): asserts imageIds is readonly string[] {
  if (!Array.isArray(imageIds)) {
    throw new LookupInputError(input, `expected a list of image IDs such as ['img-jgggrva9'], got ${imageIds === null ? 'null' : typeof imageIds}`);
  }
  if (imageIds.length === 0) throw new LookupInputError(input, 'the list is empty: give at least one image ID, such as img-jgggrva9');
  checkEachImageId(imageIds, input, checkTencentImageId);
}
