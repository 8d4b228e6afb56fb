import { inspect } from 'node:util';
import { LookupInputError } from '../../src/engine/errors';
import type { Emulator, EmulatorFault } from '../../src/emulator';
import { RequestFailedError, ResponseInvalidError } from '../../src/http/errors';
import { TencentApiError, TencentImageShareClient, type TencentImageShareClientOptions } from '../../src/tencent-image-shares';
import { isolateEnv, startTestEmulator, TEST_CREDENTIALS, TEST_DATA } from '../support/fixtures';
import { startCannedServer, startRecordingProxy, type CannedResponse, paramsOf, type LoopbackServer, type RecordedRequest } from '../support/loopback-http';
import { rejection, thrown } from '../support/expect-errors';
import { withoutProxyEnv } from '../support/proxy-env';

const REGION = 'ap-guangzhou';
/** A region the emulator data does not have: the API answers 4000. */
const UNKNOWN_REGION = 'ap-beijing';
const ACTION = 'GetImageShareUinInfo';
const MAX_IDS_PER_CALL = 10;
/** Tiny backoff so retried tests stay fast; no test measures time. */
const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5 };
const DEFAULT_RETRIES = 3;

const SHARED_TWICE = 'img-jgggrva9';
const SHARED_ONCE = 'img-6pb6lrmy';
const SHARED_WITH_NOBODY = 'img-2xk9q7dm';
const GUANGZHOU_IMAGES = TEST_DATA.tencent.regions[REGION] as Record<string, ReadonlyArray<{ uin: string; shareTimeStamp: string }>>;

/** Well-formed IDs that are not in the emulator data. */
function unknownImageIds(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `img-unk${String(index).padStart(5, '0')}`);
}

/** A temporary (STS) key: requests must carry its token. */
const TEMPORARY_CREDENTIALS = { secretId: 'AKIDtemporaryKey0001', secretKey: 'temporarySecretKey0001', securityToken: 'session-token-0001' };
const DATA_WITH_TEMPORARY_KEY = {
  ...TEST_DATA,
  credentials: {
    tencent: [...TEST_DATA.credentials.tencent, { secretId: TEMPORARY_CREDENTIALS.secretId, secretKey: TEMPORARY_CREDENTIALS.secretKey, token: TEMPORARY_CREDENTIALS.securityToken }],
  },
};

isolateEnv();
withoutProxyEnv();

let emulator: Emulator;
beforeEach(async () => {
  emulator = await startTestEmulator();
});
afterEach(async () => {
  await emulator.stop();
});

/** A client that reaches `origin` (the emulator by default) with the test credentials and tiny backoff. */
function client(options: Partial<TencentImageShareClientOptions> = {}): TencentImageShareClient {
  return new TencentImageShareClient({ region: REGION, endpoint: emulator.origin, ...TEST_CREDENTIALS, retry: FAST_RETRY, ...options });
}



function imageIdsOf(request: RecordedRequest): string[] {
  return [...paramsOf(request)].filter(([name]) => /^imageIds\.\d+$/.test(name)).map(([, value]) => value);
}

/** The client's view of an image's shares in the emulator data. */
function expectedShares(imageId: string) {
  return GUANGZHOU_IMAGES[imageId].map(({ uin, shareTimeStamp }) => ({
    uin, shareTimeStamp, sharedAt: `${shareTimeStamp.replace(' ', 'T')}+08:00`,
  }));
}

describe('lookupImageShares: deduplicated, batched by 10, every ID reported', () => {
  const UNKNOWN = unknownImageIds(18);
  /** 21 distinct IDs, known ones spread over the three calls. */
  const UNIQUE = [
    UNKNOWN[0], SHARED_TWICE, ...UNKNOWN.slice(1, 9), SHARED_ONCE, ...UNKNOWN.slice(9, 18), SHARED_WITH_NOBODY,
  ];
  /** 25 IDs: the 21 with 4 repeats mixed in. */
  const REQUESTED = [...UNIQUE.slice(0, 5), UNIQUE[1], ...UNIQUE.slice(5, 12), UNIQUE[0], UNIQUE[10], ...UNIQUE.slice(12), UNIQUE[20]];
  const EXPECTED_CALLS = Math.ceil(UNIQUE.length / MAX_IDS_PER_CALL);

  test('the fixture really has 25 IDs, 21 of them distinct', () => {
    expect(REQUESTED).toHaveLength(25);
    expect(new Set(REQUESTED).size).toBe(21);
    expect(UNIQUE).toHaveLength(21);
  });

  test('25 IDs with repeats: one entry per distinct ID in first-seen order, not-found ones kept', async () => {
    const proxy = await startRecordingProxy(emulator.origin);
    try {
      const result = await client({ endpoint: proxy.origin }).lookupImageShares(REQUESTED);

      expect(result.images).toEqual(UNIQUE.map((imageId) => (imageId in GUANGZHOU_IMAGES
        ? { imageId, outcome: 'found', shares: expectedShares(imageId) }
        : { imageId, outcome: 'notFound' })));
      expect(result.images.filter((image) => image.outcome === 'found').map((image) => image.imageId)).toEqual([SHARED_TWICE, SHARED_ONCE, SHARED_WITH_NOBODY]);
      expect(result.images.find((image) => image.imageId === SHARED_WITH_NOBODY)).toEqual({ imageId: SHARED_WITH_NOBODY, outcome: 'found', shares: [] });
      expect(result.maxImgShareNum).toBe(TEST_DATA.tencent.maxImgShareNum);

      expect(result.calls).toBe(EXPECTED_CALLS);
      expect(emulator.stats).toEqual({ requests: EXPECTED_CALLS, byAction: { [ACTION]: EXPECTED_CALLS } });
      // Each call carries at most 10 IDs, and every distinct ID is asked for exactly once.
      const idsPerCall = proxy.requests.map(imageIdsOf);
      for (const ids of idsPerCall) expect(ids.length).toBeLessThanOrEqual(MAX_IDS_PER_CALL);
      expect(idsPerCall.flat().sort()).toEqual([...UNIQUE].sort());
    } finally {
      await proxy.stop();
    }
  });

  test('no IDs: no request, no calls', async () => {
    await expect(client().lookupImageShares([])).resolves.toEqual({ maxImgShareNum: undefined, images: [], calls: 0 });
    expect(emulator.stats.requests).toBe(0);
  });

  test('exactly 10 distinct IDs take one call, 11 take two', async () => {
    await client().lookupImageShares(unknownImageIds(10));
    expect(emulator.stats.requests).toBe(1);
    emulator.resetStats();
    await client().lookupImageShares(unknownImageIds(11));
    expect(emulator.stats.requests).toBe(2);
  });

  test('onRequest is called once per HTTP request', async () => {
    let sent = 0;
    await client({ onRequest: () => sent++ }).lookupImageShares(REQUESTED);
    expect(sent).toBe(EXPECTED_CALLS);
  });
});

describe('lookupImageShares: bounded concurrency', () => {
  /** Long enough that calls started together overlap at the proxy; nothing asserts on time. */
  const LATENCY_MS = 150;
  const FIVE_CALLS_OF_IDS = unknownImageIds(5 * MAX_IDS_PER_CALL);

  let proxy: LoopbackServer & { readonly maxInFlight: number };
  beforeEach(async () => {
    emulator.setLatency(LATENCY_MS);
    proxy = await startRecordingProxy(emulator.origin);
  });
  afterEach(async () => {
    await proxy.stop();
  });

  test.each([
    [1, 1],
    [2, 2],
    [undefined, 4],
  ])('concurrency %p: at most %i calls in flight, same result', async (concurrency, bound) => {
    const result = await client({ endpoint: proxy.origin, concurrency }).lookupImageShares(FIVE_CALLS_OF_IDS);
    expect(result.calls).toBe(5);
    expect(result.images.map((image) => image.imageId)).toEqual(FIVE_CALLS_OF_IDS);
    expect(emulator.stats.requests).toBe(5);
    expect(proxy.maxInFlight).toBeLessThanOrEqual(bound);
    // Calls are really run side by side up to the bound (5 calls are ready at once).
    expect(proxy.maxInFlight).toBe(bound);
  });
});

describe('getImageShareUinInfo: the answer, normalized', () => {
  test('numbers sent as strings become numbers; UINs stay strings; times get an ISO form and keep their raw text', async () => {
    const answer = await client().getImageShareUinInfo([SHARED_TWICE, SHARED_ONCE, 'img-zzzzzzzz']);
    expect(answer).toEqual({
      imageNum: 2,
      maxImgShareNum: 50,
      images: [
        { imageId: SHARED_TWICE, shares: [
          { uin: '1621874004', sharedAt: '2016-01-13T15:16:53+08:00', shareTimeStamp: '2016-01-13 15:16:53' },
          { uin: '877354327', sharedAt: '2016-01-18T13:14:17+08:00', shareTimeStamp: '2016-01-18 13:14:17' },
        ] },
        { imageId: SHARED_ONCE, shares: [{ uin: '3000000001', sharedAt: '2024-03-04T10:21:08+08:00', shareTimeStamp: '2024-03-04 10:21:08' }] },
      ],
      requestId: undefined,
    });
  });

  test.each([0, MAX_IDS_PER_CALL + 1])('%i IDs are refused with a RangeError, before any request', async (count) => {
    const error = await rejection(client().getImageShareUinInfo(unknownImageIds(count)), RangeError);
    expect(error.message).toContain('lookupImageShares');
    expect(emulator.stats.requests).toBe(0);
  });
});

describe('HTTP and signature methods', () => {
  let proxy: LoopbackServer;
  beforeEach(async () => {
    proxy = await startRecordingProxy(emulator.origin);
  });
  afterEach(async () => {
    await proxy.stop();
  });

  test.each([
    ['POST', 'HmacSHA256'],
    ['POST', 'HmacSHA1'],
    ['GET', 'HmacSHA256'],
    ['GET', 'HmacSHA1'],
  ] as const)('%s signed with %s is accepted', async (httpMethod, signatureMethod) => {
    const answer = await client({ endpoint: proxy.origin, httpMethod, signatureMethod }).getImageShareUinInfo([SHARED_TWICE]);
    expect(answer.images.map((image) => image.imageId)).toEqual([SHARED_TWICE]);
    expect(proxy.requests).toHaveLength(1);
    expect(proxy.requests[0].method).toBe(httpMethod);
    expect(paramsOf(proxy.requests[0]).get('SignatureMethod')).toBe(signatureMethod);
  });

  test('the defaults are POST and HmacSHA256', async () => {
    await client({ endpoint: proxy.origin }).getImageShareUinInfo([SHARED_TWICE]);
    expect(proxy.requests[0].method).toBe('POST');
    expect(paramsOf(proxy.requests[0]).get('SignatureMethod')).toBe('HmacSHA256');
  });

  test('POST keeps SecretId and Signature out of the URL (in a form body)', async () => {
    await client({ endpoint: proxy.origin, httpMethod: 'POST' }).getImageShareUinInfo([SHARED_TWICE]);
    const [request] = proxy.requests;
    expect(request.url).toBe('/v2/index.php');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const body = new URLSearchParams(request.body);
    expect(body.get('SecretId')).toBe(TEST_CREDENTIALS.secretId);
    expect(body.get('Signature')).toBeTruthy();
  });

  test('GET, by contrast, puts them in the URL', async () => {
    await client({ endpoint: proxy.origin, httpMethod: 'GET' }).getImageShareUinInfo([SHARED_TWICE]);
    const url = new URL(proxy.requests[0].url, 'http://recorded');
    expect(url.pathname).toBe('/v2/index.php');
    expect(url.searchParams.get('SecretId')).toBe(TEST_CREDENTIALS.secretId);
    expect(url.searchParams.get('Signature')).toBeTruthy();
  });

  test('every attempt is signed afresh: nonces differ between retries', async () => {
    emulator.injectFaults('throttle', 2);
    await client({ endpoint: proxy.origin }).getImageShareUinInfo([SHARED_TWICE]);
    const nonces = proxy.requests.map((request) => paramsOf(request).get('Nonce'));
    expect(nonces).toHaveLength(3);
    expect(new Set(nonces).size).toBe(3);
  });
});

describe('API errors that are never retried', () => {
  let proxy: LoopbackServer;
  beforeEach(async () => {
    proxy = await startRecordingProxy(emulator.origin);
  });
  afterEach(async () => {
    await proxy.stop();
  });

  test.each<[string, number, Partial<TencentImageShareClientOptions>]>([
    ['4100 (signature made with the wrong key)', 4100, { secretKey: 'notTheRightKey000001' }],
    ['4104 (unknown SecretId)', 4104, { secretId: 'AKIDnobodyHasThisKey01' }],
    ['4000 (a region the API does not know)', 4000, { region: UNKNOWN_REGION }],
  ])('%s: one request, a TencentApiError naming the call', async (_what, apiCode, overrides) => {
    const options = { endpoint: proxy.origin, ...overrides };
    const imageIds = [SHARED_TWICE, SHARED_ONCE];
    const error = await rejection(client(options).getImageShareUinInfo(imageIds), TencentApiError);

    expect(error.code).toBe('TencentApiError');
    expect(error.apiCode).toBe(apiCode);
    expect(error.retryable).toBe(false);
    expect(error.details).toMatchObject({ apiCode, action: ACTION, region: overrides.region ?? REGION, imageIds });
    expect(error.message).toContain(String(apiCode));
    expect(error.message).toContain(SHARED_TWICE);
    expect(emulator.stats.requests).toBe(1);

    // The message carries no secret: not the key, not the SecretId, not the signature sent.
    const sent = paramsOf(proxy.requests[0]);
    const secrets = [options.secretKey ?? TEST_CREDENTIALS.secretKey, sent.get('SecretId')!, sent.get('Signature')!];
    for (const secret of secrets) {
      expect(error.message).not.toContain(secret);
      expect(inspect(error)).not.toContain(secret);
    }
  });

  test('an auth failure message points at the credential env vars', async () => {
    const error = await rejection(client({ secretKey: 'notTheRightKey000001' }).getImageShareUinInfo([SHARED_TWICE]), TencentApiError);
    expect(error.message).toContain('TENCENTCLOUD_SECRET_ID');
    expect(error.message).toContain('TENCENTCLOUD_SECRET_KEY');
  });

  test('lookupImageShares sends no more calls after a refusal no retry can fix, and reports it for every ID', async () => {
    const result = await client({ region: UNKNOWN_REGION, concurrency: 1 }).lookupImageShares(unknownImageIds(30));
    expect(emulator.stats.requests).toBe(1);
    expect(result.calls).toBe(1);
    expect(result.images).toHaveLength(30);
    for (const image of result.images) {
      expect(image).toMatchObject({ outcome: 'error', error: expect.any(TencentApiError) });
      expect(image.outcome === 'error' && (image.error as TencentApiError).apiCode).toBe(4000);
    }
  });

  test('lookupImageShares keeps the answers of calls that succeeded when another call runs out of retries', async () => {
    emulator.injectFaults('serverError', 2); // the first call's two attempts
    const result = await client({ concurrency: 1, retry: { ...FAST_RETRY, retries: 1 } }).lookupImageShares([...unknownImageIds(10), SHARED_TWICE]);
    expect(result.images.slice(0, 10).every((image) => image.outcome === 'error')).toBe(true);
    expect(result.images[10]).toMatchObject({ imageId: SHARED_TWICE, outcome: 'found' });
    expect(result.maxImgShareNum).toBe(TEST_DATA.tencent.maxImgShareNum);
  });
});

describe('retries of throttling and transient faults', () => {
  test("'throttle' (4400) twice, then success: 3 requests, the right answer", async () => {
    emulator.injectFaults('throttle', 2);
    const answer = await client().getImageShareUinInfo([SHARED_TWICE]);
    expect(answer.images).toEqual([{ imageId: SHARED_TWICE, shares: expectedShares(SHARED_TWICE) }]);
    expect(emulator.stats.requests).toBe(3);
  });

  test.each<[EmulatorFault, string]>([
    ['internalError', 'code 6000'],
    ['serverError', 'HTTP 503 with an HTML body'],
    ['networkDrop', 'a dropped connection'],
  ])("'%s' (%s) is retried", async (fault) => {
    emulator.injectFaults(fault, 1);
    const answer = await client().getImageShareUinInfo([SHARED_TWICE]);
    expect(answer.images.map((image) => image.imageId)).toEqual([SHARED_TWICE]);
    expect(emulator.stats.requests).toBe(2);
  });

  test('retries exhausted: retries + 1 requests, then the last error is thrown', async () => {
    const retries = 2;
    emulator.injectFaults('throttle', retries);
    emulator.injectFaults('internalError', 1);
    const error = await rejection(client({ retry: { ...FAST_RETRY, retries } }).getImageShareUinInfo([SHARED_TWICE]), TencentApiError);
    expect(error.apiCode).toBe(6000);
    expect(emulator.stats.requests).toBe(retries + 1);
  });

  test('by default, 3 retries: 4 requests', async () => {
    emulator.injectFaults('throttle', DEFAULT_RETRIES + 1);
    const error = await rejection(client().getImageShareUinInfo([SHARED_TWICE]), TencentApiError);
    expect(error.apiCode).toBe(4400);
    expect(emulator.stats.requests).toBe(DEFAULT_RETRIES + 1);
  });

  test('HTTP 503 on every attempt ends in a retryable ResponseInvalidError', async () => {
    emulator.injectFaults('serverError', 2);
    const error = await rejection(client({ retry: { ...FAST_RETRY, retries: 1 } }).getImageShareUinInfo([SHARED_TWICE]), ResponseInvalidError);
    expect(error).toMatchObject({ code: 'InvalidResponse', status: 503, retryable: true });
    expect(emulator.stats.requests).toBe(2);
  });

  test('dropped connections on every attempt end in RequestFailedError', async () => {
    emulator.injectFaults('networkDrop', 2);
    const error = await rejection(client({ retry: { ...FAST_RETRY, retries: 1 } }).getImageShareUinInfo([SHARED_TWICE]), RequestFailedError);
    expect(error).toMatchObject({ code: 'RequestFailed', timedOut: false });
    expect(error.message).toContain(`${emulator.origin}/v2/index.php`);
    expect(emulator.stats.requests).toBe(2);
  });

  test('retries: 0 makes one request only', async () => {
    emulator.injectFaults('throttle', 1);
    await rejection(client({ retry: { ...FAST_RETRY, retries: 0 } }).getImageShareUinInfo([SHARED_TWICE]), TencentApiError);
    expect(emulator.stats.requests).toBe(1);
  });
});

describe('replay refusal (4500)', () => {
  const TEN_MINUTES_MS = 10 * 60_000;

  test('a server clock 10 minutes ahead: re-signed and retried exactly once, then TencentApiError 4500', async () => {
    const skewed = await startTestEmulator({ now: () => Date.now() + TEN_MINUTES_MS });
    try {
      const error = await rejection(client({ endpoint: skewed.origin, retry: { ...FAST_RETRY, retries: 5 } }).getImageShareUinInfo([SHARED_TWICE]), TencentApiError);
      expect(error.apiCode).toBe(4500);
      expect(error.isReplayRefusal).toBe(true);
      expect(skewed.stats.requests).toBe(2);
    } finally {
      await skewed.stop();
    }
  });
});

describe('timeouts', () => {
  const TIMEOUT_MS = 50;
  /** Far above the timeout; the emulator's stop() cuts it short. */
  const SLOW_ANSWER_MS = 10_000;

  test('no answer within timeoutMs: RequestFailedError with code RequestTimeout', async () => {
    emulator.setLatency(SLOW_ANSWER_MS);
    let sent = 0;
    const slowClient = client({ timeoutMs: TIMEOUT_MS, retry: { ...FAST_RETRY, retries: 0 }, onRequest: () => sent++ });
    const error = await rejection(slowClient.getImageShareUinInfo([SHARED_TWICE]), RequestFailedError);
    expect(error).toMatchObject({ code: 'RequestTimeout', timedOut: true, retryable: true, endpoint: `${emulator.origin}/v2/index.php` });
    expect(sent).toBe(1);
  });

  test('a timeout is retried', async () => {
    emulator.setLatency(SLOW_ANSWER_MS);
    let sent = 0;
    const slowClient = client({ timeoutMs: TIMEOUT_MS, retry: { ...FAST_RETRY, retries: 1 }, onRequest: () => sent++ });
    await rejection(slowClient.getImageShareUinInfo([SHARED_TWICE]), RequestFailedError);
    expect(sent).toBe(2);
  });

  test('a GET timeout message names the endpoint without the query (which holds SecretId and Signature)', async () => {
    emulator.setLatency(SLOW_ANSWER_MS);
    const slowClient = client({ httpMethod: 'GET', timeoutMs: TIMEOUT_MS, retry: { ...FAST_RETRY, retries: 0 } });
    const error = await rejection(slowClient.getImageShareUinInfo([SHARED_TWICE]), RequestFailedError);
    expect(error.message).not.toContain(TEST_CREDENTIALS.secretId);
    expect(error.message).not.toContain('Signature');
  });

  // ky's TimeoutError says `Request timed out: GET <full URL>`, query included: it must not be kept as the cause.
  test('a GET timeout error carries neither the SecretId nor the signature, cause included', async () => {
    emulator.setLatency(SLOW_ANSWER_MS);
    const slowClient = client({ httpMethod: 'GET', timeoutMs: TIMEOUT_MS, retry: { ...FAST_RETRY, retries: 0 } });
    const error = await rejection(slowClient.getImageShareUinInfo([SHARED_TWICE]), RequestFailedError);
    const printed = inspect(error);
    expect(printed).not.toContain(TEST_CREDENTIALS.secretId);
    expect(printed).not.toContain('Signature=');
  });
});

describe('bad inputs are refused before any request', () => {
  test('a malformed image ID: the error names it, where it was, and the expected shape', async () => {
    const error = await rejection(client().lookupImageShares([SHARED_TWICE, 'img-JGGGRVA9']), LookupInputError);
    expect(error.input).toBe('imageIds[1]');
    expect(error.message).toContain('"img-JGGGRVA9"');
    expect(error.message).toContain('img- followed by 8 lowercase letters or digits');
    expect(emulator.stats.requests).toBe(0);
  });

  test('a malformed ID in a later batch stops the earlier batches too', async () => {
    const ids = [...unknownImageIds(14), 'ami-12345678'];
    const error = await rejection(client().lookupImageShares(ids), LookupInputError);
    expect(error.input).toBe('imageIds[14]');
    expect(emulator.stats.requests).toBe(0);
  });

  test.each(['', 'img-1234567', 'img-123456789', ' img-jgggrva9', 'IMG-jgggrva9'])('getImageShareUinInfo refuses %j', async (imageId) => {
    const error = await rejection(client().getImageShareUinInfo([imageId]), LookupInputError);
    expect(error.message).toContain(JSON.stringify(imageId));
    expect(emulator.stats.requests).toBe(0);
  });

  test('no credentials at all: the error names both env vars', async () => {
    const noCredentials = new TencentImageShareClient({ region: REGION, endpoint: emulator.origin });
    const error = await rejection(noCredentials.lookupImageShares([SHARED_TWICE]), LookupInputError);
    expect(error.input).toBe('credentials');
    expect(error.message).toContain('TENCENTCLOUD_SECRET_ID');
    expect(error.message).toContain('TENCENTCLOUD_SECRET_KEY');
    expect(emulator.stats.requests).toBe(0);
  });

  test('only the key missing: the error names only the key', async () => {
    const noKey = new TencentImageShareClient({ region: REGION, endpoint: emulator.origin, secretId: TEST_CREDENTIALS.secretId });
    const error = await rejection(noKey.getImageShareUinInfo([SHARED_TWICE]), LookupInputError);
    expect(error.message).toContain('TENCENTCLOUD_SECRET_KEY');
    expect(error.message).not.toContain('TENCENTCLOUD_SECRET_ID');
    expect(error.message).not.toContain(TEST_CREDENTIALS.secretId);
    expect(emulator.stats.requests).toBe(0);
  });

  test('no region: the constructor names the region prop and TENCENTCLOUD_REGION', () => {
    const error = thrown(() => new TencentImageShareClient({ endpoint: emulator.origin, ...TEST_CREDENTIALS }), LookupInputError);
    expect(error.input).toBe('region');
    expect(error.message).toContain('TENCENTCLOUD_REGION');
  });

  test('a malformed region from the env names the env var', () => {
    process.env.TENCENTCLOUD_REGION = 'Guangzhou';
    const error = thrown(() => new TencentImageShareClient({ endpoint: emulator.origin, ...TEST_CREDENTIALS }), LookupInputError);
    expect(error.input).toBe('TENCENTCLOUD_REGION');
    expect(error.message).toContain('"Guangzhou"');
  });

  test('plain http to a non-loopback endpoint is refused, from the prop or the env var', () => {
    const fromProp = thrown(() => client({ endpoint: 'http://image.example.test' }), LookupInputError);
    expect(fromProp.input).toBe('endpoint');
    process.env.TENCENTCLOUD_IMAGE_ENDPOINT = 'http://10.0.0.1:8787';
    const fromEnv = thrown(() => new TencentImageShareClient({ region: REGION, ...TEST_CREDENTIALS }), LookupInputError);
    expect(fromEnv.input).toBe('TENCENTCLOUD_IMAGE_ENDPOINT');
    expect(emulator.stats.requests).toBe(0);
  });

  test.each([
    ['signatureMethod', { signatureMethod: 'HmacMD5' }],
    ['httpMethod', { httpMethod: 'PUT' }],
    ['timeoutMs', { timeoutMs: 0 }],
  ])('a bad %s is refused', (input, overrides) => {
    const error = thrown(() => client(overrides as Partial<TencentImageShareClientOptions>), LookupInputError);
    expect(error.input).toBe(input);
  });
});

describe('precedence: prop, then env var, then default', () => {
  test('region: the prop wins over TENCENTCLOUD_REGION, which is used without a prop', () => {
    process.env.TENCENTCLOUD_REGION = 'ap-shanghai';
    expect(client({ region: REGION }).config.region).toBe(REGION);
    expect(new TencentImageShareClient({ endpoint: emulator.origin }).config.region).toBe('ap-shanghai');
  });

  test('region: an empty TENCENTCLOUD_REGION counts as unset', () => {
    process.env.TENCENTCLOUD_REGION = '';
    expect(thrown(() => new TencentImageShareClient({ endpoint: emulator.origin }), LookupInputError).input).toBe('region');
  });

  test('region from the env reaches the API', async () => {
    process.env.TENCENTCLOUD_REGION = 'ap-shanghai';
    const shanghai = new TencentImageShareClient({ endpoint: emulator.origin, ...TEST_CREDENTIALS });
    const result = await shanghai.lookupImageShares(['img-31tjrtph', SHARED_TWICE]);
    expect(result.images.map((image) => image.outcome)).toEqual(['found', 'notFound']);
  });

  test('endpoint: the vendor default without prop or env var', () => {
    expect(new TencentImageShareClient({ region: REGION }).config.endpoint).toEqual({
      url: 'https://image.api.qcloud.com/v2/index.php', host: 'image.api.qcloud.com', path: '/v2/index.php',
    });
  });

  test('endpoint: TENCENTCLOUD_IMAGE_ENDPOINT is used without a prop, and the prop wins over it', async () => {
    const other = await startTestEmulator();
    try {
      process.env.TENCENTCLOUD_IMAGE_ENDPOINT = other.origin;
      await new TencentImageShareClient({ region: REGION, ...TEST_CREDENTIALS }).getImageShareUinInfo([SHARED_TWICE]);
      expect([other.stats.requests, emulator.stats.requests]).toEqual([1, 0]);

      other.resetStats();
      await new TencentImageShareClient({ region: REGION, ...TEST_CREDENTIALS, endpoint: emulator.origin }).getImageShareUinInfo([SHARED_TWICE]);
      expect([other.stats.requests, emulator.stats.requests]).toEqual([0, 1]);
    } finally {
      await other.stop();
    }
  });

  test('credentials: read from the env vars without props', async () => {
    process.env.TENCENTCLOUD_SECRET_ID = TEST_CREDENTIALS.secretId;
    process.env.TENCENTCLOUD_SECRET_KEY = TEST_CREDENTIALS.secretKey;
    const fromEnv = new TencentImageShareClient({ region: REGION, endpoint: emulator.origin });
    expect(fromEnv.config.credentials()).toEqual({ ...TEST_CREDENTIALS, securityToken: undefined });
    await expect(fromEnv.getImageShareUinInfo([SHARED_TWICE])).resolves.toMatchObject({ imageNum: 1 });
  });

  test('credentials: props win over the env vars', async () => {
    process.env.TENCENTCLOUD_SECRET_ID = 'AKIDnobodyHasThisKey01';
    process.env.TENCENTCLOUD_SECRET_KEY = 'notTheRightKey000001';
    const withProps = client();
    expect(withProps.config.credentials()).toMatchObject(TEST_CREDENTIALS);
    await expect(withProps.getImageShareUinInfo([SHARED_TWICE])).resolves.toMatchObject({ imageNum: 1 });
  });

  test('credentials: a prop SecretId wins even when only the env var is right', async () => {
    process.env.TENCENTCLOUD_SECRET_ID = TEST_CREDENTIALS.secretId;
    process.env.TENCENTCLOUD_SECRET_KEY = TEST_CREDENTIALS.secretKey;
    const wrongProp = new TencentImageShareClient({ region: REGION, endpoint: emulator.origin, secretId: 'AKIDnobodyHasThisKey01', retry: FAST_RETRY });
    const error = await rejection(wrongProp.getImageShareUinInfo([SHARED_TWICE]), TencentApiError);
    expect(error.apiCode).toBe(4104);
  });

  test('the config fingerprint tells SecretIds apart without holding the SecretId or the key', () => {
    const a = client().config.fingerprint;
    const b = client({ secretId: 'AKIDanotherKey000001' }).config.fingerprint;
    expect(a).not.toBe(b);
    for (const fingerprint of [a, b]) {
      expect(fingerprint).not.toContain(TEST_CREDENTIALS.secretId);
      expect(fingerprint).not.toContain('AKIDanotherKey000001');
      expect(fingerprint).not.toContain(TEST_CREDENTIALS.secretKey);
    }
  });
});

describe('temporary credentials (security token)', () => {
  let temporary: Emulator;
  beforeEach(async () => {
    temporary = await startTestEmulator({ data: DATA_WITH_TEMPORARY_KEY });
  });
  afterEach(async () => {
    await temporary.stop();
  });

  function temporaryClient(options: Partial<TencentImageShareClientOptions> = {}): TencentImageShareClient {
    return client({ endpoint: temporary.origin, secretId: TEMPORARY_CREDENTIALS.secretId, secretKey: TEMPORARY_CREDENTIALS.secretKey, ...options });
  }

  test('the securityToken prop is sent and accepted', async () => {
    const answer = await temporaryClient({ securityToken: TEMPORARY_CREDENTIALS.securityToken }).getImageShareUinInfo([SHARED_TWICE]);
    expect(answer.imageNum).toBe(1);
  });

  test('TENCENTCLOUD_SECURITY_TOKEN is sent and accepted', async () => {
    process.env.TENCENTCLOUD_SECURITY_TOKEN = TEMPORARY_CREDENTIALS.securityToken;
    const answer = await temporaryClient().getImageShareUinInfo([SHARED_TWICE]);
    expect(answer.imageNum).toBe(1);
  });

  test('the prop wins over TENCENTCLOUD_SECURITY_TOKEN', async () => {
    process.env.TENCENTCLOUD_SECURITY_TOKEN = 'stale-token';
    const answer = await temporaryClient({ securityToken: TEMPORARY_CREDENTIALS.securityToken }).getImageShareUinInfo([SHARED_TWICE]);
    expect(answer.imageNum).toBe(1);
  });

  test.each([
    ['without a token', undefined],
    ['with another token', 'stale-token'],
  ])('%s: 4105, not retried, the token not in the message', async (_what, securityToken) => {
    const error = await rejection(temporaryClient({ securityToken }).getImageShareUinInfo([SHARED_TWICE]), TencentApiError);
    expect(error.apiCode).toBe(4105);
    expect(temporary.stats.requests).toBe(1);
    expect(error.message).not.toContain(TEMPORARY_CREDENTIALS.securityToken);
    expect(error.message).not.toContain(TEMPORARY_CREDENTIALS.secretId);
  });
});

describe('answers the emulator cannot produce (a canned loopback server)', () => {
  let canned: LoopbackServer | undefined;
  afterEach(async () => {
    await canned?.stop();
    canned = undefined;
  });

  async function cannedClient(answer: CannedResponse, options: Partial<TencentImageShareClientOptions> = {}): Promise<TencentImageShareClient> {
    canned = await startCannedServer(() => answer);
    return client({ endpoint: canned.origin, ...options });
  }

  test('real JSON numbers everywhere (code, counts, UIN) are read like the strings of the official example', async () => {
    const answer = await (await cannedClient({
      body: {
        code: 0, message: '', requestId: 'req-42',
        data: { imageNum: 1, maxImgShareNum: 7, imageList: [{ imageId: SHARED_TWICE, shareUinInfo: [{ uin: 1621874004, shareTimeStamp: '2016-01-13 15:16:53' }] }] },
      },
    })).getImageShareUinInfo([SHARED_TWICE]);
    expect(answer).toEqual({
      imageNum: 1, maxImgShareNum: 7, requestId: 'req-42',
      images: [{ imageId: SHARED_TWICE, shares: [{ uin: '1621874004', sharedAt: '2016-01-13T15:16:53+08:00', shareTimeStamp: '2016-01-13 15:16:53' }] }],
    });
  });

  test('an empty imageList: not found, nothing shared', async () => {
    const lookups = await (await cannedClient({ body: { code: '0', data: { imageNum: '0', maxImgShareNum: '50', imageList: [] } } }))
      .lookupImageShares([SHARED_TWICE]);
    expect(lookups.images).toEqual([{ imageId: SHARED_TWICE, outcome: 'notFound' }]);
  });

  // Not found only when a well-formed imageList leaves the image out: a null list is not one.
  test('a null imageList: an InvalidResponse naming the field, with the call; not retried, never "not found"', async () => {
    const lookups = await (await cannedClient({ body: { code: '0', data: { imageNum: '0', maxImgShareNum: '50', imageList: null } } }))
      .lookupImageShares([SHARED_TWICE]);
    expect(lookups.images).toEqual([{ imageId: SHARED_TWICE, outcome: 'error', error: expect.any(ResponseInvalidError) }]);
    const { error } = lookups.images[0] as { error: ResponseInvalidError };
    expect(error).toMatchObject({ code: 'InvalidResponse', field: 'data.imageList', retryable: false, status: 200, attempt: 1 });
    expect(error.message).toContain(`${canned!.origin}/v2/index.php`);
    expect(error.message).toContain(SHARED_TWICE);
    expect(canned!.requests).toHaveLength(1);
  });

  test('an API error carries its requestId and message', async () => {
    const error = await rejection((await cannedClient({ body: { code: 4102, message: 'no access', codeDesc: 'UnauthorizedOperation', requestId: 'req-7' } }))
      .getImageShareUinInfo([SHARED_TWICE]), TencentApiError);
    expect(error.details).toMatchObject({ apiCode: 4102, requestId: 'req-7', apiMessage: 'no access UnauthorizedOperation' });
    expect(error.message).toContain('RequestId req-7');
    expect(canned!.requests).toHaveLength(1);
  });

  test.each<[string, CannedResponse]>([
    ['code 0 without data', { body: { code: '0', message: '' } }],
    ['code 0 with data of the wrong shape', { body: { code: 0, data: { imageNum: 'many', maxImgShareNum: '50' } } }],
    ['JSON without a code', { body: { data: { imageNum: '0', maxImgShareNum: '50' } } }],
    ['a code that is not a number', { body: { code: 'OK' } }],
    ['code 0 with HTTP 404', { status: 404, body: { code: 0, data: { imageNum: '0', maxImgShareNum: '50' } } }],
  ])('%s: ResponseInvalidError, not retried', async (_what, answer) => {
    const error = await rejection((await cannedClient(answer)).getImageShareUinInfo([SHARED_TWICE]), ResponseInvalidError);
    expect(error).toMatchObject({ code: 'InvalidResponse', retryable: false, status: answer.status ?? 200 });
    expect(canned!.requests).toHaveLength(1);
  });

  test('HTTP 502 with a JSON body is retried, then ends in a ResponseInvalidError', async () => {
    const retries = 2;
    const error = await rejection((await cannedClient({ status: 502, body: { code: 0 } }, { retry: { ...FAST_RETRY, retries } }))
      .getImageShareUinInfo([SHARED_TWICE]), ResponseInvalidError);
    expect(error).toMatchObject({ status: 502, retryable: true });
    expect(canned!.requests).toHaveLength(retries + 1);
  });
});
