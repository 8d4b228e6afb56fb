import { aliyunVodImagesRoute } from '../../src/aliyun-vod-images/emulator-route';
import { BUILT_IN_ROUTES, Emulator, type EmulatorDataInput } from '../../src/emulator';
import { tencentSharePermissionRoute } from '../../src/tencent-image-shares/api3-emulator-route';
import { signTc3 } from '../../src/tencent-image-shares/tc3-signature';
import { SEED_LIKE_ID, VOD_TEST_DATA } from '../aliyun-vod-images/fixtures';
import { callVod, TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET } from '../aliyun-vod-images/signed-request';
import { isolateEnv } from '../support/fixtures';
import { OFFICIAL_EXAMPLE_IMAGE_ID, OFFICIAL_EXAMPLE_SHARES } from './fixtures';
import { callTencent, TEST_SECRET_ID, TEST_SECRET_KEY } from './signed-request';

isolateEnv();

// Made-up keys: they open nothing but the emulator. MAIN is the v2 helper's key too.
const MAIN = { secretId: TEST_SECRET_ID, secretKey: TEST_SECRET_KEY };
const OTHER = { secretId: 'AKIDapi3OtherKey02', secretKey: 'api3OtherSecretKey02' };
const TEMPORARY = { secretId: 'AKIDapi3Temporary03', secretKey: 'api3TemporarySecret03', token: 'api3-session-token-03' };

/** The official v2 example's shares as API 3.0 sends them: Beijing 15:16:53 is 07:16:53 UTC. */
const OFFICIAL_EXAMPLE_PERMISSIONS = [
  { CreatedTime: '2016-01-13T07:16:53Z', AccountId: '1621874004' },
  { CreatedTime: '2016-01-18T05:14:17Z', AccountId: '877354327' },
];
const UNSHARED_ID = 'img-2xk9q7dm';
/** Shared early on a Beijing morning: the UTC date is the day before. */
const EARLY_ID = 'img-6pb6lrmy';

function dataWith(tencent: Record<string, unknown> = {}): EmulatorDataInput {
  return {
    credentials: { tencent: [MAIN, OTHER, TEMPORARY], aliyun: [{ accessKeyId: TEST_ACCESS_KEY_ID, accessKeySecret: TEST_ACCESS_KEY_SECRET }] },
    tencent: {
      regions: {
        'ap-guangzhou': {
          [OFFICIAL_EXAMPLE_IMAGE_ID]: OFFICIAL_EXAMPLE_SHARES,
          [UNSHARED_ID]: [],
          [EARLY_ID]: [{ uin: '3000000001', shareTimeStamp: '2024-03-04 07:21:08' }],
        },
        'ap-shanghai': {},
      },
      ...tencent,
    },
    aliyun: VOD_TEST_DATA.aliyun,
  } as EmulatorDataInput;
}

/** The emulators' clock (each test emulator reads it), so windows and timestamps are exact. */
const START_MS = 1_700_000_000_000;
let clock = START_MS;
const now = (): number => clock;

interface Api3Call {
  readonly key?: { readonly secretId: string; readonly secretKey: string };
  /** X-TC-Token. */
  readonly token?: string;
  readonly method?: string;
  /** Headers to send; `undefined` leaves one out. Defaults: a valid DescribeImageSharePermission request. */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  /** @default {"ImageId": imageId} */
  readonly body?: string;
  readonly imageId?: string;
  /** X-TC-Timestamp, Unix seconds. @default the clock's */
  readonly timestamp?: number;
  /** What to sign instead of what is sent. */
  readonly signed?: { readonly host?: string; readonly contentType?: string; readonly body?: string; readonly timestamp?: number };
  /** The Authorization header instead of the signed one. */
  readonly authorization?: (signed: string) => string | undefined;
}

/**
A hand-written API 3.0 client, the minimum a test needs: signs with signTc3 over what it sends (the
Host fetch sends is the origin's host, port included) and returns the parsed answer.
*/
async function callApi3(origin: string, call: Api3Call = {}): Promise<{ status: number; body: any }> {
  const url = new URL('/', origin);
  const key = call.key ?? MAIN;
  const timestamp = call.timestamp ?? Math.floor(clock / 1000);
  const body = call.body ?? JSON.stringify({ ImageId: call.imageId ?? OFFICIAL_EXAMPLE_IMAGE_ID });
  const headers: Record<string, string | undefined> = {
    'content-type': 'application/json; charset=utf-8',
    'x-tc-action': 'DescribeImageSharePermission',
    'x-tc-version': '2017-03-12',
    'x-tc-region': 'ap-guangzhou',
    'x-tc-timestamp': String(timestamp),
    'x-tc-language': 'en-US',
    'x-tc-token': call.token,
    ...call.headers,
  };
  const { authorization } = signTc3({
    ...key,
    service: 'cvm',
    host: call.signed?.host ?? url.host,
    contentType: call.signed?.contentType ?? headers['content-type'] ?? '',
    payload: call.signed?.body ?? body,
    timestamp: call.signed?.timestamp ?? timestamp,
  });
  headers.authorization = call.authorization ? call.authorization(authorization) : authorization;
  const sent = Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const method = call.method ?? 'POST';
  const response = await fetch(url, { method, headers: sent, body: method === 'GET' ? undefined : body });
  const text = await response.text();
  return { status: response.status, body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

const REQUEST_ID = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

/** Expects an API 3.0 error answer with `code`, and returns its message. */
function expectError(answer: { status: number; body: any }, code: string, status = 200): string {
  expect(answer.status).toBe(status);
  expect(answer.body).toEqual({ Response: { Error: { Code: code, Message: expect.any(String) }, RequestId: REQUEST_ID } });
  const message: string = answer.body.Response.Error.Message;
  for (const secret of [MAIN.secretKey, OTHER.secretKey, TEMPORARY.secretKey, TEMPORARY.token]) expect(message).not.toContain(secret);
  return message;
}

let emulator: Emulator;
const logLines: string[] = [];
beforeAll(async () => {
  // No rate limit here: every request of these tests comes at the same instant of the clock.
  emulator = await Emulator.start({ data: dataWith({ api3RequestsPerSecond: 0 }), now, log: (line) => logLines.push(line) });
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(() => {
  clock = START_MS;
});

describe('DescribeImageSharePermission answers from the tencent section', () => {
  test('the official example\'s shares, their Beijing times in UTC, with a RequestId', async () => {
    const { status, body } = await callApi3(emulator.origin);
    expect(status).toBe(200);
    expect(body).toEqual({ Response: { SharePermissionSet: OFFICIAL_EXAMPLE_PERMISSIONS, RequestId: REQUEST_ID } });
  });

  test('a share early on a Beijing morning is on the day before in UTC', async () => {
    const { body } = await callApi3(emulator.origin, { imageId: EARLY_ID });
    expect(body.Response.SharePermissionSet).toEqual([{ CreatedTime: '2024-03-03T23:21:08Z', AccountId: '3000000001' }]);
  });

  test('an image shared with nobody: an empty set', async () => {
    const { body } = await callApi3(emulator.origin, { imageId: UNSHARED_ID });
    expect(body).toEqual({ Response: { SharePermissionSet: [], RequestId: REQUEST_ID } });
  });

  test('every answer has its own RequestId', async () => {
    const first = await callApi3(emulator.origin);
    const second = await callApi3(emulator.origin);
    expect(first.body.Response.RequestId).not.toBe(second.body.Response.RequestId);
  });

  test('a temporary key with its X-TC-Token', async () => {
    const { body } = await callApi3(emulator.origin, { key: TEMPORARY, token: TEMPORARY.token });
    expect(body.Response.SharePermissionSet).toEqual(OFFICIAL_EXAMPLE_PERMISSIONS);
  });

  test('Content-Type application/json without a charset, signed as sent', async () => {
    const { body } = await callApi3(emulator.origin, { headers: { 'content-type': 'application/json' } });
    expect(body.Response.SharePermissionSet).toEqual(OFFICIAL_EXAMPLE_PERMISSIONS);
  });

  test('timestamps up to 300 s from the clock are accepted', async () => {
    const nowSeconds = START_MS / 1000;
    expect((await callApi3(emulator.origin, { timestamp: nowSeconds - 300 })).body.Response.SharePermissionSet).toBeDefined();
    expect((await callApi3(emulator.origin, { timestamp: nowSeconds + 300 })).body.Response.SharePermissionSet).toBeDefined();
  });
});

describe('each check, in order, refuses with its API 3.0 code (HTTP 200, Response.Error)', () => {
  test('a GET or a body that is not JSON by its Content-Type: InvalidParameter', async () => {
    expect(expectError(await callApi3(emulator.origin, { method: 'GET' }), 'InvalidParameter')).toContain('POST');
    const form = await callApi3(emulator.origin, { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(expectError(form, 'InvalidParameter')).toContain('application/json');
  });

  test('another action: InvalidAction, before the signature is checked', async () => {
    const message = expectError(await callApi3(emulator.origin, { headers: { 'x-tc-action': 'DescribeImages' }, key: { ...MAIN, secretKey: 'wrong' } }), 'InvalidAction');
    expect(message).toContain('DescribeImages');
  });

  test('no X-TC-Version: MissingParameter; another: NoSuchVersion', async () => {
    expect(expectError(await callApi3(emulator.origin, { headers: { 'x-tc-version': undefined } }), 'MissingParameter')).toContain('X-TC-Version');
    expect(expectError(await callApi3(emulator.origin, { headers: { 'x-tc-version': '2018-01-01' } }), 'NoSuchVersion')).toContain('2017-03-12');
  });

  test('no Authorization, or not a TC3 one: AuthFailure.InvalidAuthorization', async () => {
    expectError(await callApi3(emulator.origin, { authorization: () => undefined }), 'AuthFailure.InvalidAuthorization');
    expectError(await callApi3(emulator.origin, { authorization: (signed) => signed.replace('TC3-HMAC-SHA256', 'HMAC-SHA256') }), 'AuthFailure.InvalidAuthorization');
  });

  test('an unknown SecretId: AuthFailure.SecretIdNotFound, naming no key', async () => {
    const message = expectError(await callApi3(emulator.origin, { key: { secretId: 'AKIDnobodyHasThisKey', secretKey: 'x' } }), 'AuthFailure.SecretIdNotFound');
    expect(message).not.toContain('AKIDnobodyHasThisKey');
  });

  test('no X-TC-Timestamp: MissingParameter', async () => {
    expectError(await callApi3(emulator.origin, { headers: { 'x-tc-timestamp': undefined } }), 'MissingParameter');
  });

  test('X-TC-Timestamp more than 300 s away: AuthFailure.SignatureExpire, even when correctly signed', async () => {
    const nowSeconds = START_MS / 1000;
    expect(expectError(await callApi3(emulator.origin, { timestamp: nowSeconds - 301 }), 'AuthFailure.SignatureExpire')).toContain('301 s');
    expectError(await callApi3(emulator.origin, { timestamp: nowSeconds + 301 }), 'AuthFailure.SignatureExpire');
  });

  test.each([
    ['the wrong key', { key: { ...MAIN, secretKey: 'notTheKey' } }],
    ['a body changed after signing', { signed: { body: JSON.stringify({ ImageId: UNSHARED_ID }) } }],
    ['the Host without its port', { signed: { host: '127.0.0.1' } }],
    ['a Content-Type other than the one sent', { signed: { contentType: 'application/json' } }],
    ['a signature of another day (its scope)', { signed: { timestamp: START_MS / 1000 - 86_400 } }],
    ['more SignedHeaders than content-type;host', { authorization: (signed: string) => signed.replace('SignedHeaders=content-type;host', 'SignedHeaders=content-type;host;x-tc-action') }],
    ['a signature one digit off', { authorization: (signed: string) => signed.replace(/.$/, (last) => (last === '0' ? '1' : '0')) }],
  ] as Array<[string, Api3Call]>)('%s: AuthFailure.SignatureFailure', async (_name, call) => {
    expectError(await callApi3(emulator.origin, call), 'AuthFailure.SignatureFailure');
  });

  test('a temporary key without its token, or with another: AuthFailure.TokenFailure', async () => {
    expectError(await callApi3(emulator.origin, { key: TEMPORARY }), 'AuthFailure.TokenFailure');
    expectError(await callApi3(emulator.origin, { key: TEMPORARY, token: 'stale-token' }), 'AuthFailure.TokenFailure');
  });

  test('no X-TC-Region: MissingParameter; one the data lacks: UnsupportedRegion', async () => {
    expect(expectError(await callApi3(emulator.origin, { headers: { 'x-tc-region': undefined } }), 'MissingParameter')).toContain('X-TC-Region');
    expect(expectError(await callApi3(emulator.origin, { headers: { 'x-tc-region': 'ap-beijing' } }), 'UnsupportedRegion')).toContain('ap-beijing');
  });

  test('authentication comes before the region: a bad signature to an unknown region is a SignatureFailure', async () => {
    expectError(await callApi3(emulator.origin, { headers: { 'x-tc-region': 'ap-beijing' }, key: { ...MAIN, secretKey: 'wrong' } }), 'AuthFailure.SignatureFailure');
  });

  test.each([
    ['a body that is not JSON', '{"ImageId":', 'InvalidParameter'],
    ['a JSON array', '["img-jgggrva9"]', 'InvalidParameter'],
    ['no ImageId', '{}', 'MissingParameter'],
    ['another parameter beside it', '{"ImageId":"img-jgggrva9","Limit":1}', 'UnknownParameter'],
    ['an ImageId that is not an image ID', '{"ImageId":"img-JGGGRVA9"}', 'InvalidImageId.Malformed'],
    ['an ImageId that is not a string', '{"ImageId":42}', 'InvalidImageId.Malformed'],
  ])('%s: %s', async (_name, body, code) => {
    expectError(await callApi3(emulator.origin, { body }), code);
  });

  test('an image the data lacks (in that region): InvalidImageId.NotFound', async () => {
    expect(expectError(await callApi3(emulator.origin, { imageId: 'img-00000000' }), 'InvalidImageId.NotFound')).toContain('img-00000000');
    expectError(await callApi3(emulator.origin, { headers: { 'x-tc-region': 'ap-shanghai' } }), 'InvalidImageId.NotFound');
  });
});

describe('the rate limit: a sliding one-second window per SecretId', () => {
  const emulators: Emulator[] = [];
  async function limitedEmulator(tencent: Record<string, unknown>): Promise<Emulator> {
    const started = await Emulator.start({ data: dataWith(tencent), now });
    emulators.push(started);
    return started;
  }
  afterAll(async () => {
    await Promise.all(emulators.map((started) => started.stop()));
  });

  async function codesOf(origin: string, count: number, call: Api3Call = {}): Promise<string[]> {
    const codes: string[] = [];
    for (let i = 0; i < count; i++) {
      const { body } = await callApi3(origin, call);
      codes.push(body.Response.Error?.Code ?? 'ok');
    }
    return codes;
  }

  test('3 per second: the 4th request is RequestLimitExceeded; another key is not throttled', async () => {
    const limited = await limitedEmulator({ api3RequestsPerSecond: 3 });
    expect(await codesOf(limited.origin, 4)).toEqual(['ok', 'ok', 'ok', 'RequestLimitExceeded']);
    expect(await codesOf(limited.origin, 3, { key: OTHER })).toEqual(['ok', 'ok', 'ok']);
  });

  test('the window is (now − 1000 ms, now], and throttled requests do not extend it', async () => {
    const limited = await limitedEmulator({ api3RequestsPerSecond: 3 });
    expect(await codesOf(limited.origin, 4)).toEqual(['ok', 'ok', 'ok', 'RequestLimitExceeded']);
    clock = START_MS + 999;
    expect(await codesOf(limited.origin, 2)).toEqual(['RequestLimitExceeded', 'RequestLimitExceeded']);
    // The three counted requests arrived at START_MS, now out of the window; the throttled ones never counted.
    clock = START_MS + 1000;
    expect(await codesOf(limited.origin, 4)).toEqual(['ok', 'ok', 'ok', 'RequestLimitExceeded']);
  });

  test('sliding, not one-second buckets: requests leave the window one by one', async () => {
    const limited = await limitedEmulator({ api3RequestsPerSecond: 3 });
    expect(await codesOf(limited.origin, 1)).toEqual(['ok']);
    clock = START_MS + 600;
    expect(await codesOf(limited.origin, 3)).toEqual(['ok', 'ok', 'RequestLimitExceeded']);
    // The one at START_MS has left; the two at +600 are still in.
    clock = START_MS + 1100;
    expect(await codesOf(limited.origin, 2)).toEqual(['ok', 'RequestLimitExceeded']);
    clock = START_MS + 1600;
    expect(await codesOf(limited.origin, 3)).toEqual(['ok', 'ok', 'RequestLimitExceeded']);
  });

  test('requests refused before the limit (authentication) do not count; those refused after it (an unknown image) do', async () => {
    const limited = await limitedEmulator({ api3RequestsPerSecond: 3 });
    expect(await codesOf(limited.origin, 5, { key: { ...MAIN, secretKey: 'wrong' } })).toEqual(Array(5).fill('AuthFailure.SignatureFailure'));
    expect(await codesOf(limited.origin, 2, { imageId: 'img-00000000' })).toEqual(['InvalidImageId.NotFound', 'InvalidImageId.NotFound']);
    expect(await codesOf(limited.origin, 2)).toEqual(['ok', 'RequestLimitExceeded']);
  });

  test('requests answered by an error fault do not count (the fault comes before any check)', async () => {
    const limited = await limitedEmulator({ api3RequestsPerSecond: 3 });
    limited.injectFaults('internalError', 3);
    expect(await codesOf(limited.origin, 7)).toEqual(['InternalError', 'InternalError', 'InternalError', 'ok', 'ok', 'ok', 'RequestLimitExceeded']);
  });

  test('the default is the documented 10 per second', async () => {
    const byDefault = await limitedEmulator({});
    expect(await codesOf(byDefault.origin, 11)).toEqual([...Array(10).fill('ok'), 'RequestLimitExceeded']);
  });

  test('0 turns the limit off', async () => {
    expect(await codesOf(emulator.origin, 25)).toEqual(Array(25).fill('ok'));
  });

  test('each emulator has its own windows, even at the same instant for the same key', async () => {
    const first = await limitedEmulator({ api3RequestsPerSecond: 2 });
    const second = await limitedEmulator({ api3RequestsPerSecond: 2 });
    expect(await codesOf(first.origin, 3)).toEqual(['ok', 'ok', 'RequestLimitExceeded']);
    expect(await codesOf(second.origin, 3)).toEqual(['ok', 'ok', 'RequestLimitExceeded']);
  });

  test('resetStats leaves the windows alone (they are time-based)', async () => {
    const limited = await limitedEmulator({ api3RequestsPerSecond: 1 });
    expect(await codesOf(limited.origin, 1)).toEqual(['ok']);
    limited.resetStats();
    expect(await codesOf(limited.origin, 1)).toEqual(['RequestLimitExceeded']);
  });
});

describe('faults in the API 3.0 dialect', () => {
  test.each([
    ['throttle', 200, 'RequestLimitExceeded.UinLimitExceeded'],
    ['throttleApi', 200, 'RequestLimitExceeded'],
    ['throttleGeneric', 200, 'RequestLimitExceeded.IPLimitExceeded'],
    ['internalError', 200, 'InternalError'],
    ['errorWith200', 200, 'RequestLimitExceeded'],
    ['apiError429', 429, 'RequestLimitExceeded'],
    ['apiError500', 500, 'InternalError'],
    ['apiError502', 502, 'InternalError'],
    ['apiError503', 503, 'ServiceUnavailable'],
  ] as const)('%s: HTTP %i with %s, then normal answers again', async (fault, status, code) => {
    emulator.injectFaults(fault);
    expectError(await callApi3(emulator.origin), code, status);
    expect((await callApi3(emulator.origin)).body.Response.SharePermissionSet).toEqual(OFFICIAL_EXAMPLE_PERMISSIONS);
  });

  test('an error fault answers before any check: even a request with a bad signature', async () => {
    emulator.injectFaults('throttle');
    expectError(await callApi3(emulator.origin, { key: { ...MAIN, secretKey: 'wrong' } }), 'RequestLimitExceeded.UinLimitExceeded');
  });

  test('wrongTypes: the first share\'s AccountId is an object, the rest as the data says', async () => {
    emulator.injectFaults('wrongTypes');
    const { status, body } = await callApi3(emulator.origin);
    expect(status).toBe(200);
    expect(body).toEqual({
      Response: {
        SharePermissionSet: [{ CreatedTime: '2016-01-13T07:16:53Z', AccountId: { value: '1621874004' } }, OFFICIAL_EXAMPLE_PERMISSIONS[1]],
        RequestId: REQUEST_ID,
      },
    });
  });

  test('wrongTypes without a share: SharePermissionSet is a string', async () => {
    emulator.injectFaults('wrongTypes');
    const { body } = await callApi3(emulator.origin, { imageId: UNSHARED_ID });
    expect(typeof body.Response.SharePermissionSet).toBe('string');
  });

  test('emptyResult: a well-formed empty set for an image the data shares', async () => {
    emulator.injectFaults('emptyResult');
    expect((await callApi3(emulator.origin)).body).toEqual({ Response: { SharePermissionSet: [], RequestId: REQUEST_ID } });
  });

  test('partialBatch: a success without SharePermissionSet (one image a call: the missing result is the list)', async () => {
    emulator.injectFaults('partialBatch');
    expect((await callApi3(emulator.origin)).body).toEqual({ Response: { RequestId: REQUEST_ID } });
  });

  test('a refused request keeps its refusal: the data fault is spent on it', async () => {
    emulator.injectFaults('emptyResult');
    expectError(await callApi3(emulator.origin, { imageId: 'img-00000000' }), 'InvalidImageId.NotFound');
    expect((await callApi3(emulator.origin)).body.Response.SharePermissionSet).toEqual(OFFICIAL_EXAMPLE_PERMISSIONS);
  });
});

describe('the request log and stats name DescribeImageSharePermission', () => {
  test('stats.byAction counts API 3.0 requests by their X-TC-Action', async () => {
    emulator.resetStats();
    await callApi3(emulator.origin);
    await callApi3(emulator.origin, { key: { ...MAIN, secretKey: 'wrong' } });
    await callApi3(emulator.origin, { headers: { 'x-tc-action': 'DescribeImages' } });
    expect(emulator.stats).toEqual({ requests: 3, byAction: { DescribeImageSharePermission: 2, DescribeImages: 1 } });
  });

  test('one line per request: region, image, outcome; never a key, signature or token', async () => {
    logLines.splice(0);
    await callApi3(emulator.origin, { key: TEMPORARY, token: TEMPORARY.token });
    await callApi3(emulator.origin, { imageId: 'img-00000000' });
    emulator.injectFaults('throttle');
    await callApi3(emulator.origin, { imageId: UNSHARED_ID });
    expect(logLines).toEqual([
      expect.stringMatching(/ DescribeImageSharePermission region=ap-guangzhou ids=img-jgggrva9 -> found 1, notFound 0$/),
      expect.stringMatching(/ DescribeImageSharePermission region=ap-guangzhou ids=img-00000000 -> error InvalidImageId.NotFound$/),
      expect.stringMatching(/ DescribeImageSharePermission region=ap-guangzhou ids=img-2xk9q7dm -> error \(the fault's answer, HTTP 200\) \[fault throttle\]$/),
    ]);
    for (const secret of [TEMPORARY.secretId, TEMPORARY.secretKey, TEMPORARY.token, MAIN.secretId, MAIN.secretKey, 'Signature']) {
      expect(logLines.join('\n')).not.toContain(secret);
    }
  });
});

describe('two APIs at `/`: API 3.0 by its X-TC-Action header, VOD without one', () => {
  test('a VOD request at / still reaches VOD, on the same emulator', async () => {
    emulator.resetStats();
    const vod = await callVod(emulator.origin, { timestamp: clock, params: { ImageId: SEED_LIKE_ID } });
    expect(vod.status).toBe(200);
    expect(vod.body.ImageInfo.ImageId).toBe(SEED_LIKE_ID);
    expect((await callApi3(emulator.origin)).body.Response.SharePermissionSet).toEqual(OFFICIAL_EXAMPLE_PERMISSIONS);
    expect(emulator.stats.byAction).toEqual({ GetImageInfo: 1, DescribeImageSharePermission: 1 });
  });

  test('the API 3.0 route claims / only with X-TC-Action, and comes before VOD\'s (which would claim it too)', () => {
    expect(tencentSharePermissionRoute.matches('POST', '/', {})).toBe(false);
    expect(tencentSharePermissionRoute.matches('POST', '/', { 'x-tc-action': 'DescribeImageSharePermission' })).toBe(true);
    expect(tencentSharePermissionRoute.matches('POST', '/v2/index.php', { 'x-tc-action': 'DescribeImageSharePermission' })).toBe(false);
    expect(aliyunVodImagesRoute.matches('POST', '/', { 'x-tc-action': 'DescribeImageSharePermission' })).toBe(true);
    expect(BUILT_IN_ROUTES.indexOf(tencentSharePermissionRoute)).toBeGreaterThanOrEqual(0);
    expect(BUILT_IN_ROUTES.indexOf(tencentSharePermissionRoute)).toBeLessThan(BUILT_IN_ROUTES.indexOf(aliyunVodImagesRoute));
  });
});

describe('legacyApiRetired: v2 answers 6100, API 3.0 keeps answering', () => {
  let retired: Emulator;
  beforeAll(async () => {
    retired = await Emulator.start({ data: dataWith({ legacyApiRetired: true, api3RequestsPerSecond: 0 }), now });
  });
  afterAll(async () => {
    await retired.stop();
  });
  const v2Call = () => ({ timestamp: Math.floor(clock / 1000) });

  test('every v2 request, a valid one or not, gets code 6100 pointing at API 3.0', async () => {
    for (const call of [v2Call(), { ...v2Call(), secretKey: 'wrong' }, { ...v2Call(), action: 'DescribeImages' }]) {
      const { status, body } = await callTencent(retired.origin, call);
      expect(status).toBe(200);
      expect(body).toEqual({ code: 6100, codeDesc: 'UnsupportedOperation', message: expect.stringContaining('DescribeImageSharePermission') });
    }
    expect((await callApi3(retired.origin)).body.Response.SharePermissionSet).toEqual(OFFICIAL_EXAMPLE_PERMISSIONS);
  });

  test('an error fault still answers first; a data fault is spent on the 6100', async () => {
    retired.injectFaults('internalError');
    expect((await callTencent(retired.origin, v2Call())).body.code).toBe(6000);
    retired.injectFaults('emptyResult');
    expect((await callTencent(retired.origin, v2Call())).body.code).toBe(6100);
    expect((await callApi3(retired.origin)).body.Response.SharePermissionSet).toEqual(OFFICIAL_EXAMPLE_PERMISSIONS);
  });

  test('without the switch, the same v2 request is answered', async () => {
    expect((await callTencent(emulator.origin, v2Call())).body.code).toBe('0');
  });
});
