import { vodMaxAge } from '../../../src/aliyun-vod-images/rules';
import { LookupInputError } from '../../../src/engine';
import { thrown } from '../../support/expect-errors';
import { findingsOf, messagesOf } from '../../support/policy-rule-check';
import { missingVodSubject, vodSubject, VOD_RULES_NOW as NOW } from '../fixtures';

describe('AliyunVod.MaxAge', () => {
  const rule = vodMaxAge({ maxAgeDays: 31 });

  test('an image at most maxAgeDays old passes (the bound included), and so does one from after the clock', () => {
    expect(messagesOf(rule, [vodSubject(), vodSubject({ creationTime: '2026-07-01T00:00:00Z' }), missingVodSubject()], NOW)).toEqual([]);
  });

  test('an older image is a warning with its age, by the context clock', () => {
    expect(findingsOf(rule, [vodSubject({ creationTime: '2018-11-21T02:37:23Z' })], NOW)).toMatchObject([{ severity: 'warning', evidence: { creationTime: '2018-11-21T02:37:23Z', ageDays: 2748, maxAgeDays: 31 },
      message: 'Image bbc65bba53f90a1b2c3d4ed90de118a7 (stack/cover) was created at 2018-11-21T02:37:23Z, 2748 days ago: more than the 31 days allowed' }]);
  });

  test('the same image passes on an earlier clock', () => {
    expect(messagesOf(rule, [vodSubject({ creationTime: '2018-11-21T02:37:23Z' })], new Date('2018-12-01T00:00:00Z'))).toEqual([]);
  });

  test('an image without a creation time cannot be shown to be young enough', () => {
    expect(findingsOf(rule, [vodSubject({ creationTime: undefined })], NOW)).toMatchObject([{ evidence: { creationTime: null, maxAgeDays: 31 },
      message: "Image bbc65bba53f90a1b2c3d4ed90de118a7 (stack/cover) has no creation time in VOD's answer, so it cannot be shown to be at most 31 days old" }]);
  });

  test.each([
    [{}, /expected a whole number of at least 1, got nothing: pass e.g. 365/],
    [{ maxAgeDays: 0 }, /got the number 0/],
    [{ maxAgeDays: 1.5 }, /got the number 1.5/],
    [{ maxAgeDays: '30' }, /got the string "30"/],
  ])('refuses %j up front, naming the option', (options, message) => {
    expect(thrown(() => vodMaxAge(options as never), LookupInputError)).toMatchObject({ input: 'AliyunVod.MaxAge option maxAgeDays', message: expect.stringMatching(message) });
  });
});
