import { vodAllowedImageTypes } from '../../../src/aliyun-vod-images/rules';
import { LookupInputError } from '../../../src/engine';
import { thrown } from '../../support/expect-errors';
import { findingsOf, messagesOf } from '../../support/policy-rule-check';
import { missingVodSubject, vodSubject, VOD_RULES_NOW as NOW } from '../fixtures';

describe('AliyunVod.AllowedImageTypes', () => {
  const rule = vodAllowedImageTypes({ types: ['cover', 'default'] });

  test('an image of an allowed type passes, and a missing one is left to ImageFound', () => {
    expect(messagesOf(rule, [vodSubject(), vodSubject({ imageType: 'default' }), missingVodSubject()], NOW)).toEqual([]);
  });

  test('an image of another type is an error finding', () => {
    expect(findingsOf(rule, [vodSubject({ imageType: 'SpriteSnapshot' })], NOW)).toMatchObject([{ severity: 'error', evidence: { imageType: 'SpriteSnapshot', allowed: ['cover', 'default'] },
      message: 'Image bbc65bba53f90a1b2c3d4ed90de118a7 (stack/cover) is of type SpriteSnapshot, which is not allowed (allowed: cover and default)' }]);
  });

  test('an image without a type cannot be shown to be allowed', () => {
    expect(findingsOf(rule, [vodSubject({ imageType: undefined })], NOW)).toMatchObject([{ evidence: { imageType: null },
      message: "Image bbc65bba53f90a1b2c3d4ed90de118a7 (stack/cover) has no image type in VOD's answer, so it cannot be shown to be cover and default" }]);
  });

  test.each([
    [null, 'options', /expected an object of options, got null/],
    [{ types: 'cover' }, 'types', /non-empty list of image types, got the string "cover"/],
    [{ types: [3] }, 'types[0]', /got the number 3/],
  ])('refuses %j up front, naming the option', (options, option, message) => {
    expect(thrown(() => vodAllowedImageTypes(options as never), LookupInputError)).toMatchObject({ input: `AliyunVod.AllowedImageTypes option ${option}`, message: expect.stringMatching(message) });
  });
});
