import { vodStatusNormal } from '../../../src/aliyun-vod-images/rules';
import { findingsOf, messagesOf } from '../../support/policy-rule-check';
import { missingVodSubject, vodSubject, VOD_RULES_NOW as NOW } from '../fixtures';

describe('AliyunVod.StatusNormal', () => {
  test('a Normal image passes, and a missing one is left to ImageFound', () => {
    expect(messagesOf(vodStatusNormal, [vodSubject(), missingVodSubject()], NOW)).toEqual([]);
  });

  test('an image still uploading is an error finding with its status', () => {
    expect(findingsOf(vodStatusNormal, [vodSubject({ status: 'Uploading' })], NOW)).toMatchObject([{ severity: 'error',
      message: 'Image bbc65bba53f90a1b2c3d4ed90de118a7 (stack/cover) has the status Uploading, not Normal', evidence: { status: 'Uploading' } }]);
  });

  test('an image without a status cannot be confirmed Normal', () => {
    expect(findingsOf(vodStatusNormal, [vodSubject({ status: undefined })], NOW)).toMatchObject([{ evidence: { status: null },
      message: "Image bbc65bba53f90a1b2c3d4ed90de118a7 (stack/cover) has no status in VOD's answer, so it cannot be confirmed Normal" }]);
  });
});
