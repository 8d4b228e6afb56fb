// Signing checked against the vendors' own code (issue 8, item 12), as property tests: random
// parameters with unicode (astral characters included), reserved characters, empty values and up
// to ~50 parameters, 500 runs per property. The oracles are the vendors' packages, installed as dev
// dependencies only, plus tiny reimplementations of the documented rules written here from the
// docs (../shared/reference/api-facts.md §1.2, §3.2); none of them calls our code.
//
// Tencent: the SDK's own string to sign always uses the path `/` (AbstractClient sets it), so it
// cannot stand in for the legacy v2 path `/v2/index.php`. The HMAC step is compared with the SDK's
// `Sign.sign` over our string to sign; the string itself with the documented rule (any path) and
// with the SDK's `formatSignString` (path `/`, the API 3.0 v1 form).
//
// The response parsers' "never an untyped error on arbitrary JSON" properties live beside the
// parsers: test/tencent-image-shares/response.test.ts and test/aliyun-vod-images/response.test.ts.
import OpenApiUtil from '@alicloud/openapi-util';
import fc from 'fast-check';
import { AbstractClient } from 'tencentcloud-sdk-nodejs-common';
import Sign from 'tencentcloud-sdk-nodejs-common/tencentcloud/common/sign';
import { signRpc, stringToSignRpc } from '../../src/aliyun-vod-images/signature';
import { signV1, stringToSignV1, type SignatureMethod } from '../../src/tencent-image-shares/signature';

const RUNS = { numRuns: 500 };

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────

/** Characters with a meaning in URLs, forms and the two strings to sign. */
const RESERVED = [...'!*\'()~ /?&=+%#,:;@$[]"<>\\^`{|}'];
/** Outside the BMP: two UTF-16 code units each, four UTF-8 bytes. */
const ASTRAL = ['😀', '𝄞', '𠜎', '🇨🇳', '\u{10FFFF}'];

/** One character of a value: reserved, astral, any code point (lone surrogates aside), or plain ASCII. */
const valueChar = fc.oneof(
  fc.constantFrom(...RESERVED),
  fc.constantFrom(...ASTRAL),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
);
/** Any value, the empty one included (about one in ten). */
const value = fc.oneof({ arbitrary: fc.constant(''), weight: 1 }, { arbitrary: fc.string({ unit: valueChar, maxLength: 24 }), weight: 9 });

/** Printable ASCII: what Tencent's documented names are made of (the rule sorts them as ASCII), reserved characters included. */
const asciiName = fc.string({ unit: fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))), minLength: 1, maxLength: 16 });
/** Alibaba percent-encodes names too, so they may be anything. */
const anyName = fc.string({ unit: valueChar, minLength: 1, maxLength: 16 });

/**
0 to 50 parameters besides the common ones, the count drawn evenly (fast-check's own sizes stay
near 10). Never `Signature`, which is not signed, nor `__proto__`: openapi-util copies parameters
with `target[key] = value`, which for that name sets the copy's prototype and drops the parameter
(a quirk of the oracle; no API has such a parameter, and we sign and send it like any other).
Spread into a plain object: fast-check may make null-prototype dictionaries.
*/
function extraParams(name: fc.Arbitrary<string>) {
  const signedName = name.filter((n) => n !== 'Signature' && n !== '__proto__');
  return fc.integer({ min: 0, max: 50 })
    .chain((count) => fc.dictionary(signedName, value, { minKeys: count, maxKeys: count }))
    .map((params) => ({ ...params }));
}

/** A secret key: any unicode, empty included (the HMAC step has no opinion). */
const secret = fc.string({ unit: valueChar, maxLength: 40 });
const httpMethod = fc.constantFrom<'GET' | 'POST'>('GET', 'POST');

// ── Tencent Cloud signature v1 ──────────────────────────────────────────────────────────────

// The common parameters (values varied), then up to 50 more.
const tencentParams = fc.tuple(
  fc.record({
    Action: fc.constantFrom('GetImageShareUinInfo', 'DescribeImageSharePermission'),
    Region: fc.constantFrom('ap-guangzhou', 'ap-shanghai', ''),
    Timestamp: fc.integer({ min: 0, max: 2 ** 32 }).map(String),
    Nonce: fc.integer({ min: 1, max: 2 ** 31 - 1 }).map(String),
    SecretId: value,
    'imageIds.0': value,
    'imageIds.1': value,
  }),
  extraParams(asciiName),
).map(([common, extra]) => ({ ...extra, ...common }));

/** Host as sent in the Host header (a port included), and the path: the legacy v2 one or API 3.0's `/`. */
const tencentTarget = fc.record({
  host: fc.constantFrom('image.api.qcloud.com', 'cvm.tencentcloudapi.com', '127.0.0.1:8787', '[::1]:40123'),
  path: fc.constantFrom('/v2/index.php', '/'),
});

/**
The documented rule, written from the doc alone (§1.2): every parameter but Signature, sorted by
name in ASCII (byte) order, `name=value` with raw values joined by `&`, after METHOD + host + path + `?`.
*/
function documentedTencentStringToSign(method: string, host: string, path: string, params: Readonly<Record<string, string>>): string {
  const names = Object.keys(params).filter((name) => name !== 'Signature').sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  return `${method}${host}${path}?${names.map((name) => `${name}=${params[name]}`).join('&')}`;
}

/** The SDK's own canonicalization: a real client's `formatSignString` (TS-private, hence the cast), whose path is always `/`. */
function sdkTencentStringToSign(method: 'GET' | 'POST', host: string, params: Readonly<Record<string, string>>): string {
  const client = new AbstractClient(host, '2017-03-12', { credential: { secretId: 'unused', secretKey: 'unused' }, region: 'ap-guangzhou', profile: { httpProfile: { reqMethod: method } } });
  return (client as unknown as { formatSignString(params: Record<string, string>): string }).formatSignString({ ...params });
}

describe('Tencent Cloud signature v1 against tencentcloud-sdk-nodejs-common', () => {
  test('the oracle itself: Sign.sign reproduces the legacy doc\'s official vector', () => {
    const stringToSign = 'GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Nonce=11886' +
      '&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp=1465185768';
    expect(Sign.sign('Gu5t9xGARNpq86cd98joQYCN3Cozk1qA', stringToSign, 'HmacSHA256')).toBe('0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s=');
  });

  describe.each<SignatureMethod>(['HmacSHA1', 'HmacSHA256'])('%s', (signatureMethod) => {
    test('signV1 equals the SDK\'s Sign.sign over our string to sign, for any parameters, key and path', () => {
      fc.assert(fc.property(httpMethod, tencentTarget, tencentParams, secret, (method, { host, path }, params, secretKey) => {
        const signed = { ...params, SignatureMethod: signatureMethod };
        expect(signV1(method, host, path, signed, secretKey)).toBe(Sign.sign(secretKey, stringToSignV1(method, host, path, signed), signatureMethod));
      }), RUNS);
    });
  });

  test('any SignatureMethod other than exactly HmacSHA256, or none, signs with HmacSHA1 (the documented rule)', () => {
    const otherMethod = fc.option(fc.oneof(fc.constantFrom('hmacsha256', 'HmacSHA512', 'HMAC-SHA256', 'HmacSHA256 ', ''), value), { nil: undefined });
    fc.assert(fc.property(httpMethod, tencentTarget, tencentParams, secret, otherMethod, (method, { host, path }, params, secretKey, signatureMethod) => {
      fc.pre(signatureMethod !== 'HmacSHA256');
      const signed = signatureMethod === undefined ? params : { ...params, SignatureMethod: signatureMethod };
      expect(signV1(method, host, path, signed, secretKey)).toBe(Sign.sign(secretKey, documentedTencentStringToSign(method, host, path, signed), 'HmacSHA1'));
    }), RUNS);
  });

  test('stringToSignV1 follows the documented rule for any path, and leaves out a Signature parameter', () => {
    const staleSignature = fc.option(value, { nil: undefined });
    fc.assert(fc.property(httpMethod, tencentTarget, tencentParams, staleSignature, (method, { host, path }, params, signature) => {
      const withSignature = signature === undefined ? params : { ...params, Signature: signature };
      expect(stringToSignV1(method, host, path, withSignature)).toBe(documentedTencentStringToSign(method, host, path, params));
    }), RUNS);
  });

  test('for the path /, stringToSignV1 equals the SDK\'s own formatSignString', () => {
    fc.assert(fc.property(httpMethod, tencentTarget, tencentParams, (method, { host }, params) => {
      expect(stringToSignV1(method, host, '/', params)).toBe(sdkTencentStringToSign(method, host, params));
    }), RUNS);
  });
});

// ── Alibaba Cloud RPC signature (SignatureVersion 1.0) ──────────────────────────────────────

// The common parameters (values varied), then up to 50 more.
const aliyunParams = fc.tuple(
  fc.record({
    AccessKeyId: value,
    Action: fc.constantFrom('GetImageInfo', 'GetImageInfos'),
    Format: fc.constant('JSON'),
    SignatureMethod: fc.constant('HMAC-SHA1'),
    SignatureNonce: fc.uuid(),
    SignatureVersion: fc.constant('1.0'),
    Timestamp: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z')),
    Version: fc.constant('2017-03-21'),
    ImageIds: fc.array(value, { maxLength: 20 }).map((ids) => ids.join(',')),
  }),
  extraParams(anyName),
).map(([common, extra]) => ({ ...extra, ...common }));

/**
RFC 3986 percent-encoding written from the doc alone (§3.2), byte by byte from UTF-8 rather than
with encodeURIComponent: `A-Z a-z 0-9 - _ . ~` as they are, every other byte `%XY` in upper case.
*/
function documentedPercentEncode(text: string): string {
  let encoded = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** The documented string to sign: `METHOD&%2F&` + the encoded, sorted `name=value` pairs, encoded again. */
function documentedRpcStringToSign(method: string, params: Readonly<Record<string, string>>): string {
  // JS's default sort compares UTF-16 code units, as the vendor's SDKs do (Java's String order too).
  const names = Object.keys(params).filter((name) => name !== 'Signature').sort();
  const canonical = names.map((name) => `${documentedPercentEncode(name)}=${documentedPercentEncode(params[name])}`).join('&');
  return `${method}&${documentedPercentEncode('/')}&${documentedPercentEncode(canonical)}`;
}

describe('Alibaba Cloud RPC signature against @alicloud/openapi-util', () => {
  test('the oracle itself: getRPCSignature reproduces the official DescribeRegions vector', () => {
    const params = {
      AccessKeyId: 'testid', Action: 'DescribeRegions', Format: 'XML', SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf', SignatureVersion: '1.0', Timestamp: '2016-02-23T12:46:24Z', Version: '2014-05-26',
    };
    expect(OpenApiUtil.getRPCSignature(params, 'GET', 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  describe.each<'GET' | 'POST'>(['GET', 'POST'])('%s', (method) => {
    test('signRpc equals getRPCSignature for any parameters and secret', () => {
      fc.assert(fc.property(aliyunParams, secret, (params, accessKeySecret) => {
        expect(signRpc(method, params, accessKeySecret)).toBe(OpenApiUtil.getRPCSignature({ ...params }, method, accessKeySecret));
      }), RUNS);
    });

    test('a Signature parameter already present is not signed: the same signature as without it', () => {
      fc.assert(fc.property(aliyunParams, value, secret, (params, signature, accessKeySecret) => {
        expect(signRpc(method, { ...params, Signature: signature }, accessKeySecret)).toBe(OpenApiUtil.getRPCSignature({ ...params }, method, accessKeySecret));
      }), RUNS);
    });
  });

  test('stringToSignRpc follows the documented rule, with an encoder written byte by byte', () => {
    fc.assert(fc.property(httpMethod, aliyunParams, (method, params) => {
      expect(stringToSignRpc(method, params)).toBe(documentedRpcStringToSign(method, params));
    }), RUNS);
  });
});
