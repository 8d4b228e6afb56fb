import { toVodUrl } from '../../src/aliyun-vod-images/signed-url';
import { SEED_ORIGINAL_BASE as OSS_BASE, SEED_ORIGINAL_EXPIRES_AT as OSS_EXPIRES_AT } from './fixtures';

/** Shaped like the seed's OSS presigned URL (Expires=1590982353 is 2020-06-01T03:32:33Z). */
const OSS_SIGNED = `${OSS_BASE}?Expires=1590982353&OSSAccessKeyId=LTAIexampleOssKey01&Signature=ALPET74oExample%2Bx%2Fc%3D`;

/** CDN URL signing, type A: `auth_key=<timestamp>-<rand>-<uid>-<md5>`. 1590980550 is 2020-06-01T03:02:30Z. */
const CDN_BASE = 'https://cdn.example-vod.com/image/default/5E84CD536ABCDEF0D4DAD.png';
const CDN_SIGNED = `${CDN_BASE}?auth_key=1590980550-0-0-70a396e834b1c2d3e4f5a6b7c8d9e0f1`;
const CDN_EXPIRES_AT = '2020-06-01T03:02:30Z';

/** The md5hash of the CDN signing examples' shape: 32 lowercase hex digits. */
const MD5 = 'a37fa50a5fb8f71214b1e7c95ec7a1bd';
/** 2015-08-15 08:00 in UTC+8 (type B's zone) is 2015-08-15T00:00:00Z; 0x55CE8100 is the same instant in Unix seconds. */
const TYPE_B_TIME = '201508150800';
const TYPE_C_TIME = '55CE8100';
const SIGNED_AT = '2015-08-15T00:00:00Z';
const FILENAME = '/video/standard/test.mp4';
const DOMAIN = 'https://domain.example.com';

describe('toVodUrl: OSS presigned URLs (Expires)', () => {
  test('by default only scheme, host and path are kept, and no expiry: the stable URL does not expire', () => {
    expect(toVodUrl(OSS_SIGNED, false)).toStrictEqual({ url: OSS_BASE, signatureRemoved: true });
  });

  test('nothing of the query survives: no Signature, no key ID, no Expires', () => {
    const printed = JSON.stringify(toVodUrl(OSS_SIGNED, false));
    for (const fragment of ['Signature', 'OSSAccessKeyId', 'LTAIexampleOssKey01', 'ALPET74o', 'Expires=', '?']) {
      expect(printed).not.toContain(fragment);
    }
  });

  test('keepSigned: the whole URL, byte for byte, still with its expiry', () => {
    expect(toVodUrl(OSS_SIGNED, true)).toStrictEqual({ url: OSS_SIGNED, signatureRemoved: false, expiresAt: OSS_EXPIRES_AT });
  });

  test('the parameter order does not matter for the expiry', () => {
    const reordered = `${OSS_BASE}?OSSAccessKeyId=LTAIexampleOssKey01&Signature=abc%3D&Expires=1700003600`;
    expect(toVodUrl(reordered, true)).toStrictEqual({ url: reordered, signatureRemoved: false, expiresAt: '2023-11-14T23:13:20Z' });
    expect(toVodUrl(reordered, false)).toStrictEqual({ url: OSS_BASE, signatureRemoved: true });
  });

  test.each([
    ['not a number', 'soon'],
    ['milliseconds instead of seconds', '1590982353000'],
    ['empty', ''],
  ])('an Expires that is %s gives no expiry even with keepSigned, and the signature is still removed by default', (_what, expires) => {
    const signed = `${OSS_BASE}?Expires=${expires}&Signature=abc%3D`;
    expect(toVodUrl(signed, true)).toStrictEqual({ url: signed, signatureRemoved: false });
    expect(toVodUrl(signed, false)).toStrictEqual({ url: OSS_BASE, signatureRemoved: true });
  });

  test('an STS-signed URL (security-token) loses every parameter, whatever its name', () => {
    const url = `${OSS_BASE}?Expires=1590982353&OSSAccessKeyId=STS.example&Signature=abc%3D&security-token=CAIS-token-value`;
    expect(toVodUrl(url, false)).toStrictEqual({ url: OSS_BASE, signatureRemoved: true });
    expect(toVodUrl(url, true)).toStrictEqual({ url, signatureRemoved: false, expiresAt: OSS_EXPIRES_AT });
  });
});

describe('toVodUrl: CDN type A (auth_key in the query)', () => {
  test('by default the auth_key is removed, and no expiry is given', () => {
    expect(toVodUrl(CDN_SIGNED, false)).toStrictEqual({ url: CDN_BASE, signatureRemoved: true });
  });

  test('keepSigned: the whole URL with the auth_key; its first field is expiresAt', () => {
    expect(toVodUrl(CDN_SIGNED, true)).toStrictEqual({ url: CDN_SIGNED, signatureRemoved: false, expiresAt: CDN_EXPIRES_AT });
  });

  test('a rand field that is a UUID without dashes, as the docs suggest, changes nothing', () => {
    const url = `${CDN_BASE}?auth_key=1590980550-477b3bbc253f467b8def6711128c0a1b-0-${MD5}`;
    expect(toVodUrl(url, true)).toStrictEqual({ url, signatureRemoved: false, expiresAt: CDN_EXPIRES_AT });
    expect(toVodUrl(url, false)).toStrictEqual({ url: CDN_BASE, signatureRemoved: true });
  });

  test('a 12-digit YYYYMMDDHHMM timestamp (the form one VOD page gives) is read in UTC+8', () => {
    const url = `${CDN_BASE}?auth_key=${TYPE_B_TIME}-0-0-${MD5}`;
    expect(toVodUrl(url, true)).toStrictEqual({ url, signatureRemoved: false, expiresAt: SIGNED_AT });
    expect(toVodUrl(url, false)).toStrictEqual({ url: CDN_BASE, signatureRemoved: true });
  });

  test("the seed's masked auth_key (no dash-separated timestamp) gives no expiry even with keepSigned, and is still removed by default", () => {
    const seedUrl = 'https://al*****.cn/image/default/5E84CD536*****D4DAD.png?auth_key=159098055*****70a396e834';
    expect(toVodUrl(seedUrl, true)).toStrictEqual({ url: seedUrl, signatureRemoved: false });
    expect(toVodUrl(seedUrl, false)).toStrictEqual({ url: 'https://al*****.cn/image/default/5E84CD536*****D4DAD.png', signatureRemoved: true });
  });

  test('a port and an http scheme are kept; the percent-encoded path is not decoded', () => {
    const url = 'http://127.0.0.1:8443/image/default/my%20cover.png?auth_key=1590980550-0-0-abcdef';
    expect(toVodUrl(url, false)).toStrictEqual({ url: 'http://127.0.0.1:8443/image/default/my%20cover.png', signatureRemoved: true });
    expect(toVodUrl(url, true)).toStrictEqual({ url, signatureRemoved: false, expiresAt: CDN_EXPIRES_AT });
  });
});

describe('toVodUrl: CDN type B (/<YYYYMMDDHHMM>/<md5hash>/Filename)', () => {
  const signed = `${DOMAIN}/${TYPE_B_TIME}/${MD5}${FILENAME}`;

  test('by default the two leading segments are removed, and no expiry is given', () => {
    expect(toVodUrl(signed, false)).toStrictEqual({ url: `${DOMAIN}${FILENAME}`, signatureRemoved: true });
  });

  test('neither the hash nor the timestamp survives', () => {
    const printed = JSON.stringify(toVodUrl(signed, false));
    expect(printed).not.toContain(MD5);
    expect(printed).not.toContain(TYPE_B_TIME);
  });

  test('keepSigned: the whole URL; expiresAt is the signing time, read in UTC+8', () => {
    expect(toVodUrl(signed, true)).toStrictEqual({ url: signed, signatureRemoved: false, expiresAt: SIGNED_AT });
  });

  test('a one-segment Filename works too, and a query beside the path signature goes as well', () => {
    const url = `${DOMAIN}/${TYPE_B_TIME}/${MD5}/a.png?x-oss-process=image/resize,w_100`;
    expect(toVodUrl(url, false)).toStrictEqual({ url: `${DOMAIN}/a.png`, signatureRemoved: true });
    expect(toVodUrl(url, true)).toStrictEqual({ url, signatureRemoved: false, expiresAt: SIGNED_AT });
  });

  test('midnight in Beijing is the previous day in UTC', () => {
    expect(toVodUrl(`${DOMAIN}/202401010000/${MD5}/a.png`, true).expiresAt).toBe('2023-12-31T16:00:00Z');
  });
});

describe('toVodUrl: CDN type C (/<md5hash>/<hex time>/Filename, or two query parameters)', () => {
  test('format 1: by default the two leading segments are removed; with keepSigned, expiresAt is the hexadecimal signing time', () => {
    const signed = `${DOMAIN}/${MD5}/${TYPE_C_TIME}${FILENAME}`;
    expect(toVodUrl(signed, false)).toStrictEqual({ url: `${DOMAIN}${FILENAME}`, signatureRemoved: true });
    expect(toVodUrl(signed, true)).toStrictEqual({ url: signed, signatureRemoved: false, expiresAt: SIGNED_AT });
  });

  test('format 1 with a lower-case timestamp, and keepSigned', () => {
    const signed = `${DOMAIN}/${MD5}/${TYPE_C_TIME.toLowerCase()}${FILENAME}`;
    expect(toVodUrl(signed, true)).toStrictEqual({ url: signed, signatureRemoved: false, expiresAt: SIGNED_AT });
  });

  test.each([
    ['KEY1', 'KEY2'],
    ['sign', 't'],
    ['auth', 'ts'],
  ])('format 2, parameters %s and %s: the query is removed; the time is recognized by its value', (hashName, timeName) => {
    const url = `${DOMAIN}${FILENAME}?${hashName}=${MD5}&${timeName}=${TYPE_C_TIME}`;
    expect(toVodUrl(url, false)).toStrictEqual({ url: `${DOMAIN}${FILENAME}`, signatureRemoved: true });
    expect(toVodUrl(url, true)).toStrictEqual({ url, signatureRemoved: false, expiresAt: SIGNED_AT });
  });

  test('format 2 in the other order', () => {
    expect(toVodUrl(`${DOMAIN}${FILENAME}?t=${TYPE_C_TIME}&sign=${MD5}`, true).expiresAt).toBe(SIGNED_AT);
  });

  test('format 2 with two candidate times: the query still goes, but no time is guessed', () => {
    const url = `${DOMAIN}${FILENAME}?sign=${MD5}&t=${TYPE_C_TIME}&v=5f5e1000`;
    expect(toVodUrl(url, false)).toStrictEqual({ url: `${DOMAIN}${FILENAME}`, signatureRemoved: true });
    expect(toVodUrl(url, true)).toStrictEqual({ url, signatureRemoved: false });
  });
});

describe('toVodUrl: look-alikes that are not path signatures keep their path', () => {
  test.each([
    ['a 12-digit first segment beside a segment that is not 32 hex', `${DOMAIN}/201508150800/notahash/a.png`],
    ['a 12-digit first segment beside 31 hex digits', `${DOMAIN}/201508150800/${MD5.slice(1)}/a.png`],
    ['a 12-digit first segment beside 33 hex digits', `${DOMAIN}/201508150800/${MD5}0/a.png`],
    ['an 11-digit first segment', `${DOMAIN}/20150815080/${MD5}/a.png`],
    ['a 12-digit first segment that is no date (month 13)', `${DOMAIN}/201513150800/${MD5}/a.png`],
    ['a 12-digit first segment that is no date (February 30)', `${DOMAIN}/202402300800/${MD5}/a.png`],
    ['type B segments with no Filename after them', `${DOMAIN}/${TYPE_B_TIME}/${MD5}`],
    ['type B segments with an empty Filename', `${DOMAIN}/${TYPE_B_TIME}/${MD5}/`],
    ['a 32-hex media ID folder beside a word', `${DOMAIN}/${MD5}/snapshots/normal/a.jpg`],
    ['a 32-hex media ID folder beside a decimal date (0x20240101 is in 1987)', `${DOMAIN}/${MD5}/20240101/a.jpg`],
    ['a 32-hex segment beside 7 hex digits', `${DOMAIN}/${MD5}/5CE8100/a.jpg`],
    ['the segments in the wrong place', `${DOMAIN}/image/${TYPE_B_TIME}/${MD5}/a.png`],
    ['a 32-hex segment beside a hex time, with no Filename', `${DOMAIN}/${MD5}/${TYPE_C_TIME}`],
  ])('%s', (_what, url) => {
    expect(toVodUrl(url, false)).toStrictEqual({ url, signatureRemoved: false });
    // Not a signature, so no time is read from it either.
    expect(toVodUrl(url, true)).toStrictEqual({ url, signatureRemoved: false });
  });
});

describe('toVodUrl: credentials in the URL', () => {
  test('user:password@ is removed, with the signature', () => {
    const url = 'https://vod-user:s3cr3t-pass@cdn.example-vod.com/image/default/a.png?auth_key=1590980550-0-0-abcdef';
    expect(toVodUrl(url, false)).toStrictEqual({ url: 'https://cdn.example-vod.com/image/default/a.png', signatureRemoved: true });
  });

  test('credentials on an otherwise unsigned URL are removed, and say so', () => {
    expect(toVodUrl('https://vod-user:s3cr3t-pass@cdn.example-vod.com/a.png', false))
      .toStrictEqual({ url: 'https://cdn.example-vod.com/a.png', signatureRemoved: true });
  });

  test('keepSigned keeps the signature but never the credentials: they do not expire', () => {
    const result = toVodUrl(`https://vod-user:s3cr3t-pass@${CDN_SIGNED.slice('https://'.length)}`, true);
    expect(result).toStrictEqual({ url: CDN_SIGNED, signatureRemoved: true, expiresAt: CDN_EXPIRES_AT });
  });

  test.each([
    ['a user without a password', 'https://token-only@cdn.example-vod.com/a.png'],
    ['an @ inside the password', 'https://user:p@ss@cdn.example-vod.com/a.png'],
    ['an upper-case scheme', 'HTTPS://user:pass@cdn.example-vod.com/a.png'],
    ['leading spaces', '  https://user:pass@cdn.example-vod.com/a.png'],
  ])('%s: removed, whether or not signed URLs are kept', (_what, url) => {
    for (const keepSigned of [false, true]) {
      const result = toVodUrl(url, keepSigned);
      expect(result.signatureRemoved).toBe(true);
      expect(result.url).not.toMatch(/user|pass|token-only|p@ss/);
      expect(new URL(result.url).host).toBe('cdn.example-vod.com');
    }
  });

  test('credentials in a URL of another scheme are removed too', () => {
    expect(toVodUrl('ftp://user:pass@files.example.com/a.png', true)).toStrictEqual({ url: 'ftp://files.example.com/a.png', signatureRemoved: true });
  });

  test('an @ in the path is not taken for credentials', () => {
    const url = `${DOMAIN}/images/@2x/a.png`;
    expect(toVodUrl(url, false)).toStrictEqual({ url, signatureRemoved: false });
  });
});

describe('toVodUrl: URLs that are not signed, and names that are not URLs', () => {
  test('a URL without a query is kept as it is: nothing removed, no expiry', () => {
    expect(toVodUrl(CDN_BASE, false)).toStrictEqual({ url: CDN_BASE, signatureRemoved: false });
    expect(toVodUrl(CDN_BASE, true)).toStrictEqual({ url: CDN_BASE, signatureRemoved: false });
  });

  test('a fragment is removed like a query', () => {
    expect(toVodUrl(`${CDN_BASE}#frag`, false)).toStrictEqual({ url: CDN_BASE, signatureRemoved: true });
  });

  test.each(['sample.gif', 'spring-cover.png', '****.gif', '封面 2025.png', '', 'C:\\covers\\a.png', 'mailto:someone@example.com'])(
    'a plain file name (or a URL of another kind) %j is returned as is', (name) => {
      expect(toVodUrl(name, false)).toStrictEqual({ url: name, signatureRemoved: false });
      expect(toVodUrl(name, true)).toStrictEqual({ url: name, signatureRemoved: false });
    });
});

describe('toVodUrl: without keepSigned no form gives an expiry', () => {
  // A time that changes on every fetch of an unchanged image would make every cache refresh a change.
  test.each([
    ['OSS', OSS_SIGNED],
    ['CDN type A', CDN_SIGNED],
    ['CDN type A, YYYYMMDDHHMM', `${CDN_BASE}?auth_key=${TYPE_B_TIME}-0-0-${MD5}`],
    ['CDN type B', `${DOMAIN}/${TYPE_B_TIME}/${MD5}${FILENAME}`],
    ['CDN type C, format 1', `${DOMAIN}/${MD5}/${TYPE_C_TIME}${FILENAME}`],
    ['CDN type C, format 2', `${DOMAIN}${FILENAME}?sign=${MD5}&t=${TYPE_C_TIME}`],
  ])('%s: expiresAt with keepSigned, no expiresAt key without', (_form, url) => {
    expect(toVodUrl(url, true).expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const stable = toVodUrl(url, false);
    expect(stable).not.toHaveProperty('expiresAt');
    expect(Object.keys(stable).sort()).toEqual(['signatureRemoved', 'url']);
  });
});
