import { createHash } from 'node:crypto';
import fc from 'fast-check';
// The official SDK's own signing code, a dev dependency only: the oracle the property below compares with.
import Sign from 'tencentcloud-sdk-nodejs-common/tencentcloud/common/sign';
import { parseTc3Authorization, signTc3, type Tc3SigningInput } from '../../src/tencent-image-shares/tc3-signature';
import { isolateEnv } from '../support/fixtures';

isolateEnv();

/** The worked example of Tencent's "Signature v3" page (CVM DescribeInstances), byte for byte. */
const OFFICIAL: Tc3SigningInput = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  service: 'cvm',
  host: 'cvm.tencentcloudapi.com',
  contentType: 'application/json; charset=utf-8',
  // Spaces and ASCII \u escapes as the page gives them: the hash is of these bytes, not of a re-serialization.
  payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
  // 2019-02-25 in UTC, while it is already 2019-02-26 00:44 in Beijing: the scope takes the UTC date.
  timestamp: 1551113065,
};

const OFFICIAL_PAYLOAD_HASH = '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064';
const OFFICIAL_CANONICAL_REQUEST_HASH = '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031';
const OFFICIAL_SIGNATURE = '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168';

function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The SDK's Authorization header for the same input (it signs the URL's hostname, no port, and the Content-Type of `headers`). */
function sdkAuthorization(input: Tc3SigningInput): string {
  return Sign.sign3({
    method: 'POST',
    url: `https://${input.host}/`,
    payload: Buffer.isBuffer(input.payload) ? input.payload : Buffer.from(input.payload, 'utf8'),
    timestamp: input.timestamp,
    service: input.service,
    secretId: input.secretId,
    secretKey: input.secretKey,
    multipart: false,
    boundary: '',
    headers: { 'Content-Type': input.contentType },
  });
}

describe('signTc3: the official worked example, step by step', () => {
  const signed = signTc3(OFFICIAL);

  test('HashedRequestPayload', () => {
    expect(sha256Hex(OFFICIAL.payload)).toBe(OFFICIAL_PAYLOAD_HASH);
    expect(signed.canonicalRequest.split('\n').at(-1)).toBe(OFFICIAL_PAYLOAD_HASH);
  });

  test('CanonicalRequest and its hash', () => {
    expect(signed.canonicalRequest).toBe(
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n' + OFFICIAL_PAYLOAD_HASH);
    expect(sha256Hex(signed.canonicalRequest)).toBe(OFFICIAL_CANONICAL_REQUEST_HASH);
  });

  test('credential scope (UTC date) and StringToSign', () => {
    expect(signed.credentialScope).toBe('2019-02-25/cvm/tc3_request');
    expect(signed.stringToSign).toBe(`TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n${OFFICIAL_CANONICAL_REQUEST_HASH}`);
  });

  test('Signature and Authorization', () => {
    expect(signed.signature).toBe(OFFICIAL_SIGNATURE);
    expect(signed.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, '
      + `SignedHeaders=content-type;host, Signature=${OFFICIAL_SIGNATURE}`);
  });

  test('the same from a Buffer of the same bytes', () => {
    expect(signTc3({ ...OFFICIAL, payload: Buffer.from(OFFICIAL.payload as string, 'utf8') }).signature).toBe(OFFICIAL_SIGNATURE);
  });

  test('the SDK oracle agrees on the example', () => {
    expect(sdkAuthorization(OFFICIAL)).toBe(signed.authorization);
  });
});

describe('signTc3 signs what is sent', () => {
  test('one byte more in the body, another Content-Type or another key changes the signature', () => {
    const variants: Tc3SigningInput[] = [
      { ...OFFICIAL, payload: `${OFFICIAL.payload as string} ` },
      { ...OFFICIAL, contentType: 'application/json' },
      { ...OFFICIAL, secretKey: `${OFFICIAL.secretKey}x` },
      { ...OFFICIAL, service: 'cbs' },
      { ...OFFICIAL, timestamp: OFFICIAL.timestamp + 1 },
    ];
    for (const variant of variants) expect(signTc3(variant).signature).not.toBe(OFFICIAL_SIGNATURE);
  });

  test('the Host header as sent, its port included (an emulator\'s), while the service stays cvm', () => {
    const emulator = signTc3({ ...OFFICIAL, host: '127.0.0.1:8787' });
    expect(emulator.canonicalRequest).toContain('\nhost:127.0.0.1:8787\n');
    expect(emulator.credentialScope).toBe('2019-02-25/cvm/tc3_request');
    expect(emulator.signature).not.toBe(signTc3({ ...OFFICIAL, host: '127.0.0.1' }).signature);
  });

  test('the date of the scope turns at UTC midnight, not Beijing\'s', () => {
    const lastUtcSecondOfDay = Date.UTC(2019, 1, 25, 23, 59, 59) / 1000;
    expect(signTc3({ ...OFFICIAL, timestamp: lastUtcSecondOfDay }).credentialScope).toBe('2019-02-25/cvm/tc3_request');
    expect(signTc3({ ...OFFICIAL, timestamp: lastUtcSecondOfDay + 1 }).credentialScope).toBe('2019-02-26/cvm/tc3_request');
  });
});

describe('property: signTc3 agrees with the official SDK\'s sign3', () => {
  // The SDK signs the URL's hostname, so hosts here have no port (a default-port endpoint).
  const host = fc.oneof(
    fc.constantFrom('cvm.tencentcloudapi.com', 'cvm.ap-shanghai-fsi.tencentcloudapi.com', 'cvm.intl.tencentcloudapi.com', '127.0.0.1', 'localhost'),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,10}(\.[a-z][a-z0-9-]{0,9}){1,3}$/),
  );
  const input: fc.Arbitrary<Tc3SigningInput> = fc.record({
    secretId: fc.stringMatching(/^[A-Za-z0-9]{1,40}$/),
    secretKey: fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }),
    service: fc.constantFrom('cvm', 'cbs', 'vpc'),
    host,
    contentType: fc.constantFrom('application/json; charset=utf-8', 'application/json', 'application/json;charset=UTF-8'),
    payload: fc.oneof(
      fc.string({ maxLength: 200, unit: 'grapheme' }),
      fc.jsonValue().map((value) => JSON.stringify(value) ?? ''),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
    ),
    // Up to the last second of year 9999: the date's four-digit year is all either side writes.
    timestamp: fc.integer({ min: 0, max: 253_402_300_799 }),
  });

  test('the same Authorization header for any body, time, key and host', () => {
    fc.assert(fc.property(input, (given) => {
      expect(signTc3(given).authorization).toBe(sdkAuthorization(given));
    }), { numRuns: 300 });
  });

  test('parseTc3Authorization reads back what signTc3 wrote', () => {
    fc.assert(fc.property(input, (given) => {
      const signed = signTc3(given);
      expect(parseTc3Authorization(signed.authorization)).toEqual({
        secretId: given.secretId, credentialScope: signed.credentialScope, signedHeaders: 'content-type;host', signature: signed.signature,
      });
    }), { numRuns: 100 });
  });
});

describe('parseTc3Authorization', () => {
  const official = signTc3(OFFICIAL).authorization;

  test('reads the official header, with or without the spaces after the commas', () => {
    const expected = { secretId: OFFICIAL.secretId, credentialScope: '2019-02-25/cvm/tc3_request', signedHeaders: 'content-type;host', signature: OFFICIAL_SIGNATURE };
    expect(parseTc3Authorization(official)).toEqual(expected);
    expect(parseTc3Authorization(official.replace(/, /g, ','))).toEqual(expected);
  });

  test.each([
    ['no header', undefined],
    ['an empty one', ''],
    ['another algorithm', official.replace('TC3-HMAC-SHA256', 'TC3-HMAC-SHA1')],
    ['no Signature', official.replace(/, Signature=.*$/, '')],
    ['no SignedHeaders', official.replace(/ SignedHeaders=[^,]*,/, '')],
    ['an upper-case signature', official.replace(OFFICIAL_SIGNATURE, OFFICIAL_SIGNATURE.toUpperCase())],
    ['a Credential without a scope', official.replace('/2019-02-25/cvm/tc3_request', '')],
    ['a v1 signature', 'EliP9YW3pW28FpsEdkXt/+WcGeI='],
  ])('is undefined for %s', (_name, header) => {
    expect(parseTc3Authorization(header)).toBeUndefined();
  });
});
