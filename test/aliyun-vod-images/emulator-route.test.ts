import { join } from 'node:path';
import { signRpc } from '../../src/aliyun-vod-images/signature';
import { Emulator, parseEmulatorData, type EmulatorDataInput } from '../../src/emulator';
import { BARE_ID, COVER_ID, COVER_IMAGE as COVER, SEED_LIKE_ID, SEED_LIKE_IMAGE as SEED_LIKE, VOD_TEST_DATA } from './fixtures';
import { callVod, TEST_ACCESS_KEY_SECRET, type VodCallOptions } from './signed-request';

const EXAMPLE_DATA_FILE = join(__dirname, '../../examples/golden-image-audit/emulator-data.json');

const STS = { accessKeyId: 'STS.emulatorTemporary02', accessKeySecret: 'temporarySecret02', securityToken: 'sts-session-token-02' };
/** The STS key's ID and secret, without its token. */
const STS_KEY = { accessKeyId: STS.accessKeyId, accessKeySecret: STS.accessKeySecret };

const UNKNOWN_ID = 'ffffffffffffffffffffffffffffffff';

const DATA: EmulatorDataInput = {
  credentials: { aliyun: [{ accessKeyId: 'LTAIemulatorExample01', accessKeySecret: 'emulatorSecret01' }, STS] },
  aliyun: VOD_TEST_DATA.aliyun,
};

// A fixed clock: URL expiries and the 15-minute window are exact, and no assertion depends on the wall clock.
const NOW_MS = 1_700_000_000_000;
const NOW_S = NOW_MS / 1000;
const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

let emulator: Emulator;
beforeAll(async () => {
  emulator = await Emulator.start({ data: DATA, now: () => NOW_MS });
});
afterAll(async () => {
  await emulator.stop();
});

/** A request timed at the emulator's clock unless the test says otherwise. */
function call(options: VodCallOptions = {}) {
  return callVod(emulator.origin, { timestamp: NOW_MS, ...options, params: { ImageId: SEED_LIKE_ID, ...options.params } });
}

function callInfos(imageIds: readonly string[], options: VodCallOptions = {}) {
  return callVod(emulator.origin, { timestamp: NOW_MS, action: 'GetImageInfos', ...options, params: { ImageIds: imageIds.join(','), ...options.params } });
}

function cdnUrl(imageId: string, expires: number): RegExp {
  return new RegExp(`^https://cdn\\.example-vod\\.com/image/default/${imageId}\\.png\\?auth_key=${expires}-0-0-[0-9a-f]{32}$`);
}

/** Checks an OSS presigned URL piece by piece, the signature included (URL-encoded Base64 of 20 bytes). */
function expectOssUrl(url: string, storageLocation: string, imageId: string, expires: number): void {
  const parsed = new URL(url);
  expect(`${parsed.protocol}//${parsed.host}${parsed.pathname}`).toBe(`https://${storageLocation}/image/default/${imageId}.png`);
  expect([...parsed.searchParams.keys()]).toEqual(['Expires', 'OSSAccessKeyId', 'Signature']);
  expect(parsed.searchParams.get('Expires')).toBe(String(expires));
  expect(parsed.searchParams.get('OSSAccessKeyId')).not.toBe('');
  expect(parsed.search).toMatch(/&Signature=[A-Za-z0-9%]+$/); // no raw + / = in the query
  expect(Buffer.from(parsed.searchParams.get('Signature')!, 'base64')).toHaveLength(20);
}

describe('GetImageInfo answers', () => {
  test('the data as written, the ImageId, and a CDN URL by default (auth_key expiring in 1800 s)', async () => {
    const { status, body } = await call();
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['RequestId', 'ImageInfo']);
    expect(body.RequestId).toMatch(REQUEST_ID);
    expect(body.ImageInfo).toEqual({
      ...SEED_LIKE,
      ImageId: SEED_LIKE_ID,
      URL: expect.stringMatching(cdnUrl(SEED_LIKE_ID, NOW_S + 1800)),
      Mezzanine: { ...SEED_LIKE.Mezzanine, FileURL: expect.any(String) },
    });
    // The mezzanine's URL is the origin one, 3600 s by default.
    expectOssUrl(body.ImageInfo.Mezzanine.FileURL, SEED_LIKE.StorageLocation, SEED_LIKE_ID, NOW_S + 3600);
  });

  test('OutputType=oss: origin URLs, living AuthTimeout seconds', async () => {
    const { body } = await call({ params: { OutputType: 'oss', AuthTimeout: '600' } });
    expectOssUrl(body.ImageInfo.URL, SEED_LIKE.StorageLocation, SEED_LIKE_ID, NOW_S + 600);
    expect(body.ImageInfo.Mezzanine.FileURL).toBe(body.ImageInfo.URL);
  });

  test('OutputType=oss without AuthTimeout: 3600 s', async () => {
    const { body } = await call({ params: { OutputType: 'oss' } });
    expectOssUrl(body.ImageInfo.URL, SEED_LIKE.StorageLocation, SEED_LIKE_ID, NOW_S + 3600);
  });

  test('OutputType=cdn with AuthTimeout: both URLs live that long, and cdn has no 30-day limit', async () => {
    const { body } = await call({ params: { OutputType: 'cdn', AuthTimeout: '60' } });
    expect(body.ImageInfo.URL).toMatch(cdnUrl(SEED_LIKE_ID, NOW_S + 60));
    expectOssUrl(body.ImageInfo.Mezzanine.FileURL, SEED_LIKE.StorageLocation, SEED_LIKE_ID, NOW_S + 60);
    const long = await call({ params: { OutputType: 'cdn', AuthTimeout: '2592001' } });
    expect(long.body.ImageInfo.URL).toMatch(cdnUrl(SEED_LIKE_ID, NOW_S + 2_592_001));
  });

  test('FileSize as in the data: a number stays a number, a string a string; UTF-8 text intact', async () => {
    expect((await call()).body.ImageInfo.Mezzanine.FileSize).toBe(8932);
    const cover = await call({ params: { ImageId: COVER_ID } });
    expect(cover.body.ImageInfo.Mezzanine.FileSize).toBe('524288');
    expect(cover.body.ImageInfo.Title).toBe('春季新品封面');
  });

  test('an image without data fields still gets its ID and URLs, on an emulator-made bucket', async () => {
    const { body } = await call({ params: { ImageId: BARE_ID, OutputType: 'oss' } });
    expect(Object.keys(body.ImageInfo).sort()).toEqual(['ImageId', 'Mezzanine', 'URL']);
    expect(Object.keys(body.ImageInfo.Mezzanine)).toEqual(['FileURL']);
    expect(new URL(body.ImageInfo.URL).host).toMatch(/^outin-[0-9a-z]+\.oss-cn-shanghai\.aliyuncs\.com$/);
  });

  test('over GET (query string) as over POST (form body)', async () => {
    const viaGet = await call({ method: 'GET' });
    const viaPost = await call({ method: 'POST' });
    expect(viaGet.status).toBe(200);
    expect(viaPost.status).toBe(200);
    expect(viaPost.body.ImageInfo).toEqual(viaGet.body.ImageInfo); // same clock, so the same URLs
  });

  test('values needing percent-encoding (space, *, ~, Chinese) are verified after decoding', async () => {
    const params = { ImageId: SEED_LIKE_ID, UserData: '封面 a*b~(c)!' };
    expect((await call({ params, method: 'GET' })).status).toBe(200);
    expect((await call({ params, method: 'POST' })).status).toBe(200);
  });

  test('an STS key with its SecurityToken', async () => {
    expect((await call(STS)).status).toBe(200);
  });

  test('counts requests per action, rejected ones included', async () => {
    emulator.resetStats();
    await call();
    await call({ accessKeyId: 'LTAInobodyHasThisKey' });
    await callInfos([SEED_LIKE_ID]);
    await call({ action: 'GetVideoInfo' });
    expect(emulator.stats).toEqual({ requests: 4, byAction: { GetImageInfo: 2, GetImageInfos: 1, GetVideoInfo: 1 } });
  });
});

describe('GetImageInfos answers', () => {
  test('found images in ImageInfo and unknown IDs in NonExistImageIds, in request order, duplicates once', async () => {
    const { status, body } = await callInfos([COVER_ID, UNKNOWN_ID, SEED_LIKE_ID, COVER_ID]);
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['RequestId', 'ImageInfo', 'NonExistImageIds']);
    expect(body.ImageInfo.map((info: { ImageId: string }) => info.ImageId)).toEqual([COVER_ID, SEED_LIKE_ID]);
    expect(body.ImageInfo[0]).toEqual({ ...COVER, ImageId: COVER_ID, URL: expect.stringMatching(cdnUrl(COVER_ID, NOW_S + 1800)), Mezzanine: { ...COVER.Mezzanine, FileURL: expect.any(String) } });
    expect(body.NonExistImageIds).toEqual([UNKNOWN_ID]);
  });

  test('all unknown: empty ImageInfo, every ID in NonExistImageIds; nothing unknown: an empty list', async () => {
    expect((await callInfos([UNKNOWN_ID])).body).toMatchObject({ ImageInfo: [], NonExistImageIds: [UNKNOWN_ID] });
    expect((await callInfos([BARE_ID])).body.NonExistImageIds).toEqual([]);
  });

  test('OutputType and AuthTimeout apply to every image, over POST too', async () => {
    const { body } = await callInfos([SEED_LIKE_ID, COVER_ID], { method: 'POST', params: { OutputType: 'oss', AuthTimeout: '120' } });
    for (const info of body.ImageInfo) expectOssUrl(info.URL, info.StorageLocation, info.ImageId, NOW_S + 120);
  });

  test('20 IDs are accepted; 21 are refused', async () => {
    const ids = (count: number) => Array.from({ length: count }, (_, i) => i.toString(16).padStart(32, '0'));
    const twenty = await callInfos(ids(20));
    expect(twenty.status).toBe(200);
    expect(twenty.body.NonExistImageIds).toHaveLength(20);
    const tooMany = await callInfos(ids(21));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ Code: 'InvalidParameter', Message: expect.stringContaining('at most 20') });
  });
});

describe('error answers: HTTP status, Code, and the documented body', () => {
  test('the body is {RequestId, HostId, Code, Message}, HostId being the host called', async () => {
    const { status, body } = await call({ params: { ImageId: UNKNOWN_ID } });
    expect(status).toBe(404);
    expect(Object.keys(body)).toEqual(['RequestId', 'HostId', 'Code', 'Message']);
    expect(body).toEqual({
      RequestId: expect.stringMatching(REQUEST_ID),
      HostId: new URL(emulator.origin).host,
      Code: 'NoSuchResource',
      Message: `The specified resource ${UNKNOWN_ID} does not exist.`,
    });
  });

  test.each<[string, VodCallOptions, number, string, string]>([
    ['no Action', { omit: ['Action'] }, 400, 'MissingParameter', '"Action"'],
    ['an Action not emulated', { action: 'GetVideoInfo' }, 400, 'InvalidParameter', 'GetVideoInfo'],
    ['another API Version', { params: { Version: '2014-05-26' } }, 400, 'InvalidParameter', '2017-03-21'],
    ['no Version', { omit: ['Version'] }, 400, 'MissingParameter', '"Version"'],
    ['another SignatureMethod', { params: { SignatureMethod: 'HMAC-SHA256' } }, 400, 'InvalidSignatureMethod', 'HMAC-SHA256'],
    ['another SignatureVersion', { params: { SignatureVersion: '2.0' } }, 400, 'InvalidParameter', 'SignatureVersion'],
    ['no AccessKeyId', { omit: ['AccessKeyId'] }, 400, 'MissingParameter', '"AccessKeyId"'],
    ['an unknown AccessKeyId', { accessKeyId: 'LTAInobodyHasThisKey' }, 404, 'InvalidAccessKeyId.NotFound', 'access key'],
    ['no Signature', { afterSigning: (params) => delete params.Signature }, 400, 'IncompleteSignature', 'Signature'],
    ['a signature made with another secret', { accessKeySecret: 'notTheSecret' }, 400, 'SignatureDoesNotMatch', 'server string to sign is:GET&%2F&AccessKeyId%3D'],
    ['a parameter changed after signing', { afterSigning: (params) => (params.ImageId = COVER_ID) }, 400, 'SignatureDoesNotMatch', COVER_ID],
    ['a POST signature sent over GET', {
      method: 'GET',
      afterSigning: (params) => (params.Signature = signRpc('POST', params, TEST_ACCESS_KEY_SECRET)),
    }, 400, 'SignatureDoesNotMatch', 'string to sign is:GET&'],
    ['an STS key without its SecurityToken', STS_KEY, 400, 'InvalidSecurityToken.Mismatch', 'no SecurityToken'],
    ['an STS key with another SecurityToken', { ...STS_KEY, securityToken: 'stale-token' }, 400, 'InvalidSecurityToken.Mismatch', 'SecurityToken'],
    ['no Timestamp', { omit: ['Timestamp'] }, 400, 'MissingParameter', '"Timestamp"'],
    ['a Timestamp with milliseconds', { timestamp: '2023-11-14T22:13:20.000Z' }, 400, 'InvalidTimeStamp.Format', '2023-11-14T22:13:20.000Z'],
    ['a Timestamp in Unix seconds', { timestamp: String(NOW_S) }, 400, 'InvalidTimeStamp.Format', 'yyyy-MM-ddTHH:mm:ssZ'],
    ['a Timestamp with a space and no Z', { timestamp: '2023-11-14 22:13:20' }, 400, 'InvalidTimeStamp.Format', 'not well formatted'],
    ['a Timestamp on a day that does not exist', { timestamp: '2023-02-30T22:13:20Z' }, 400, 'InvalidTimeStamp.Format', '2023-02-30'],
    ['no SignatureNonce', { omit: ['SignatureNonce'] }, 400, 'MissingParameter', '"SignatureNonce"'],
    ['Format XML', { params: { Format: 'XML' } }, 400, 'InvalidParameter', 'only JSON'],
    ['no Format (so XML, the API default)', { omit: ['Format'] }, 400, 'InvalidParameter', 'XML (the API default)'],
    ['a Format that is neither', { params: { Format: 'YAML' } }, 400, 'InvalidParameter', 'YAML'],
    ['no ImageId', { omit: ['ImageId'] }, 400, 'MissingImageId', '"ImageId"'],
    ['a malformed ImageId', { params: { ImageId: SEED_LIKE_ID.toUpperCase() } }, 400, 'InvalidParameter', SEED_LIKE_ID.toUpperCase()],
    ['an unknown image', { params: { ImageId: UNKNOWN_ID } }, 404, 'NoSuchResource', UNKNOWN_ID],
    ['OutputType CDN (values are lower-case)', { params: { OutputType: 'CDN' } }, 400, 'InvalidParameter', 'OutputType'],
    ['OutputType hls', { params: { OutputType: 'hls' } }, 400, 'InvalidParameter', 'hls'],
    ['AuthTimeout 0', { params: { AuthTimeout: '0' } }, 400, 'InvalidParameter', 'AuthTimeout'],
    ['a fractional AuthTimeout', { params: { AuthTimeout: '1.5' } }, 400, 'InvalidParameter', '"1.5"'],
    ['a negative AuthTimeout', { params: { AuthTimeout: '-1' } }, 400, 'InvalidParameter', '"-1"'],
    ['an empty AuthTimeout', { params: { AuthTimeout: '' } }, 400, 'InvalidParameter', 'AuthTimeout'],
    ['AuthTimeout over 30 days with oss', { params: { OutputType: 'oss', AuthTimeout: '2592001' } }, 400, 'InvalidParameter', '2592000'],
  ])('%s', async (_name, options, status, code, messagePart) => {
    const response = await call(options); // `omit` also removes the ImageId that `call` adds
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ RequestId: expect.stringMatching(REQUEST_ID), HostId: expect.any(String), Code: code, Message: expect.any(String) });
    expect(response.body.Message).toContain(messagePart);
  });

  test('AuthTimeout of exactly 30 days is accepted with oss', async () => {
    const { body } = await call({ params: { OutputType: 'oss', AuthTimeout: '2592000' } });
    expectOssUrl(body.ImageInfo.URL, SEED_LIKE.StorageLocation, SEED_LIKE_ID, NOW_S + 2_592_000);
  });

  test.each<[string, readonly string[], string, string]>([
    ['no ImageIds', [], 'MissingImageIds', '"ImageIds"'],
    ['a malformed ID among them, named', [COVER_ID, 'not-an-image-id'], 'InvalidParameter', '"not-an-image-id"'],
    ['an empty entry (a trailing comma)', [COVER_ID, ''], 'InvalidParameter', '""'],
  ])('GetImageInfos with %s', async (_name, imageIds, code, messagePart) => {
    const { status, body } = await callInfos(imageIds);
    expect(status).toBe(400);
    expect(body).toMatchObject({ Code: code, Message: expect.stringContaining(messagePart) });
  });

  test('a POST body that is not a form', async () => {
    const response = await fetch(`${emulator.origin}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Action: 'GetImageInfo' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ Code: 'InvalidParameter', Message: expect.stringContaining('x-www-form-urlencoded') });
  });

  test('checks run in order: key, signature, token, timestamp, Format, then the action\'s parameters', async () => {
    const stale = NOW_MS - 3_600_000;
    const refusal = async (options: VodCallOptions) => {
      const { body } = await call(options);
      return `${body.Code}: ${body.Message}`;
    };
    expect(await refusal({ accessKeyId: 'LTAInobodyHasThisKey', accessKeySecret: 'wrong' })).toMatch(/^InvalidAccessKeyId\.NotFound/);
    expect(await refusal({ ...STS_KEY, accessKeySecret: 'wrong', timestamp: stale })).toMatch(/^SignatureDoesNotMatch/);
    expect(await refusal({ ...STS_KEY, timestamp: stale })).toMatch(/^InvalidSecurityToken\.Mismatch/);
    expect(await refusal({ timestamp: stale, params: { Format: 'XML' } })).toMatch(/^InvalidTimeStamp\.Expired/);
    expect(await refusal({ params: { Format: 'XML', ImageId: 'bad' } })).toMatch(/^InvalidParameter: Format XML/);
    expect(await refusal({ params: { ImageId: 'bad', OutputType: 'hls' } })).toMatch(/^InvalidParameter: .*ImageId/);
    expect(await refusal({ params: { ImageId: UNKNOWN_ID, OutputType: 'hls' } })).toMatch(/^InvalidParameter: .*OutputType/);
  });
});

describe('replay protection', () => {
  test('a SignatureNonce is refused the second time for the same AccessKeyId, but not for another key', async () => {
    expect((await call({ nonce: 'nonce-4242' })).status).toBe(200);
    const replay = await call({ nonce: 'nonce-4242' });
    expect(replay.status).toBe(400);
    expect(replay.body).toMatchObject({ Code: 'SignatureNonceUsed', Message: expect.stringContaining('nonce-4242') });
    expect((await call({ ...STS, nonce: 'nonce-4242' })).status).toBe(200);
  });

  test('a request refused for its signature consumes no nonce', async () => {
    expect((await call({ nonce: 'nonce-4343', accessKeySecret: 'wrong' })).body.Code).toBe('SignatureDoesNotMatch');
    expect((await call({ nonce: 'nonce-4343' })).status).toBe(200);
  });

  test('timestamps up to 15 minutes away, either side, are accepted', async () => {
    expect((await call({ timestamp: NOW_MS - 900_000 })).status).toBe(200);
    expect((await call({ timestamp: NOW_MS + 900_000 })).status).toBe(200);
  });

  test('timestamps further away are refused with InvalidTimeStamp.Expired', async () => {
    const stale = await call({ timestamp: NOW_MS - 901_000 });
    expect(stale.status).toBe(400);
    expect(stale.body).toMatchObject({ Code: 'InvalidTimeStamp.Expired', Message: expect.stringContaining('901 s') });
    expect((await call({ timestamp: NOW_MS + 901_000 })).body.Code).toBe('InvalidTimeStamp.Expired');
  });

  test('the window is VOD\'s 15 minutes whatever replayWindowSeconds (the Tencent setting) says', async () => {
    const narrow = await Emulator.start({ data: DATA, now: () => NOW_MS, replayWindowSeconds: 60 });
    try {
      expect((await callVod(narrow.origin, { timestamp: NOW_MS - 600_000, params: { ImageId: SEED_LIKE_ID } })).status).toBe(200);
    } finally {
      await narrow.stop();
    }
  });
});

describe('faults in the VOD dialect', () => {
  test('throttle: HTTP 400 Throttling.User in the error body, then normal answers again', async () => {
    emulator.injectFaults('throttle');
    const throttled = await call();
    expect(throttled.status).toBe(400);
    expect(throttled.body).toEqual({
      RequestId: expect.stringMatching(REQUEST_ID),
      HostId: new URL(emulator.origin).host,
      Code: 'Throttling.User',
      Message: 'Request was denied due to user flow control.',
    });
    expect((await call()).status).toBe(200);
  });

  test('internalError: HTTP 500 InternalError', async () => {
    emulator.injectFaults('internalError');
    const failed = await call();
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ Code: 'InternalError', HostId: new URL(emulator.origin).host });
  });

  test('serverError stays generic: HTTP 503 with an HTML body', async () => {
    emulator.injectFaults('serverError');
    const { status, body } = await call();
    expect(status).toBe(503);
    expect(body).toContain('<html>');
  });

  test('a faulted request consumes no nonce, so its retry may reuse it', async () => {
    emulator.injectFaults('throttle');
    expect((await call({ nonce: 'nonce-9191' })).body.Code).toBe('Throttling.User');
    expect((await call({ nonce: 'nonce-9191' })).status).toBe(200);
  });

  test.each([
    ['throttleApi', 503, 'Throttling.Api'], ['throttleGeneric', 400, 'Throttling'], ['errorWith200', 200, 'Throttling.User'],
    ['apiError429', 429, 'Throttling.User'], ['apiError500', 500, 'InternalError'], ['apiError502', 502, 'InternalError'],
    ['apiError503', 503, 'ServiceUnavailable'],
  ] as const)('%s: HTTP %i with %s in the documented error body', async (fault, status, code) => {
    emulator.injectFaults(fault);
    const answer = await call();
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ RequestId: expect.stringMatching(REQUEST_ID), HostId: new URL(emulator.origin).host, Code: code, Message: expect.any(String) });
  });
});

describe('data faults in the VOD dialect: a successful answer, changed', () => {
  const batch = (imageIds: readonly string[]) => callInfos(imageIds);
  const one = (imageId: string) => call({ params: { ImageId: imageId } });

  test('wrongTypes: the first image\'s Title is a number, the others as the data says', async () => {
    const healthy = await batch([COVER_ID, SEED_LIKE_ID]);
    emulator.injectFaults('wrongTypes');
    const { status, body } = await batch([COVER_ID, SEED_LIKE_ID]);
    expect(status).toBe(200);
    expect(body.ImageInfo[0]).toEqual({ ...healthy.body.ImageInfo[0], Title: expect.any(Number) });
    expect(body.ImageInfo[1]).toEqual(healthy.body.ImageInfo[1]);
    expect(body.NonExistImageIds).toEqual([]);
  });

  test('wrongTypes without any image in the answer: NonExistImageIds is a string', async () => {
    emulator.injectFaults('wrongTypes');
    const { body } = await batch([UNKNOWN_ID]);
    expect(body).toEqual({ RequestId: expect.stringMatching(REQUEST_ID), ImageInfo: [], NonExistImageIds: UNKNOWN_ID });
  });

  test('wrongTypes on GetImageInfo: its Title is a number', async () => {
    emulator.injectFaults('wrongTypes');
    expect((await one(COVER_ID)).body.ImageInfo).toMatchObject({ ImageId: COVER_ID, Title: expect.any(Number) });
  });

  test('emptyResult: ImageInfo [] and no NonExistImageIds; GetImageInfo: no ImageInfo', async () => {
    emulator.injectFaults('emptyResult');
    expect((await batch([COVER_ID, UNKNOWN_ID])).body).toEqual({ RequestId: expect.stringMatching(REQUEST_ID), ImageInfo: [] });
    emulator.injectFaults('emptyResult');
    expect((await one(COVER_ID))).toEqual({ status: 200, body: { RequestId: expect.stringMatching(REQUEST_ID) } });
  });

  test('partialBatch: the first found image is in neither list; the others are as usual', async () => {
    emulator.injectFaults('partialBatch');
    const { body } = await batch([COVER_ID, SEED_LIKE_ID, UNKNOWN_ID]);
    expect(body.ImageInfo.map((info: { ImageId: string }) => info.ImageId)).toEqual([SEED_LIKE_ID]);
    expect(body.NonExistImageIds).toEqual([UNKNOWN_ID]);
  });

  test('partialBatch with no found image: the first nonexistent one is left out', async () => {
    emulator.injectFaults('partialBatch');
    const other = 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee';
    const { body } = await batch([UNKNOWN_ID, other]);
    expect(body).toEqual({ RequestId: expect.stringMatching(REQUEST_ID), ImageInfo: [], NonExistImageIds: [other] });
  });

  test('a refused request keeps its refusal: the data fault is spent on it', async () => {
    emulator.injectFaults('emptyResult');
    expect((await call({ accessKeySecret: 'wrong' })).body.Code).toBe('SignatureDoesNotMatch');
    expect((await one(COVER_ID)).body.ImageInfo.ImageId).toBe(COVER_ID);
  });
});

describe('VOD emulator data', () => {
  test('the example file serves its images (and its Tencent data still loads alongside)', async () => {
    const example = await Emulator.start({ data: EXAMPLE_DATA_FILE });
    try {
      const imageIds = [
        '7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c', 'a3f9c8e27b6d4c1e9f0a5b3d7e2c4f60', '5d2b8e1f4a7c4b9e8d3f6a0c1e5b7d92',
        'e8b4d1c7a2f94e3b6c5d0a9f8e7b2c14', '1f6a3c9e5b2d4f8a0e7c6b1d3a9f5e28',
      ];
      const { status, body } = await callVod(example.origin, { action: 'GetImageInfos', params: { ImageIds: imageIds.join(',') } });
      expect(status).toBe(200);
      expect(body.NonExistImageIds).toEqual([]);
      expect(body.ImageInfo.map((info: { ImageType: string; Status: string }) => `${info.ImageType}/${info.Status}`))
        .toEqual(['cover/Normal', 'cover/Normal', 'cover/Normal', 'cover/Uploading', 'NormalSnapshot/Normal']);
    } finally {
      await example.stop();
    }
  });

  test('applies defaults: no aliyun section means no keys and no images', () => {
    const data = parseEmulatorData({ credentials: {} });
    expect(data.credentials.aliyun).toEqual([]);
    expect(data.aliyun).toEqual({ images: {} });
  });

  test('errors name the bad entry: image ID, misspelt field, FileSize, CreationTime, key without secret', () => {
    const parse = (value: unknown) => () => parseEmulatorData(value);
    expect(parse({ credentials: {}, aliyun: { images: { [SEED_LIKE_ID.toUpperCase()]: {} } } })).toThrow(/aliyun\.images\.3E34733B/);
    expect(parse({ credentials: {}, aliyun: { images: { [COVER_ID]: { Titel: 'typo' } } } })).toThrow(/Titel/);
    expect(parse({ credentials: {}, aliyun: { images: { [COVER_ID]: { Mezzanine: { FileSize: '8 KB' } } } } }))
      .toThrow(/aliyun\.images\.bbc65bba53f90a1b2c3d4ed90de118a7\.Mezzanine\.FileSize/);
    expect(parse({ credentials: {}, aliyun: { images: { [COVER_ID]: { CreationTime: '2018-11-21 02:37:23' } } } })).toThrow(/CreationTime/);
    expect(parse({ credentials: { aliyun: [{ accessKeyId: 'LTAIx' }] } })).toThrow(/credentials\.aliyun\.0\.accessKeySecret/);
  });
});
