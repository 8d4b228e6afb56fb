import fc from 'fast-check';
import { vodSizeBounds, type VodSizeBoundsOptions } from '../../../src/aliyun-vod-images/rules';
import { LookupInputError } from '../../../src/engine';
import { thrown } from '../../support/expect-errors';
import { findingsOf, messagesOf } from '../../support/policy-rule-check';
import { missingVodSubject, vodSubject, VOD_RULES_NOW as NOW } from '../fixtures';

describe('AliyunVod.SizeBounds', () => {
  const rule = vodSizeBounds({ maxBytes: 10_000, minWidth: 200, maxHeight: 1080 });

  test('an image within every bound passes (bounds inclusive), and a missing one is left to ImageFound', () => {
    expect(messagesOf(rule, [vodSubject(), missingVodSubject()], NOW)).toEqual([]);
  });

  test('an image outside bounds is one warning listing every problem, with what was seen', () => {
    expect(findingsOf(rule, [vodSubject({ mezzanine: { sizeBytes: 524_288, width: 100, height: 1080 } })], NOW)).toMatchObject([{ severity: 'warning',
      message: 'Image bbc65bba53f90a1b2c3d4ed90de118a7 (stack/cover) is not within the size bounds: its size is 524288 bytes, above the maximum of 10000 and its width is 100 px, below the minimum of 200',
      evidence: { sizeBytes: 524_288, width: 100, height: 1080, bounds: { maxBytes: 10_000, minWidth: 200, maxHeight: 1080 } } }]);
  });

  test('the description says the bounds', () => {
    expect(rule.description).toBe('VOD images are within size bounds: size at most 10000 bytes, width at least 200 px and height at most 1080 px');
  });

  test('an unknown measure is not within bounds; unbounded measures are not looked at', () => {
    expect(findingsOf(vodSizeBounds({ minHeight: 1 }), [vodSubject({ mezzanine: undefined })], NOW)).toMatchObject([{ evidence: { height: null, problems: ['its height is unknown'] } }]);
  });

  test('property: an image has a finding exactly when a bounded measure is below its minimum or above its maximum', () => {
    const measure = fc.integer({ min: 0, max: 5000 });
    const bound = fc.option(measure, { nil: undefined });
    fc.assert(fc.property(measure, measure, bound, bound, bound, (sizeBytes, width, minBytes, maxBytes, minWidth) => {
      fc.pre([minBytes, maxBytes, minWidth].some((value) => value !== undefined) && (minBytes ?? 0) <= (maxBytes ?? Infinity));
      const outside = (minBytes !== undefined && sizeBytes < minBytes) || (maxBytes !== undefined && sizeBytes > maxBytes) || (minWidth !== undefined && width < minWidth);
      const options: VodSizeBoundsOptions = { minBytes, maxBytes, minWidth };
      expect(messagesOf(vodSizeBounds(options), [vodSubject({ mezzanine: { sizeBytes, width } })], NOW)).toHaveLength(outside ? 1 : 0);
    }));
  });

  test.each([
    [{}, 'options', /sets no bound: give at least one of minBytes, maxBytes, minWidth, maxWidth, minHeight and maxHeight/],
    [{ maxBytes: -1 }, 'maxBytes', /expected a whole number of at least 0, got the number -1/],
    [{ minWidth: '1' }, 'minWidth', /got the string "1"/],
    [{ minHeight: 20, maxHeight: 10 }, 'minHeight', /is 20, more than maxHeight \(10\): no image could pass; swap them/],
    [{ maxSize: 10 }, 'maxSize', /is not an option of this rule/],
  ])('refuses %j up front, naming the option', (options, option, message) => {
    expect(thrown(() => vodSizeBounds(options as never), LookupInputError)).toMatchObject({ input: `AliyunVod.SizeBounds option ${option}`, message: expect.stringMatching(message) });
  });
});
