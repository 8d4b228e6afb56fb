import { vodTitleRequired } from '../../../src/aliyun-vod-images/rules';
import { findingsOf, messagesOf } from '../../support/policy-rule-check';
import { missingVodSubject, vodSubject, VOD_RULES_NOW as NOW } from '../fixtures';

describe('AliyunVod.TitleRequired', () => {
  test('a titled image passes, and a missing one is left to ImageFound', () => {
    expect(messagesOf(vodTitleRequired, [vodSubject(), missingVodSubject()], NOW)).toEqual([]);
  });

  test('an image without a title is a warning', () => {
    expect(findingsOf(vodTitleRequired, [vodSubject({ title: undefined })], NOW)).toMatchObject([{ severity: 'warning',
      message: 'Image bbc65bba53f90a1b2c3d4ed90de118a7 (stack/cover) has no title', evidence: { title: null } }]);
  });

  test('a title of blanks counts as none', () => {
    expect(messagesOf(vodTitleRequired, [vodSubject({ title: '  ' })], NOW)).toEqual(['Image bbc65bba53f90a1b2c3d4ed90de118a7 (stack/cover) has a blank title']);
  });
});
