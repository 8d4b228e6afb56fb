import { vodImageFound } from '../../../src/aliyun-vod-images/rules';
import { findingsOf, messagesOf } from '../../support/policy-rule-check';
import { missingVodSubject, vodSubject, VOD_RULES_NOW as NOW } from '../fixtures';

describe('AliyunVod.ImageFound', () => {
  test('a found image passes', () => {
    expect(messagesOf(vodImageFound, [vodSubject()], NOW)).toEqual([]);
  });

  test('a missing image is an error finding naming it and its region, not a crash', () => {
    expect(findingsOf(vodImageFound, [missingVodSubject()], NOW)).toMatchObject([{ ruleId: 'AliyunVod.ImageFound', severity: 'error', ruleThrew: false,
      message: 'Image 0123456789abcdef0123456789abcdef (stack/missing) does not exist in VOD region cn-shanghai', evidence: { imageId: '0123456789abcdef0123456789abcdef', region: 'cn-shanghai' } }]);
  });
});
