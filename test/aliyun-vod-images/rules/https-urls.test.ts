import { vodHttpsUrls } from '../../../src/aliyun-vod-images/rules';
import { findingsOf, messagesOf } from '../../support/policy-rule-check';
import { missingVodSubject, vodSubject, VOD_RULES_NOW as NOW } from '../fixtures';

describe('AliyunVod.HttpsUrls', () => {
  test('https URLs pass, absent ones have nothing to check, and a missing image is left to ImageFound', () => {
    expect(messagesOf(vodHttpsUrls, [vodSubject(), vodSubject({ url: undefined, mezzanine: undefined }), missingVodSubject()], NOW)).toEqual([]);
  });

  test('an http URL is an error finding whose evidence has the scheme and host, never the (signed) path or query', () => {
    expect(findingsOf(vodHttpsUrls, [vodSubject({ url: { url: 'http://cdn.example.com/x.png?auth_key=1-0-0-secret', signatureRemoved: false } })], NOW)).toMatchObject([{ severity: 'error',
      message: 'Image bbc65bba53f90a1b2c3d4ed90de118a7 (stack/cover) has a URL not using https: url (http://cdn.example.com)', evidence: { urls: [{ field: 'url', scheme: 'http', host: 'cdn.example.com' }] } }]);
  });

  test('both fields are checked, and a value that is not a URL is not https', () => {
    expect(messagesOf(vodHttpsUrls, [vodSubject({ url: { url: 'spring.png', signatureRemoved: false }, mezzanine: { fileUrl: { url: 'http://oss.example.com/a.png', signatureRemoved: false } } })], NOW))
      .toEqual(['Image bbc65bba53f90a1b2c3d4ed90de118a7 (stack/cover) has URLs not using https: url (not a URL) and mezzanine.fileUrl (http://oss.example.com)']);
  });
});
