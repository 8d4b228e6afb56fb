import { toVodUrl } from '../../src/aliyun-vod-images/signed-url';

/** Shaped like the seed's OSS presigned URL (Expires=1590982353 is 2020-06-01T03:32:33Z). */
const OSS_BASE = 'https://outin-bfefbb90a1b2c3d4e5f6163e1c7426.oss-cn-shanghai.aliyuncs.com/image/default/5E84CD536ABCDEF0D4DAD.png';
const OSS_SIGNED = `${OSS_BASE}?Expires=1590982353&OSSAccessKeyId=LTAIexampleOssKey01&Signature=ALPET74oExample%2Bx%2Fc%3D`;
const OSS_EXPIRES_AT = '2020-06-01T03:32:33Z';

/** CDN URL signing, type A: `auth_key=<expiry>-<rand>-<uid>-<md5>`. 1590980550 is 2020-06-01T03:02:30Z. */
const CDN_BASE = 'https://cdn.example-vod.com/image/default/5E84CD536ABCDEF0D4DAD.png';
const CDN_SIGNED = `${CDN_BASE}?auth_key=1590980550-0-0-70a396e834b1c2d3e4f5a6b7c8d9e0f1`;
const CDN_EXPIRES_AT = '2020-06-01T03:02:30Z';

describe('toVodUrl: OSS presigned URLs (Expires)', () => {
  test('by default only scheme, host and path are kept, with the expiry from Expires', () => {
    expect(toVodUrl(OSS_SIGNED, false)).toEqual({ url: OSS_BASE, signatureRemoved: true, expiresAt: OSS_EXPIRES_AT });
  });

  test('nothing of the query survives: no Signature, no key ID, no Expires', () => {
    const printed = JSON.stringify(toVodUrl(OSS_SIGNED, false));
    for (const fragment of ['Signature', 'OSSAccessKeyId', 'LTAIexampleOssKey01', 'ALPET74o', 'Expires=', '?']) {
      expect(printed).not.toContain(fragment);
    }
  });

  test('keepSigned: the whole URL, byte for byte, still with its expiry', () => {
    expect(toVodUrl(OSS_SIGNED, true)).toEqual({ url: OSS_SIGNED, signatureRemoved: false, expiresAt: OSS_EXPIRES_AT });
  });

  test('the parameter order does not matter for the expiry', () => {
    const reordered = `${OSS_BASE}?OSSAccessKeyId=LTAIexampleOssKey01&Signature=abc%3D&Expires=1700003600`;
    expect(toVodUrl(reordered, false)).toEqual({ url: OSS_BASE, signatureRemoved: true, expiresAt: '2023-11-14T23:13:20Z' });
  });

  test.each([
    ['not a number', 'soon'],
    ['milliseconds instead of seconds', '1590982353000'],
    ['empty', ''],
  ])('an Expires that is %s gives no expiry, and the signature is still removed', (_what, expires) => {
    expect(toVodUrl(`${OSS_BASE}?Expires=${expires}&Signature=abc%3D`, false)).toEqual({ url: OSS_BASE, signatureRemoved: true, expiresAt: undefined });
  });
});

describe('toVodUrl: CDN URLs with auth_key', () => {
  test('by default the auth_key is removed and its first field is the expiry', () => {
    expect(toVodUrl(CDN_SIGNED, false)).toEqual({ url: CDN_BASE, signatureRemoved: true, expiresAt: CDN_EXPIRES_AT });
  });

  test('keepSigned: the whole URL with the auth_key', () => {
    expect(toVodUrl(CDN_SIGNED, true)).toEqual({ url: CDN_SIGNED, signatureRemoved: false, expiresAt: CDN_EXPIRES_AT });
  });

  test("the seed's masked auth_key (no dash-separated expiry) gives no expiry, and is still removed", () => {
    const seedUrl = 'https://al*****.cn/image/default/5E84CD536*****D4DAD.png?auth_key=159098055*****70a396e834';
    expect(toVodUrl(seedUrl, false)).toEqual({ url: 'https://al*****.cn/image/default/5E84CD536*****D4DAD.png', signatureRemoved: true, expiresAt: undefined });
  });

  test('a port and an http scheme are kept; the percent-encoded path is not decoded', () => {
    const url = 'http://127.0.0.1:8443/image/default/my%20cover.png?auth_key=1590980550-0-0-abcdef';
    expect(toVodUrl(url, false)).toEqual({ url: 'http://127.0.0.1:8443/image/default/my%20cover.png', signatureRemoved: true, expiresAt: CDN_EXPIRES_AT });
  });
});

describe('toVodUrl: URLs that are not signed, and names that are not URLs', () => {
  test('a URL without a query is kept as it is: nothing removed, no expiry', () => {
    expect(toVodUrl(CDN_BASE, false)).toEqual({ url: CDN_BASE, signatureRemoved: false, expiresAt: undefined });
    expect(toVodUrl(CDN_BASE, true)).toEqual({ url: CDN_BASE, signatureRemoved: false, expiresAt: undefined });
  });

  test.each(['sample.gif', 'spring-cover.png', '****.gif', '封面 2025.png', ''])('a plain file name %j is returned as is', (name) => {
    expect(toVodUrl(name, false)).toEqual({ url: name, signatureRemoved: false });
    expect(toVodUrl(name, true)).toEqual({ url: name, signatureRemoved: false });
    expect(toVodUrl(name, false).expiresAt).toBeUndefined();
  });
});
