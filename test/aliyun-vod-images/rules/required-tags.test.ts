import { vodRequiredTags } from '../../../src/aliyun-vod-images/rules';
import { LookupInputError } from '../../../src/engine';
import { thrown } from '../../support/expect-errors';
import { findingsOf, messagesOf } from '../../support/policy-rule-check';
import { missingVodSubject, vodSubject, VOD_RULES_NOW as NOW } from '../fixtures';

describe('AliyunVod.RequiredTags', () => {
  const rule = vodRequiredTags({ tags: ['approved', ' cover ', 'approved'] });

  test('an image with every required tag passes, and a missing one is left to ImageFound', () => {
    expect(messagesOf(rule, [vodSubject(), missingVodSubject()], NOW)).toEqual([]);
  });

  test('an image lacking tags is a warning listing the missing ones (exact, case included)', () => {
    expect(findingsOf(rule, [vodSubject({ tags: ['Approved'] })], NOW)).toMatchObject([{ severity: 'warning', evidence: { missing: ['approved', 'cover'], tags: ['Approved'] },
      message: 'Image bbc65bba53f90a1b2c3d4ed90de118a7 (stack/cover) lacks the required tags approved and cover' }]);
  });

  test('the description names the tags, trimmed and each once', () => {
    expect(rule.description).toBe('VOD images carry the tags approved and cover');
  });

  test.each([
    [undefined, 'options', /expected an object of options, got nothing/],
    [{}, 'tags', /non-empty list of tags, got nothing/],
    [{ tags: [] }, 'tags', /got an empty list/],
    [{ tags: ['a', ' '] }, 'tags[1]', /got an empty string/],
    [{ tags: ['a,b'] }, 'tags[0]', /contains a comma/],
    [{ tags: ['a'], tag: ['b'] }, 'tag', /not an option of this rule: its options are tags/],
  ])('refuses %j up front, naming the option', (options, option, message) => {
    expect(thrown(() => vodRequiredTags(options as never), LookupInputError)).toMatchObject({ code: 'InvalidLookupInput', input: `AliyunVod.RequiredTags option ${option}`, message: expect.stringMatching(message) });
  });
});
