import { LookupInputError } from '../../src/engine/errors';
import type { Emulator } from '../../src/emulator';
import { ResponseInvalidError } from '../../src/http/errors';
import { TencentApiError, TencentImageShareClient, type TencentImageShareClientOptions } from '../../src/tencent-image-shares';
import { describeClientContract } from '../support/client-contract';
import { isolateEnv } from '../support/fixtures';
import { cannedServers, paramsOf, startRecordingProxy, type CannedResponse, type LoopbackServer, type RecordedRequest } from '../support/loopback-http';
import { rejection } from '../support/expect-errors';
import { cloudUnderTest as TENCENT } from './cloud-under-test';
import { OFFICIAL_EXAMPLE_SHARES_PARSED, startTestEmulator, TEST_CREDENTIALS, TEST_DATA } from './fixtures';

const REGION = 'ap-guangzhou';
/** A region the emulator data does not have: the API answers 4000. */
const UNKNOWN_REGION = 'ap-beijing';
const ACTION = 'GetImageShareUinInfo';
const MAX_IDS_PER_CALL = 10;
/** Tiny backoff so retried tests stay fast; no test measures time. */
const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5 };

const SHARED_TWICE = 'img-jgggrva9';
const SHARED_ONCE = 'img-6pb6lrmy';
const SHARED_WITH_NOBODY = 'img-2xk9q7dm';
const GUANGZHOU_IMAGES = TEST_DATA.tencent.regions[REGION] as Record<string, ReadonlyArray<{ uin: string; shareTimeStamp: string }>>;

const unknownImageIds = TENCENT.unknownImageIds;

// Retries, faults, timeouts, refusals, secrets, tokens and batching: what every signed client does.
describeClientContract(TENCENT);

isolateEnv();

describe('TencentImageShareClient', () => {
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
          ? { imageId, outcome: 'found', value: { imageId, shares: expectedShares(imageId) }, endpoint: `${proxy.origin}/v2/index.php` }
          : { imageId, outcome: 'notFound', endpoint: `${proxy.origin}/v2/index.php` })));
        expect(result.images.filter((image) => image.outcome === 'found').map((image) => image.imageId)).toEqual([SHARED_TWICE, SHARED_ONCE, SHARED_WITH_NOBODY]);
        expect(result.images.find((image) => image.imageId === SHARED_WITH_NOBODY)).toEqual({ imageId: SHARED_WITH_NOBODY, outcome: 'found', value: { imageId: SHARED_WITH_NOBODY, shares: [] }, endpoint: `${proxy.origin}/v2/index.php` });
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
  });

  describe('getImageShareUinInfo: the answer, normalized', () => {
    test('numbers sent as strings become numbers; UINs stay strings; times get an ISO form and keep their raw text', async () => {
      const answer = await client().getImageShareUinInfo([SHARED_TWICE, SHARED_ONCE, 'img-zzzzzzzz']);
      expect(answer).toEqual({
        imageNum: 2,
        maxImgShareNum: 50,
        images: [
          { imageId: SHARED_TWICE, shares: OFFICIAL_EXAMPLE_SHARES_PARSED },
          { imageId: SHARED_ONCE, shares: [{ uin: '3000000001', sharedAt: '2024-03-04T10:21:08+08:00', shareTimeStamp: '2024-03-04 10:21:08' }] },
        ],
        requestId: undefined,
      });
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
  });

  describe('API errors of this API', () => {
    test('4000 (a region the API does not know): one request, a TencentApiError naming the call', async () => {
      const imageIds = [SHARED_TWICE, SHARED_ONCE];
      const error = await rejection(client({ region: UNKNOWN_REGION }).getImageShareUinInfo(imageIds), TencentApiError);
      expect(error).toMatchObject({ code: 'TencentApiError', apiCode: 4000, retryable: false });
      expect(error.details).toMatchObject({ apiCode: 4000, action: ACTION, region: UNKNOWN_REGION, imageIds });
      expect(error.message).toContain('4000');
      expect(error.message).toContain(SHARED_TWICE);
      expect(emulator.stats.requests).toBe(1);
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

    test('lookupImageShares keeps the account quota of the calls that succeeded when another call runs out of retries', async () => {
      emulator.injectFaults('serverError', 2); // the first call's two attempts
      const result = await client({ concurrency: 1, retry: { ...FAST_RETRY, retries: 1 } }).lookupImageShares([...unknownImageIds(10), SHARED_TWICE]);
      expect(result.images[10]).toMatchObject({ imageId: SHARED_TWICE, outcome: 'found' });
      expect(result.maxImgShareNum).toBe(TEST_DATA.tencent.maxImgShareNum);
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

    test.each(['', 'img-1234567', 'img-123456789', ' img-jgggrva9', 'IMG-jgggrva9'])('getImageShareUinInfo refuses %j', async (imageId) => {
      const error = await rejection(client().getImageShareUinInfo([imageId]), LookupInputError);
      expect(error.message).toContain(JSON.stringify(imageId));
      expect(emulator.stats.requests).toBe(0);
    });
  });

  describe('answers the emulator cannot produce (a canned loopback server)', () => {
    const startCanned = cannedServers();
    let canned: LoopbackServer | undefined;

    async function cannedClient(answer: CannedResponse, options: Partial<TencentImageShareClientOptions> = {}): Promise<TencentImageShareClient> {
      canned = await startCanned(() => answer);
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
      expect(lookups.images).toEqual([{ imageId: SHARED_TWICE, outcome: 'notFound', endpoint: `${canned!.origin}/v2/index.php` }]);
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
});
