import { LookupInputError } from '../engine/errors';

/** The documented shape of a VOD image ID: 32 lowercase hexadecimal digits. */
export const VOD_IMAGE_ID_PATTERN = /^[0-9a-f]{32}$/;

/** Throws an error naming the bad ID (and where it was) unless it has the documented shape. */
export function checkVodImageId(imageId: unknown, input: string): asserts imageId is string {
  if (typeof imageId !== 'string' || !VOD_IMAGE_ID_PATTERN.test(imageId)) {
    throw new LookupInputError(input, `${JSON.stringify(imageId)} is not a VOD image ID: expected 32 lowercase hexadecimal digits, such as 3e34733b40b9a96ccf5c1ff6f69aaaaa`);
  }
}
