import { inspect } from 'node:util';
import { AliyunVodApiError, AliyunVodImageClient, type AliyunVodImageClientOptions, type VodImageInfo } from '../../src/aliyun-vod-images';
import { Emulator, type EmulatorDataInput, type EmulatorFault } from '../../src/emulator';
import { LookupInputError } from '../../src/engine/errors';
import { RequestFailedError, ResponseInvalidError } from '../../src/http/errors';
import { isolateEnv } from '../support/fixtures';
import { paramsOf, startCannedServer, startRecordingProxy, type LoopbackServer } from '../support/loopback-http';
import { rejection, thrown } from '../support/expect-errors';
import { withoutProxyEnv } from '../support/proxy-env';

const REGION = 'cn-shanghai';
/** Tiny backoff so retried tests stay fast; no test measures time. */
const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5 };
const DEFAULT_RETRIES = 3;
const MAX_IDS_PER_CALL = 20;

/** Made-up keys: they open nothing but the emulator. */
const KEY = { accessKeyId: 'LTAIclientTestKey0001', accessKeySecret: 'clientTestSecret0001' };
/** An STS key: requests must carry its token. */
const STS = { accessKeyId: 'STS.clientTestTemporary01', accessKeySecret: 'stsClientSecret0001', securityToken: 'sts-client-session-token-0001' };
const STS_KEY = { accessKeyId: STS.accessKeyId, accessKeySecret: STS.accessKeySecret };

const STORAGE = 'outin-bfefbb90a1b2c3d4e5f6163e1c7426.oss-cn-shanghai.aliyuncs.com';
/** Shaped like the seed's OriginalFileName: a signed OSS URL. Expires=1590982353 is 2020-06-01T03:32:33Z. */
const SIGNED_ORIGINAL_BASE = `https://${STORAGE}/image/default/5E84CD536ABCDEF0D4DAD.png`;
const SIGNED_ORIGINAL = `${SIGNED_ORIGINAL_BASE}?Expires=1590982353&OSSAccessKeyId=LTAIseedOssKey01&Signature=ALPET74oSeedExample%3D`;

/** Like the seed's example: FileSize a number, ImageType "default", no Status, a signed URL as OriginalFileName. */
const SEED_ID = '3e34733b40b9a96ccf5c1ff6f69aaaaa';
const SEED = {
  Title: 'this is a sample',
  Description: '测试描述',
  ImageType: 'default',
  Tags: 'tag1,tag2,tag3',
  CateId: 254766071,
  CateName: '测试',
  AppId: 'app-1000000',
  StorageLocation: STORAGE,
  CreationTime: '2018-11-21T02:37:23Z',
  Mezzanine: { FileSize: 8932, Width: 200, Height: 200, OriginalFileName: SIGNED_ORIGINAL },
};
/** FileSize as a string, as the field table and the SDK type it; tags with spaces. */
const COVER_ID = 'bbc65bba53f90a1b2c3d4ed90de118a7';
const COVER = {
  Title: '春季新品封面',
  ImageType: 'cover',
  Status: 'Normal',
  Tags: 'cover, launch ,',
  CateId: 17,
  StorageLocation: STORAGE,
  CreationTime: '2025-03-02T08:15:00Z',
  Mezzanine: { FileSize: '524288', Width: 1920, Height: 1080, OriginalFileName: 'spring-cover.png' },
};
/** No fields: the emulator still gives the ID and URLs (in its default bucket). */
const BARE_ID = '0123456789abcdef0123456789abcdef';

/** More known images, for the batch tests. */
const EXTRA_IDS = Array.from({ length: 5 }, (_, index) => `aaaaaaaaaaaaaaaaaaaaaaaa${String(index).padStart(8, '0')}`);
/** Well-formed IDs the emulator does not know. */
function unknownImageIds(count: number, prefix = 'f'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix.repeat(24)}${String(index).padStart(8, '0')}`);
}
const UNKNOWN_ID = unknownImageIds(1, 'e')[0];

const DATA: EmulatorDataInput = {
  credentials: { aliyun: [KEY, STS] },
  aliyun: {
    images: {
      [SEED_ID]: SEED,
      [COVER_ID]: COVER,
      [BARE_ID]: {},
      ...Object.fromEntries(EXTRA_IDS.map((id, index) => [id, { Title: `extra ${index}`, Status: 'Normal' }])),
    },
  },
};
const KNOWN_IDS = new Set([SEED_ID, COVER_ID, BARE_ID, ...EXTRA_IDS]);

/**
The emulator's clock, fixed so URL expiries are exact. It is the wall clock at load (whole seconds):
the client signs with the real time, which must stay within VOD's 15-minute window of it.
*/
const NOW_MS = Math.floor(Date.now() / 1000) * 1000;
const NOW_S = NOW_MS / 1000;
/** The emulator's URL lifetimes without AuthTimeout: OSS's documented 3600 s; 1800 s for CDN. */
const EMULATOR_OSS_LIFETIME = 3600;
const EMULATOR_CDN_LIFETIME = 1800;
const EMULATOR_CDN_HOST = 'cdn.example-vod.com';
const EMULATOR_DEFAULT_STORAGE = 'outin-00000000000000000000000000emulator.oss-cn-shanghai.aliyuncs.com';
const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

function isoAt(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function cdnBase(imageId: string): string {
  return `https://${EMULATOR_CDN_HOST}/image/default/${imageId}.png`;
}

function ossBase(imageId: string, storage = STORAGE): string {
  return `https://${storage}/image/default/${imageId}.png`;
}

/** The client's normalized view of the seed-like image with default options (cdn, signatures removed). */
const SEED_EXPECTED: VodImageInfo = {
  imageId: SEED_ID,
  title: 'this is a sample',
  description: '测试描述',
  imageType: 'default',
  status: undefined,
  tags: ['tag1', 'tag2', 'tag3'],
  appId: 'app-1000000',
  categoryId: 254766071,
  categoryName: '测试',
  creationTime: '2018-11-21T02:37:23Z',
  storageLocation: STORAGE,
  url: { url: cdnBase(SEED_ID), signatureRemoved: true, expiresAt: isoAt(NOW_S + EMULATOR_CDN_LIFETIME) },
  mezzanine: {
    sizeBytes: 8932,
    width: 200,
    height: 200,
    fileUrl: { url: ossBase(SEED_ID), signatureRemoved: true, expiresAt: isoAt(NOW_S + EMULATOR_OSS_LIFETIME) },
    originalFileName: { url: SIGNED_ORIGINAL_BASE, signatureRemoved: true, expiresAt: '2020-06-01T03:32:33Z' },
  },
};

isolateEnv();
withoutProxyEnv();

let emulator: Emulator;
beforeEach(async () => {
  emulator = await Emulator.start({ data: DATA, now: () => NOW_MS });
});
afterEach(async () => {
  await emulator.stop();
});

/** A client that reaches `endpoint` (the emulator by default) with the test key and tiny backoff. */
function client(options: Partial<AliyunVodImageClientOptions> = {}): AliyunVodImageClient {
  return new AliyunVodImageClient({ region: REGION, endpoint: emulator.origin, ...KEY, retry: FAST_RETRY, ...options });
}



/** Runs `body` with a recording proxy in front of the emulator. */
async function withProxy<T>(body: (proxy: LoopbackServer) => Promise<T>): Promise<T> {
  const proxy = await startRecordingProxy(emulator.origin);
  try {
    return await body(proxy);
  } finally {
    await proxy.stop();
  }
}

describe('getImageInfo', () => {
  test('a known image: every field normalized (FileSize number, tags split, ISO time, URLs reduced)', async () => {
    const info = await client().getImageInfo(SEED_ID);
    expect(info).toEqual(SEED_EXPECTED);
    expect(info?.status).toBeUndefined();
    expect(emulator.stats).toEqual({ requests: 1, byAction: { GetImageInfo: 1 } });
  });

  test('FileSize given as a string becomes a number; tags are trimmed and empty ones dropped', async () => {
    const info = await client().getImageInfo(COVER_ID);
    expect(info).toMatchObject({
      imageId: COVER_ID, title: '春季新品封面', imageType: 'cover', status: 'Normal', tags: ['cover', 'launch'],
      categoryId: 17, creationTime: '2025-03-02T08:15:00Z',
      mezzanine: { sizeBytes: 524288, width: 1920, height: 1080, originalFileName: { url: 'spring-cover.png', signatureRemoved: false } },
    });
    expect(typeof info?.mezzanine?.sizeBytes).toBe('number');
  });

  test('an image with no fields: the ID, empty tags and the URLs only', async () => {
    const info = await client().getImageInfo(BARE_ID);
    expect(info).toEqual({
      imageId: BARE_ID, tags: [],
      url: { url: cdnBase(BARE_ID), signatureRemoved: true, expiresAt: isoAt(NOW_S + EMULATOR_CDN_LIFETIME) },
      mezzanine: { fileUrl: { url: ossBase(BARE_ID, EMULATOR_DEFAULT_STORAGE), signatureRemoved: true, expiresAt: isoAt(NOW_S + EMULATOR_OSS_LIFETIME) } },
    });
  });

  test('NoSuchResource: undefined, after one request (not retried)', async () => {
    await expect(client({ retry: { ...FAST_RETRY, retries: 5 } }).getImageInfo(UNKNOWN_ID)).resolves.toBeUndefined();
    expect(emulator.stats).toEqual({ requests: 1, byAction: { GetImageInfo: 1 } });
  });

  test('onRequest is called once per HTTP request, retries included', async () => {
    let sent = 0;
    emulator.injectFaults('throttle', 2);
    await client({ onRequest: () => sent++ }).getImageInfo(SEED_ID);
    expect(sent).toBe(3);
    expect(emulator.stats.requests).toBe(3);
  });
});

describe('getImageInfos', () => {
  test('found images and NonExistImageIds, in one call', async () => {
    const answer = await client().getImageInfos([COVER_ID, UNKNOWN_ID, SEED_ID]);
    expect(answer.images.map((image) => image.imageId)).toEqual([COVER_ID, SEED_ID]);
    expect(answer.images[1]).toEqual(SEED_EXPECTED);
    expect(answer.nonExistImageIds).toEqual([UNKNOWN_ID]);
    expect(answer.requestId).toMatch(REQUEST_ID);
    expect(emulator.stats).toEqual({ requests: 1, byAction: { GetImageInfos: 1 } });
  });

  test('the IDs are sent comma-separated in ImageIds', async () => {
    await withProxy(async (proxy) => {
      await client({ endpoint: proxy.origin }).getImageInfos([SEED_ID, UNKNOWN_ID]);
      expect(paramsOf(proxy.requests[0]).get('ImageIds')).toBe(`${SEED_ID},${UNKNOWN_ID}`);
      expect(paramsOf(proxy.requests[0]).get('Action')).toBe('GetImageInfos');
    });
  });

  test('20 IDs take one call', async () => {
    const answer = await client().getImageInfos(unknownImageIds(MAX_IDS_PER_CALL));
    expect(answer.nonExistImageIds).toHaveLength(MAX_IDS_PER_CALL);
    expect(emulator.stats.requests).toBe(1);
  });

  test.each([0, MAX_IDS_PER_CALL + 1])('%i IDs are refused with a RangeError naming lookupImages, before any request', async (count) => {
    const error = await rejection(client().getImageInfos(unknownImageIds(count)), RangeError);
    expect(error.message).toContain('lookupImages');
    expect(emulator.stats.requests).toBe(0);
  });
});

describe('lookupImages: deduplicated, batched by 20, every ID reported', () => {
  /** 41 distinct IDs: the 8 known ones spread over the three calls. */
  const UNKNOWN = unknownImageIds(33);
  const UNIQUE = [
    UNKNOWN[0], SEED_ID, ...UNKNOWN.slice(1, 10), COVER_ID, ...UNKNOWN.slice(10, 18), EXTRA_IDS[0],
    ...UNKNOWN.slice(18, 25), BARE_ID, EXTRA_IDS[1], ...UNKNOWN.slice(25, 33), EXTRA_IDS[2], EXTRA_IDS[3], EXTRA_IDS[4],
  ];
  /** 45 IDs: the 41 with 4 repeats mixed in. */
  const REQUESTED = [...UNIQUE.slice(0, 5), SEED_ID, ...UNIQUE.slice(5, 22), UNKNOWN[0], COVER_ID, ...UNIQUE.slice(22), EXTRA_IDS[4]];
  const EXPECTED_CALLS = Math.ceil(UNIQUE.length / MAX_IDS_PER_CALL);

  test('the fixture has 45 IDs, 41 distinct, 8 known, in three calls', () => {
    expect(REQUESTED).toHaveLength(45);
    expect(new Set(REQUESTED).size).toBe(41);
    expect([...new Set(REQUESTED)]).toEqual(UNIQUE);
    expect(UNIQUE.filter((id) => KNOWN_IDS.has(id))).toHaveLength(8);
    expect(EXPECTED_CALLS).toBe(3);
  });

  test('one outcome per distinct ID in first-seen order: found ones normalized, others notFound', async () => {
    await withProxy(async (proxy) => {
      const outcomes = await client({ endpoint: proxy.origin }).lookupImages(REQUESTED);

      expect(outcomes.map((outcome) => outcome.imageId)).toEqual(UNIQUE);
      expect(outcomes.map((outcome) => outcome.outcome)).toEqual(UNIQUE.map((id) => (KNOWN_IDS.has(id) ? 'found' : 'notFound')));
      expect(outcomes.find((outcome) => outcome.imageId === SEED_ID)).toEqual({ imageId: SEED_ID, outcome: 'found', image: SEED_EXPECTED });
      expect(outcomes.find((outcome) => outcome.imageId === UNKNOWN[0])).toEqual({ imageId: UNKNOWN[0], outcome: 'notFound' });

      expect(emulator.stats).toEqual({ requests: EXPECTED_CALLS, byAction: { GetImageInfos: EXPECTED_CALLS } });
      // Each call carries at most 20 IDs, and every distinct ID is asked for exactly once.
      const idsPerCall = proxy.requests.map((request) => paramsOf(request).get('ImageIds')!.split(','));
      for (const ids of idsPerCall) expect(ids.length).toBeLessThanOrEqual(MAX_IDS_PER_CALL);
      expect(idsPerCall.flat().sort()).toEqual([...UNIQUE].sort());
    });
  });

  test('exactly 20 distinct IDs take one call, 21 take two', async () => {
    await client().lookupImages(unknownImageIds(MAX_IDS_PER_CALL));
    expect(emulator.stats.byAction).toEqual({ GetImageInfos: 1 });
    emulator.resetStats();
    await client().lookupImages(unknownImageIds(MAX_IDS_PER_CALL + 1));
    expect(emulator.stats.byAction).toEqual({ GetImageInfos: 2 });
  });

  test('a failing call marks only its own IDs as errors; the other calls are found', async () => {
    const retries = 1;
    // With concurrency 1 the calls run in order: the first call's every attempt meets a 503.
    emulator.injectFaults('serverError', retries + 1);
    const outcomes = await client({ concurrency: 1, retry: { ...FAST_RETRY, retries } }).lookupImages(REQUESTED);

    expect(outcomes.map((outcome) => outcome.imageId)).toEqual(UNIQUE);
    const firstCall = new Set(UNIQUE.slice(0, MAX_IDS_PER_CALL));
    for (const outcome of outcomes) {
      if (firstCall.has(outcome.imageId)) {
        expect(outcome.outcome).toBe('error');
        const { error } = outcome as { error: unknown };
        expect(error).toBeInstanceOf(ResponseInvalidError);
        expect(error).toMatchObject({ status: 503, retryable: true });
      } else {
        expect(outcome.outcome).toBe(KNOWN_IDS.has(outcome.imageId) ? 'found' : 'notFound');
      }
    }
    // Known images in the later calls are whole.
    expect(outcomes.find((outcome) => outcome.imageId === BARE_ID)).toMatchObject({ outcome: 'found', image: { imageId: BARE_ID } });
    expect(outcomes.filter((outcome) => outcome.outcome === 'found').map((outcome) => outcome.imageId))
      .toEqual(UNIQUE.slice(MAX_IDS_PER_CALL).filter((id) => KNOWN_IDS.has(id)));
    expect(emulator.stats.requests).toBe(retries + 1 + (EXPECTED_CALLS - 1));
  });

  test('an API error in one call is recorded on each of its IDs', async () => {
    emulator.injectFaults('throttle', 1);
    const outcomes = await client({ concurrency: 1, retry: { ...FAST_RETRY, retries: 0 } }).lookupImages(unknownImageIds(25));
    expect(outcomes.slice(0, MAX_IDS_PER_CALL).every((outcome) => outcome.outcome === 'error')).toBe(true);
    expect(outcomes.slice(MAX_IDS_PER_CALL).every((outcome) => outcome.outcome === 'notFound')).toBe(true);
    const error = (outcomes[0] as { error: unknown }).error as AliyunVodApiError;
    expect(error).toBeInstanceOf(AliyunVodApiError);
    expect(error.apiCode).toBe('Throttling.User');
    expect(error.details.imageIds).toEqual(unknownImageIds(MAX_IDS_PER_CALL));
  });

  test('a malformed ID anywhere stops every call: the error names its index', async () => {
    const ids = [...unknownImageIds(30), SEED_ID.toUpperCase()];
    const error = await rejection(client().lookupImages(ids), LookupInputError);
    expect(error.input).toBe('imageIds[30]');
    expect(error.message).toContain(JSON.stringify(SEED_ID.toUpperCase()));
    expect(emulator.stats.requests).toBe(0);
  });

  test('no credentials: one error up front, no request', async () => {
    const noCredentials = new AliyunVodImageClient({ region: REGION, endpoint: emulator.origin });
    const error = await rejection(noCredentials.lookupImages(unknownImageIds(45)), LookupInputError);
    expect(error.input).toBe('credentials');
    expect(emulator.stats.requests).toBe(0);
  });
});

describe('signed URLs', () => {
  test('by default URL, FileURL and a URL-shaped OriginalFileName keep scheme, host and path, with their expiry', async () => {
    const info = (await client().getImageInfo(SEED_ID))!;
    expect(info.url).toEqual({ url: cdnBase(SEED_ID), signatureRemoved: true, expiresAt: isoAt(NOW_S + EMULATOR_CDN_LIFETIME) });
    expect(info.mezzanine?.fileUrl).toEqual({ url: ossBase(SEED_ID), signatureRemoved: true, expiresAt: isoAt(NOW_S + EMULATOR_OSS_LIFETIME) });
    expect(info.mezzanine?.originalFileName).toEqual({ url: SIGNED_ORIGINAL_BASE, signatureRemoved: true, expiresAt: '2020-06-01T03:32:33Z' });
  });

  test.each(['cdn', 'oss'] as const)('by default no signature is left anywhere in the result (%s)', async (outputType) => {
    const printed = JSON.stringify([
      await client({ outputType }).getImageInfo(SEED_ID),
      await client({ outputType }).getImageInfos([SEED_ID, COVER_ID]),
      await client({ outputType }).lookupImages([SEED_ID, BARE_ID]),
    ]);
    expect(printed).toContain(SEED_ID);
    for (const fragment of ['Signature=', 'auth_key=', 'OSSAccessKeyId', 'Expires=', '?']) expect(printed).not.toContain(fragment);
  });

  test('keepSignedUrls: the URLs come back whole, signature included', async () => {
    const info = (await client({ keepSignedUrls: true }).getImageInfo(SEED_ID))!;
    const cdnExpiry = NOW_S + EMULATOR_CDN_LIFETIME;
    const ossExpiry = NOW_S + EMULATOR_OSS_LIFETIME;
    expect(info.url).toEqual({ url: expect.stringMatching(new RegExp(`^${escape(cdnBase(SEED_ID))}\\?auth_key=${cdnExpiry}-0-0-[0-9a-f]{32}$`)), signatureRemoved: false, expiresAt: isoAt(cdnExpiry) });
    expect(info.mezzanine?.fileUrl).toEqual({
      url: expect.stringMatching(new RegExp(`^${escape(ossBase(SEED_ID))}\\?Expires=${ossExpiry}&OSSAccessKeyId=\\w+&Signature=[A-Za-z0-9%]+$`)),
      signatureRemoved: false, expiresAt: isoAt(ossExpiry),
    });
    expect(info.mezzanine?.originalFileName).toEqual({ url: SIGNED_ORIGINAL, signatureRemoved: false, expiresAt: '2020-06-01T03:32:33Z' });
  });

  test('keepSignedUrls applies to lookupImages too', async () => {
    const [outcome] = await client({ keepSignedUrls: true }).lookupImages([SEED_ID]);
    expect(outcome).toMatchObject({ outcome: 'found', image: { url: { signatureRemoved: false, url: expect.stringContaining('?auth_key=') } } });
  });
});

describe('outputType and authTimeout', () => {
  test('oss: the image URL is the origin (OSS) one, 3600 s by default', async () => {
    const info = (await client({ outputType: 'oss' }).getImageInfo(SEED_ID))!;
    expect(info.url).toEqual({ url: ossBase(SEED_ID), signatureRemoved: true, expiresAt: isoAt(NOW_S + EMULATOR_OSS_LIFETIME) });
  });

  test('cdn (the default): the image URL is the CDN one', async () => {
    const info = (await client({ outputType: 'cdn' }).getImageInfo(SEED_ID))!;
    expect(info.url?.url).toBe(cdnBase(SEED_ID));
  });

  test.each(['cdn', 'oss'] as const)('%s with authTimeout 600: both URLs expire at now + 600', async (outputType) => {
    const info = (await client({ outputType, authTimeout: 600 }).getImageInfo(SEED_ID))!;
    expect(info.url?.url).toBe(outputType === 'cdn' ? cdnBase(SEED_ID) : ossBase(SEED_ID));
    expect(info.url?.expiresAt).toBe(isoAt(NOW_S + 600));
    expect(info.mezzanine?.fileUrl?.expiresAt).toBe(isoAt(NOW_S + 600));
  });

  test('OutputType and AuthTimeout are sent as given; no AuthTimeout without the prop', async () => {
    await withProxy(async (proxy) => {
      await client({ endpoint: proxy.origin, outputType: 'oss', authTimeout: 600 }).getImageInfo(SEED_ID);
      await client({ endpoint: proxy.origin }).getImageInfos([SEED_ID]);
      const [withTimeout, withDefaults] = proxy.requests.map(paramsOf);
      expect(withTimeout.get('OutputType')).toBe('oss');
      expect(withTimeout.get('AuthTimeout')).toBe('600');
      expect(withDefaults.get('OutputType')).toBe('cdn');
      expect(withDefaults.has('AuthTimeout')).toBe(false);
    });
  });

  test('oss accepts the 30-day maximum', async () => {
    const info = (await client({ outputType: 'oss', authTimeout: 2_592_000 }).getImageInfo(SEED_ID))!;
    expect(info.url?.expiresAt).toBe(isoAt(NOW_S + 2_592_000));
  });

  test('cdn has no maximum: 2592001 s is sent and honoured', async () => {
    const info = (await client({ outputType: 'cdn', authTimeout: 2_592_001 }).getImageInfo(SEED_ID))!;
    expect(info.url?.expiresAt).toBe(isoAt(NOW_S + 2_592_001));
  });
});

describe('HTTP methods', () => {
  test.each(['GET', 'POST'] as const)('%s is accepted and gives the same answer', async (httpMethod) => {
    await withProxy(async (proxy) => {
      await expect(client({ endpoint: proxy.origin, httpMethod }).getImageInfo(SEED_ID)).resolves.toEqual(SEED_EXPECTED);
      await expect(client({ endpoint: proxy.origin, httpMethod }).getImageInfos([SEED_ID])).resolves.toMatchObject({ images: [SEED_EXPECTED] });
      expect(proxy.requests.map((request) => request.method)).toEqual([httpMethod, httpMethod]);
    });
  });

  test('the default is POST, which keeps AccessKeyId and Signature out of the URL (in a form body)', async () => {
    await withProxy(async (proxy) => {
      await client({ endpoint: proxy.origin }).getImageInfo(SEED_ID);
      const [request] = proxy.requests;
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/');
      expect(request.url).not.toContain(KEY.accessKeyId);
      expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
      const body = new URLSearchParams(request.body);
      expect(body.get('AccessKeyId')).toBe(KEY.accessKeyId);
      expect(body.get('Signature')).toBeTruthy();
      expect(body.get('SignatureMethod')).toBe('HMAC-SHA1');
      expect(body.get('Format')).toBe('JSON');
    });
  });

  test('GET, by contrast, puts them in the URL', async () => {
    await withProxy(async (proxy) => {
      await client({ endpoint: proxy.origin, httpMethod: 'GET' }).getImageInfo(SEED_ID);
      const url = new URL(proxy.requests[0].url, 'http://recorded');
      expect(url.pathname).toBe('/');
      expect(url.searchParams.get('AccessKeyId')).toBe(KEY.accessKeyId);
      expect(url.searchParams.get('Signature')).toBeTruthy();
    });
  });

  test('every attempt is signed afresh: nonces and signatures differ between retries', async () => {
    await withProxy(async (proxy) => {
      emulator.injectFaults('throttle', 2);
      await client({ endpoint: proxy.origin }).getImageInfo(SEED_ID);
      const sent = proxy.requests.map(paramsOf);
      expect(sent).toHaveLength(3);
      expect(new Set(sent.map((params) => params.get('SignatureNonce'))).size).toBe(3);
      expect(new Set(sent.map((params) => params.get('Signature'))).size).toBe(3);
    });
  });
});

describe('API errors that are never retried', () => {
  test.each<[string, string, number, Partial<AliyunVodImageClientOptions>]>([
    ['SignatureDoesNotMatch (signed with the wrong secret)', 'SignatureDoesNotMatch', 400, { accessKeySecret: 'notTheRightSecret0001' }],
    ['InvalidAccessKeyId.NotFound (unknown key)', 'InvalidAccessKeyId.NotFound', 404, { accessKeyId: 'LTAInobodyHasThisKey1' }],
  ])('%s: one request, an AliyunVodApiError with the details', async (_what, apiCode, status, overrides) => {
    await withProxy(async (proxy) => {
      const options = { endpoint: proxy.origin, retry: { ...FAST_RETRY, retries: 5 }, ...overrides };
      const error = await rejection(client(options).getImageInfo(SEED_ID), AliyunVodApiError);

      expect(error.code).toBe('AliyunVodApiError');
      expect(error.apiCode).toBe(apiCode);
      expect(error.retryable).toBe(false);
      expect(error.needsResign).toBe(false);
      expect(error.details).toMatchObject({ apiCode, status, action: 'GetImageInfo', region: REGION, imageIds: [SEED_ID], hostId: new URL(proxy.origin).host });
      expect(error.details.requestId).toMatch(REQUEST_ID);
      expect(error.message).toContain(error.details.requestId!);
      expect(error.message).toContain(apiCode);
      expect(error.message).toContain(SEED_ID);
      // An auth failure points at the credential env vars.
      expect(error.message).toContain('ALICLOUD_ACCESS_KEY');
      expect(emulator.stats.requests).toBe(1);

      // Neither the secret nor the signature sent is in the error.
      const sent = paramsOf(proxy.requests[0]);
      for (const secret of [options.accessKeySecret ?? KEY.accessKeySecret, sent.get('Signature')!]) {
        expect(error.message).not.toContain(secret);
        expect(inspect(error)).not.toContain(secret);
      }
    });
  });

  test('InvalidAccessKeyId.NotFound: the AccessKeyId is not in the error', async () => {
    const accessKeyId = 'LTAInobodyHasThisKey1';
    const error = await rejection(client({ accessKeyId }).getImageInfo(SEED_ID), AliyunVodApiError);
    expect(error.apiCode).toBe('InvalidAccessKeyId.NotFound');
    expect(error.message).not.toContain(accessKeyId);
    expect(inspect(error)).not.toContain(accessKeyId);
  });

  // VOD's SignatureDoesNotMatch Message echoes the server's string to sign, AccessKeyId and SecurityToken included.
  test('SignatureDoesNotMatch: the AccessKeyId and the STS token are not in the error', async () => {
    const error = await rejection(client({ ...STS, accessKeySecret: 'notTheRightSecret0001' }).getImageInfo(SEED_ID), AliyunVodApiError);
    expect(error.apiCode).toBe('SignatureDoesNotMatch');
    for (const secret of [STS.securityToken, STS.accessKeyId]) {
      expect(error.message).not.toContain(secret);
      expect(inspect(error)).not.toContain(secret);
    }
  });

  test('GetImageInfos errors name their action and every ID of the call', async () => {
    const imageIds = [SEED_ID, COVER_ID, UNKNOWN_ID];
    const error = await rejection(client({ accessKeyId: 'LTAInobodyHasThisKey1' }).getImageInfos(imageIds), AliyunVodApiError);
    expect(error.details).toMatchObject({ action: 'GetImageInfos', imageIds, region: REGION });
    for (const id of imageIds) expect(error.message).toContain(id);
    expect(emulator.stats.requests).toBe(1);
  });

  test('lookupImages: an auth refusal marks every ID, and calls not started yet are not sent', async () => {
    const outcomes = await client({ accessKeySecret: 'notTheRightSecret0001', concurrency: 1 }).lookupImages(unknownImageIds(30));
    expect(outcomes.map((outcome) => outcome.imageId)).toEqual(unknownImageIds(30));
    for (const outcome of outcomes) {
      expect(outcome.outcome).toBe('error');
      expect((outcome as { error: AliyunVodApiError }).error.apiCode).toBe('SignatureDoesNotMatch');
    }
    // With concurrency 1 the second call waits for the first; after a refusal no retry can fix, it is not sent.
    expect(emulator.stats.requests).toBe(1);
  });
});

describe('retries of throttling and transient faults', () => {
  test("'throttle' (Throttling.User) twice, then success: 3 requests, the right answer", async () => {
    emulator.injectFaults('throttle', 2);
    await expect(client().getImageInfo(SEED_ID)).resolves.toEqual(SEED_EXPECTED);
    expect(emulator.stats.requests).toBe(3);
  });

  test.each<[EmulatorFault, string]>([
    ['internalError', 'InternalError, HTTP 500'],
    ['serverError', 'HTTP 503 with an HTML body'],
    ['networkDrop', 'a dropped connection'],
  ])("'%s' (%s) is retried", async (fault) => {
    emulator.injectFaults(fault, 1);
    await expect(client().getImageInfo(SEED_ID)).resolves.toEqual(SEED_EXPECTED);
    expect(emulator.stats.requests).toBe(2);
  });

  test('GetImageInfos is retried the same way', async () => {
    emulator.injectFaults('internalError', 1);
    emulator.injectFaults('throttle', 1);
    await expect(client().getImageInfos([SEED_ID])).resolves.toMatchObject({ images: [SEED_EXPECTED] });
    expect(emulator.stats.byAction).toEqual({ GetImageInfos: 3 });
  });

  test('retries exhausted: retries + 1 requests, then the last error is thrown', async () => {
    const retries = 2;
    emulator.injectFaults('throttle', retries);
    emulator.injectFaults('internalError', 1);
    const error = await rejection(client({ retry: { ...FAST_RETRY, retries } }).getImageInfo(SEED_ID), AliyunVodApiError);
    expect(error.apiCode).toBe('InternalError');
    expect(error.details.status).toBe(500);
    expect(error.retryable).toBe(true);
    expect(emulator.stats.requests).toBe(retries + 1);
  });

  test('by default, 3 retries: 4 requests', async () => {
    emulator.injectFaults('throttle', DEFAULT_RETRIES + 1);
    const error = await rejection(client().getImageInfo(SEED_ID), AliyunVodApiError);
    expect(error.apiCode).toBe('Throttling.User');
    expect(error.details.status).toBe(400);
    expect(emulator.stats.requests).toBe(DEFAULT_RETRIES + 1);
  });

  test('HTTP 503 on every attempt ends in a retryable ResponseInvalidError', async () => {
    emulator.injectFaults('serverError', 2);
    const error = await rejection(client({ retry: { ...FAST_RETRY, retries: 1 } }).getImageInfo(SEED_ID), ResponseInvalidError);
    expect(error).toMatchObject({ code: 'InvalidResponse', status: 503, retryable: true });
    expect(emulator.stats.requests).toBe(2);
  });

  test('dropped connections on every attempt end in RequestFailedError naming the endpoint only', async () => {
    emulator.injectFaults('networkDrop', 2);
    const error = await rejection(client({ httpMethod: 'GET', retry: { ...FAST_RETRY, retries: 1 } }).getImageInfo(SEED_ID), RequestFailedError);
    expect(error).toMatchObject({ code: 'RequestFailed', timedOut: false });
    expect(error.message).toContain(`${emulator.origin}/`);
    expect(inspect(error)).not.toContain(KEY.accessKeyId);
    expect(inspect(error)).not.toContain('Signature=');
    expect(emulator.stats.requests).toBe(2);
  });

  test('retries: 0 makes one request only', async () => {
    emulator.injectFaults('throttle', 1);
    await rejection(client({ retry: { ...FAST_RETRY, retries: 0 } }).getImageInfo(SEED_ID), AliyunVodApiError);
    expect(emulator.stats.requests).toBe(1);
  });
});

describe('InvalidTimeStamp.Expired', () => {
  test('a server clock 20 minutes ahead: re-signed and retried exactly once, then AliyunVodApiError', async () => {
    const skewed = await Emulator.start({ data: DATA, now: () => Date.now() + 20 * 60_000 });
    try {
      const skewedClient = client({ endpoint: skewed.origin, retry: { ...FAST_RETRY, retries: 5 } });
      const error = await rejection(skewedClient.getImageInfo(SEED_ID), AliyunVodApiError);
      expect(error.apiCode).toBe('InvalidTimeStamp.Expired');
      expect(error.needsResign).toBe(true);
      expect(skewed.stats.requests).toBe(2);
    } finally {
      await skewed.stop();
    }
  });
});

describe('STS credentials (security token)', () => {
  test('the securityToken prop is sent and accepted', async () => {
    await withProxy(async (proxy) => {
      await expect(client({ endpoint: proxy.origin, ...STS }).getImageInfo(SEED_ID)).resolves.toEqual(SEED_EXPECTED);
      expect(paramsOf(proxy.requests[0]).get('SecurityToken')).toBe(STS.securityToken);
    });
  });

  test('ALICLOUD_SECURITY_TOKEN, with the ALICLOUD_* key, is sent and accepted', async () => {
    process.env.ALICLOUD_ACCESS_KEY = STS.accessKeyId;
    process.env.ALICLOUD_SECRET_KEY = STS.accessKeySecret;
    process.env.ALICLOUD_SECURITY_TOKEN = STS.securityToken;
    const fromEnv = new AliyunVodImageClient({ region: REGION, endpoint: emulator.origin, retry: FAST_RETRY });
    await expect(fromEnv.getImageInfo(SEED_ID)).resolves.toEqual(SEED_EXPECTED);
  });

  test('ALIBABA_CLOUD_SECURITY_TOKEN, with the ALIBABA_CLOUD_* key, is sent and accepted', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = STS.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = STS.accessKeySecret;
    process.env.ALIBABA_CLOUD_SECURITY_TOKEN = STS.securityToken;
    const fromEnv = new AliyunVodImageClient({ region: REGION, endpoint: emulator.origin, retry: FAST_RETRY });
    await expect(fromEnv.getImageInfo(SEED_ID)).resolves.toEqual(SEED_EXPECTED);
  });

  test('the securityToken prop wins over ALICLOUD_SECURITY_TOKEN', async () => {
    process.env.ALICLOUD_ACCESS_KEY = STS.accessKeyId;
    process.env.ALICLOUD_SECRET_KEY = STS.accessKeySecret;
    process.env.ALICLOUD_SECURITY_TOKEN = 'stale-token';
    const withProp = new AliyunVodImageClient({ region: REGION, endpoint: emulator.origin, securityToken: STS.securityToken, retry: FAST_RETRY });
    await expect(withProp.getImageInfo(SEED_ID)).resolves.toEqual(SEED_EXPECTED);
  });

  test('a plain key sends no SecurityToken', async () => {
    await withProxy(async (proxy) => {
      await client({ endpoint: proxy.origin }).getImageInfo(SEED_ID);
      expect(paramsOf(proxy.requests[0]).has('SecurityToken')).toBe(false);
    });
  });

  test.each([
    ['without a token', undefined],
    ['with another token', 'stale-token'],
  ])('%s: InvalidSecurityToken.Mismatch, not retried, no token in the error', async (_what, securityToken) => {
    const error = await rejection(client({ ...STS_KEY, securityToken, retry: { ...FAST_RETRY, retries: 5 } }).getImageInfo(SEED_ID), AliyunVodApiError);
    expect(error.apiCode).toBe('InvalidSecurityToken.Mismatch');
    expect(error.retryable).toBe(false);
    expect(emulator.stats.requests).toBe(1);
    expect(error.message).toContain('ALICLOUD_SECURITY_TOKEN');
    for (const secret of [STS.securityToken, 'stale-token', STS.accessKeySecret]) expect(inspect(error)).not.toContain(secret);
  });
});

describe('bad inputs are refused before any request', () => {
  test.each(['', '3E34733B40B9A96CCF5C1FF6F69AAAAA', '3e34733b40b9a96ccf5c1ff6f69aaaa', '3e34733b40b9a96ccf5c1ff6f69aaaaa0', ' 3e34733b40b9a96ccf5c1ff6f69aaaaa', '3e34733b40b*****9a96ccf5c1ff6f69'])(
    'getImageInfo refuses %j: the error names the ID and the expected shape', async (imageId) => {
      const error = await rejection(client().getImageInfo(imageId), LookupInputError);
      expect(error.input).toBe('imageId');
      expect(error.message).toContain(JSON.stringify(imageId));
      expect(error.message).toContain('32 lowercase hexadecimal digits');
      expect(emulator.stats.requests).toBe(0);
    });

  test('getImageInfos names the index of the bad ID', async () => {
    const error = await rejection(client().getImageInfos([SEED_ID, 'not-an-id']), LookupInputError);
    expect(error.input).toBe('imageIds[1]');
    expect(error.message).toContain('"not-an-id"');
    expect(emulator.stats.requests).toBe(0);
  });

  test.each<[number, 'oss' | 'cdn']>([
    [0, 'oss'], [1.5, 'oss'], [2_592_001, 'oss'], [-1, 'oss'], [Number.NaN, 'oss'],
    [0, 'cdn'], [1.5, 'cdn'],
  ])('authTimeout %p with %s is refused, naming authTimeout', (authTimeout, outputType) => {
    const error = thrown(() => client({ authTimeout, outputType }), LookupInputError);
    expect(error.input).toBe('authTimeout');
    expect(error.message).toContain('authTimeout');
    expect(emulator.stats.requests).toBe(0);
  });

  test('2592001 with cdn (no maximum) is allowed', () => {
    expect(client({ authTimeout: 2_592_001, outputType: 'cdn' }).config.authTimeout).toBe(2_592_001);
    expect(client({ authTimeout: 2_592_001 }).config.outputType).toBe('cdn');
  });

  test.each([
    ['outputType', { outputType: 'CDN' }],
    ['outputType', { outputType: 'https' }],
    ['httpMethod', { httpMethod: 'PUT' }],
    ['timeoutMs', { timeoutMs: 0 }],
  ])('a bad %s (%j) is refused', (input, overrides) => {
    const error = thrown(() => client(overrides as Partial<AliyunVodImageClientOptions>), LookupInputError);
    expect(error.input).toBe(input);
  });

  test('an unknown region without endpoint: the error lists the known regions and the way out', () => {
    const error = thrown(() => new AliyunVodImageClient({ region: 'me-east-1', ...KEY }), LookupInputError);
    expect(error.input).toBe('region');
    for (const region of ['cn-beijing', 'cn-shanghai', 'cn-shenzhen', 'cn-hongkong', 'ap-northeast-1', 'ap-southeast-1', 'ap-southeast-5', 'eu-central-1', 'us-west-1']) {
      expect(error.message).toContain(region);
    }
    expect(error.message).toContain('me-east-1');
    expect(error.message).toContain('ALICLOUD_VOD_ENDPOINT');
  });

  test('an unknown region from ALICLOUD_REGION names the env var', () => {
    process.env.ALICLOUD_REGION = 'me-east-1';
    expect(thrown(() => new AliyunVodImageClient({ ...KEY }), LookupInputError).input).toBe('ALICLOUD_REGION');
  });

  test('any region works with the endpoint prop; ALICLOUD_VOD_ENDPOINT alone does not vouch for an unknown region', async () => {
    const withProp = client({ region: 'me-east-1' });
    await expect(withProp.getImageInfo(SEED_ID)).resolves.toEqual(SEED_EXPECTED);
    process.env.ALICLOUD_VOD_ENDPOINT = emulator.origin;
    const withEnvOnly = thrown(() => new AliyunVodImageClient({ region: 'me-east-1', ...KEY, retry: FAST_RETRY }), LookupInputError);
    expect(withEnvOnly.input).toBe('region');
    expect(withEnvOnly.message).toContain('endpoint prop');
    const knownRegion = new AliyunVodImageClient({ region: REGION, ...KEY, retry: FAST_RETRY });
    await expect(knownRegion.getImageInfo(SEED_ID)).resolves.toEqual(SEED_EXPECTED);
    expect(emulator.stats.requests).toBe(2);
  });

  test('no region at all: names the region prop and ALICLOUD_REGION', () => {
    const error = thrown(() => new AliyunVodImageClient({ endpoint: emulator.origin, ...KEY }), LookupInputError);
    expect(error.input).toBe('region');
    expect(error.message).toContain('ALICLOUD_REGION');
  });

  test('a malformed region is refused', () => {
    expect(thrown(() => client({ region: 'Shanghai' }), LookupInputError).input).toBe('region');
  });

  test('no credentials: the error names ALICLOUD_* and the ALIBABA_CLOUD_* alternatives', async () => {
    const noCredentials = new AliyunVodImageClient({ region: REGION, endpoint: emulator.origin });
    const error = await rejection(noCredentials.getImageInfo(SEED_ID), LookupInputError);
    expect(error.input).toBe('credentials');
    for (const name of ['ALICLOUD_ACCESS_KEY', 'ALICLOUD_SECRET_KEY', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET']) {
      expect(error.message).toContain(name);
    }
    expect(error.message).toContain('AccessKey ID');
    expect(emulator.stats.requests).toBe(0);
  });

  test('only the key ID: the error says the secret is missing and does not repeat the ID', async () => {
    const noSecret = new AliyunVodImageClient({ region: REGION, endpoint: emulator.origin, accessKeyId: KEY.accessKeyId });
    const error = await rejection(noSecret.getImageInfos([SEED_ID]), LookupInputError);
    expect(error.message).toContain('no AccessKey secret');
    expect(error.message).not.toContain(KEY.accessKeyId);
    expect(emulator.stats.requests).toBe(0);
  });

  test('plain http to a non-loopback endpoint is refused, from the prop or the env var', () => {
    expect(thrown(() => client({ endpoint: 'http://vod.example.test' }), LookupInputError).input).toBe('endpoint');
    process.env.ALICLOUD_VOD_ENDPOINT = 'http://10.0.0.1:8787';
    expect(thrown(() => new AliyunVodImageClient({ region: REGION, ...KEY }), LookupInputError).input).toBe('ALICLOUD_VOD_ENDPOINT');
    expect(emulator.stats.requests).toBe(0);
  });

  test('https to any host is accepted as an endpoint', () => {
    expect(client({ endpoint: 'https://vod-vpc.cn-shanghai.aliyuncs.com' }).config.endpoint.url).toBe('https://vod-vpc.cn-shanghai.aliyuncs.com/');
  });
});

describe('answers the emulator cannot produce (a canned loopback server)', () => {
  let canned: LoopbackServer | undefined;
  afterEach(async () => {
    await canned?.stop();
    canned = undefined;
  });

  async function cannedClient(body: unknown, status = 200): Promise<AliyunVodImageClient> {
    canned = await startCannedServer(() => ({ status, body }));
    return client({ endpoint: canned.origin });
  }

  test('a partial answer: the image neither returned nor listed is an error naming it and the call; the others keep their answers', async () => {
    const outcomes = await (await cannedClient({ RequestId: 'REQ-PARTIAL', ImageInfo: [{ ImageId: SEED_ID }], NonExistImageIds: [UNKNOWN_ID] }))
      .lookupImages([SEED_ID, UNKNOWN_ID, COVER_ID]);
    expect(outcomes.map((outcome) => outcome.outcome)).toEqual(['found', 'notFound', 'error']);
    const { error } = outcomes[2] as { error: ResponseInvalidError };
    expect(error).toBeInstanceOf(ResponseInvalidError);
    expect(error).toMatchObject({ code: 'InvalidResponse', field: 'ImageInfo', retryable: false, requestId: 'REQ-PARTIAL', context: { imageIds: [COVER_ID] } });
    for (const part of ['Alibaba Cloud VOD', 'GetImageInfos', REGION, `${canned!.origin}/`, COVER_ID, 'RequestId REQ-PARTIAL']) expect(error.message).toContain(part);
    expect(error.message).not.toContain(SEED_ID);
    expect(canned!.requests).toHaveLength(1);
  });

  test('getImageInfos, which returns a whole answer, throws on a partial one', async () => {
    const error = await rejection((await cannedClient({ ImageInfo: [{ ImageId: SEED_ID }] })).getImageInfos([SEED_ID, COVER_ID]), ResponseInvalidError);
    expect(error).toMatchObject({ field: 'ImageInfo', context: { imageIds: [COVER_ID] } });
  });

  test('getImageInfo: an answer for another image is an InvalidResponse, not retried', async () => {
    const error = await rejection((await cannedClient({ RequestId: 'R', ImageInfo: { ImageId: COVER_ID } })).getImageInfo(SEED_ID), ResponseInvalidError);
    expect(error).toMatchObject({ code: 'InvalidResponse', field: 'ImageInfo.ImageId', retryable: false, context: { action: 'GetImageInfo', imageIds: [SEED_ID] } });
    expect(canned!.requests).toHaveLength(1);
  });

  test('an error body with HTTP 200 is the API\'s error, classified by its Code (Throttling.User: retried)', async () => {
    const vod = await cannedClient({ RequestId: 'REQ-T', HostId: 'vod.cn-shanghai.aliyuncs.com', Code: 'Throttling.User', Message: 'flow control' });
    const error = await rejection(vod.getImageInfos([SEED_ID]), AliyunVodApiError);
    expect(error).toMatchObject({ apiCode: 'Throttling.User', retryable: true, requestId: 'REQ-T', attempt: DEFAULT_RETRIES + 1, details: { status: 200 } });
    expect(canned!.requests).toHaveLength(DEFAULT_RETRIES + 1);
  });
});

describe('precedence: prop, then env var, then default', () => {
  const WRONG = { accessKeyId: 'LTAInobodyHasThisKey1', accessKeySecret: 'notTheRightSecret0001' };

  function envClient(options: Partial<AliyunVodImageClientOptions> = {}): AliyunVodImageClient {
    return new AliyunVodImageClient({ region: REGION, endpoint: emulator.origin, retry: FAST_RETRY, ...options });
  }

  test('credentials: props win over ALICLOUD_*', async () => {
    process.env.ALICLOUD_ACCESS_KEY = WRONG.accessKeyId;
    process.env.ALICLOUD_SECRET_KEY = WRONG.accessKeySecret;
    const withProps = envClient(KEY);
    expect(withProps.config.credentials()).toMatchObject(KEY);
    await expect(withProps.getImageInfo(SEED_ID)).resolves.toEqual(SEED_EXPECTED);
  });

  test('credentials: a wrong prop wins even when the env vars are right', async () => {
    process.env.ALICLOUD_ACCESS_KEY = KEY.accessKeyId;
    process.env.ALICLOUD_SECRET_KEY = KEY.accessKeySecret;
    const error = await rejection(envClient(WRONG).getImageInfo(SEED_ID), AliyunVodApiError);
    expect(error.apiCode).toBe('InvalidAccessKeyId.NotFound');
  });

  test('credentials: ALICLOUD_* wins over ALIBABA_CLOUD_*', async () => {
    process.env.ALICLOUD_ACCESS_KEY = KEY.accessKeyId;
    process.env.ALICLOUD_SECRET_KEY = KEY.accessKeySecret;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = WRONG.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = WRONG.accessKeySecret;
    const fromEnv = envClient();
    expect(fromEnv.config.credentials()).toMatchObject(KEY);
    await expect(fromEnv.getImageInfo(SEED_ID)).resolves.toEqual(SEED_EXPECTED);
  });

  test('credentials: ALIBABA_CLOUD_* is used without ALICLOUD_*', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = KEY.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = KEY.accessKeySecret;
    const fromEnv = envClient();
    expect(fromEnv.config.credentials()).toEqual({ ...KEY, securityToken: undefined });
    await expect(fromEnv.getImageInfo(SEED_ID)).resolves.toEqual(SEED_EXPECTED);
  });

  test('a family is taken whole: ALICLOUD_ACCESS_KEY with only ALIBABA_CLOUD_ACCESS_KEY_SECRET is a missing secret', async () => {
    process.env.ALICLOUD_ACCESS_KEY = KEY.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = KEY.accessKeySecret;
    const error = await rejection(envClient().getImageInfo(SEED_ID), LookupInputError);
    expect(error.input).toBe('credentials');
    expect(error.message).toContain('no AccessKey secret');
    expect(emulator.stats.requests).toBe(0);
  });

  test('a family is taken whole: ALIBABA_CLOUD_ACCESS_KEY_ID with only ALICLOUD_SECRET_KEY is a missing secret', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = KEY.accessKeyId;
    process.env.ALICLOUD_SECRET_KEY = KEY.accessKeySecret;
    const error = await rejection(envClient().getImageInfo(SEED_ID), LookupInputError);
    expect(error.message).toContain('no AccessKey secret');
    expect(emulator.stats.requests).toBe(0);
  });

  test('props are a family too: an accessKeyId prop with the secret only in the env is a missing secret', async () => {
    process.env.ALICLOUD_ACCESS_KEY = KEY.accessKeyId;
    process.env.ALICLOUD_SECRET_KEY = KEY.accessKeySecret;
    const error = await rejection(envClient({ accessKeyId: KEY.accessKeyId }).getImageInfo(SEED_ID), LookupInputError);
    expect(error.message).toContain('no AccessKey secret');
    expect(emulator.stats.requests).toBe(0);
  });

  test('region: the prop wins over ALICLOUD_REGION, which is used without a prop', () => {
    process.env.ALICLOUD_REGION = 'cn-beijing';
    expect(client({ region: REGION }).config.region).toBe(REGION);
    expect(new AliyunVodImageClient({ endpoint: emulator.origin }).config.region).toBe('cn-beijing');
  });

  test('region: an empty ALICLOUD_REGION counts as unset', () => {
    process.env.ALICLOUD_REGION = '';
    expect(thrown(() => new AliyunVodImageClient({ endpoint: emulator.origin }), LookupInputError).input).toBe('region');
  });

  test('region reaches the error details', async () => {
    process.env.ALICLOUD_REGION = 'cn-beijing';
    const error = await rejection(new AliyunVodImageClient({ endpoint: emulator.origin, ...WRONG }).getImageInfo(SEED_ID), AliyunVodApiError);
    expect(error.details.region).toBe('cn-beijing');
    expect(error.message).toContain('cn-beijing');
  });

  test('endpoint: the region table without prop or env var', () => {
    expect(new AliyunVodImageClient({ region: 'cn-shanghai' }).config.endpoint).toEqual({
      url: 'https://vod.cn-shanghai.aliyuncs.com/', host: 'vod.cn-shanghai.aliyuncs.com', path: '/',
    });
    process.env.ALICLOUD_REGION = 'eu-central-1';
    expect(new AliyunVodImageClient({}).config.endpoint.url).toBe('https://vod.eu-central-1.aliyuncs.com/');
  });

  test('endpoint: ALICLOUD_VOD_ENDPOINT wins over the table, the prop over both', async () => {
    const other = await Emulator.start({ data: DATA, now: () => NOW_MS });
    try {
      process.env.ALICLOUD_VOD_ENDPOINT = other.origin;
      const fromEnv = new AliyunVodImageClient({ region: REGION, ...KEY });
      expect(fromEnv.config.endpoint.url).toBe(`${other.origin}/`);
      await fromEnv.getImageInfo(SEED_ID);
      expect([other.stats.requests, emulator.stats.requests]).toEqual([1, 0]);

      other.resetStats();
      const fromProp = new AliyunVodImageClient({ region: REGION, ...KEY, endpoint: emulator.origin });
      expect(fromProp.config.endpoint.url).toBe(`${emulator.origin}/`);
      await fromProp.getImageInfo(SEED_ID);
      expect([other.stats.requests, emulator.stats.requests]).toEqual([0, 1]);
    } finally {
      await other.stop();
    }
  });

  test('an empty ALICLOUD_VOD_ENDPOINT counts as unset', () => {
    process.env.ALICLOUD_VOD_ENDPOINT = '';
    expect(new AliyunVodImageClient({ region: REGION }).config.endpoint.url).toBe('https://vod.cn-shanghai.aliyuncs.com/');
  });

  test('the config fingerprint tells keys apart without holding the key ID or the secret', () => {
    const a = client().config.fingerprint;
    const b = client(WRONG).config.fingerprint;
    expect(a).not.toBe(b);
    for (const fingerprint of [a, b]) {
      for (const secret of [KEY.accessKeyId, KEY.accessKeySecret, WRONG.accessKeyId, WRONG.accessKeySecret]) expect(fingerprint).not.toContain(secret);
    }
  });
});

/** Escapes a literal for a RegExp. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
