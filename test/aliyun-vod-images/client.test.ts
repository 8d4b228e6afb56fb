import { AliyunVodApiError, AliyunVodImageClient, type AliyunVodImageClientOptions, type VodImageInfo } from '../../src/aliyun-vod-images';
import { Emulator, type EmulatorDataInput } from '../../src/emulator';
import { LookupInputError } from '../../src/engine/errors';
import { ResponseInvalidError } from '../../src/http/errors';
import { describeClientContract } from '../support/client-contract';
import { isolateEnv } from '../support/fixtures';
import { cannedServers, paramsOf, startRecordingProxy, type LoopbackServer } from '../support/loopback-http';
import { rejection } from '../support/expect-errors';
import { cloudUnderTest as VOD } from './cloud-under-test';
import {
  BARE_ID, COVER_ID, SEED_LIKE_ID as SEED_ID, SEED_NORMALIZED, SEED_NORMALIZED_MEZZANINE, SEED_ORIGINAL_BASE as SIGNED_ORIGINAL_BASE,
  SEED_ORIGINAL_EXPIRES_AT, SEED_ORIGINAL_SIGNED as SIGNED_ORIGINAL, SEED_STORAGE as STORAGE, VOD_TEST_CREDENTIALS as KEY, VOD_TEST_DATA,
} from './fixtures';

const REGION = 'cn-shanghai';
/** Tiny backoff so retried tests stay fast; no test measures time. */
const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5 };
const DEFAULT_RETRIES = 3;
const MAX_IDS_PER_CALL = 20;

/** More known images, for the batch tests. */
const EXTRA_IDS = Array.from({ length: 5 }, (_, index) => `aaaaaaaaaaaaaaaaaaaaaaaa${String(index).padStart(8, '0')}`);
/** Well-formed IDs the emulator does not know. */
function unknownImageIds(count: number, prefix = 'f'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix.repeat(24)}${String(index).padStart(8, '0')}`);
}
const UNKNOWN_ID = unknownImageIds(1, 'e')[0];

const DATA: EmulatorDataInput = {
  ...VOD_TEST_DATA,
  aliyun: {
    images: {
      ...VOD_TEST_DATA.aliyun.images,
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

/**
The client's normalized view of the seed-like image with default options (cdn, signatures removed):
no expiry on any URL, as it would change on every fetch (toEqual fails on an extra defined key).
*/
const SEED_EXPECTED: VodImageInfo = {
  ...SEED_NORMALIZED,
  imageId: SEED_ID,
  appId: 'app-1000000',
  storageLocation: STORAGE,
  url: { url: cdnBase(SEED_ID), signatureRemoved: true },
  mezzanine: {
    ...SEED_NORMALIZED_MEZZANINE,
    fileUrl: { url: ossBase(SEED_ID), signatureRemoved: true },
    originalFileName: { url: SIGNED_ORIGINAL_BASE, signatureRemoved: true },
  },
};

// Retries, faults, timeouts, refusals, secrets, tokens and batching: what every signed client does.
describeClientContract(VOD);

isolateEnv();

describe('AliyunVodImageClient', () => {
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
        url: { url: cdnBase(BARE_ID), signatureRemoved: true },
        mezzanine: { fileUrl: { url: ossBase(BARE_ID, EMULATOR_DEFAULT_STORAGE), signatureRemoved: true } },
      });
    });

    test('NoSuchResource: undefined, after one request (not retried)', async () => {
      await expect(client({ retry: { ...FAST_RETRY, retries: 5 } }).getImageInfo(UNKNOWN_ID)).resolves.toBeUndefined();
      expect(emulator.stats).toEqual({ requests: 1, byAction: { GetImageInfo: 1 } });
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
        expect(outcomes.find((outcome) => outcome.imageId === SEED_ID)).toEqual({ imageId: SEED_ID, outcome: 'found', value: SEED_EXPECTED, endpoint: `${proxy.origin}/` });
        expect(outcomes.find((outcome) => outcome.imageId === UNKNOWN[0])).toEqual({ imageId: UNKNOWN[0], outcome: 'notFound', endpoint: `${proxy.origin}/` });

        expect(emulator.stats).toEqual({ requests: EXPECTED_CALLS, byAction: { GetImageInfos: EXPECTED_CALLS } });
        // Each call carries at most 20 IDs, and every distinct ID is asked for exactly once.
        const idsPerCall = proxy.requests.map((request) => paramsOf(request).get('ImageIds')!.split(','));
        for (const ids of idsPerCall) expect(ids.length).toBeLessThanOrEqual(MAX_IDS_PER_CALL);
        expect(idsPerCall.flat().sort()).toEqual([...UNIQUE].sort());
      });
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
      expect(outcomes.find((outcome) => outcome.imageId === BARE_ID)).toMatchObject({ outcome: 'found', value: { imageId: BARE_ID } });
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
  });

  describe('signed URLs', () => {
    test('by default URL, FileURL and a URL-shaped OriginalFileName keep scheme, host and path, and no expiry', async () => {
      const info = (await client().getImageInfo(SEED_ID))!;
      expect(info.url).toStrictEqual({ url: cdnBase(SEED_ID), signatureRemoved: true });
      expect(info.mezzanine?.fileUrl).toStrictEqual({ url: ossBase(SEED_ID), signatureRemoved: true });
      expect(info.mezzanine?.originalFileName).toStrictEqual({ url: SIGNED_ORIGINAL_BASE, signatureRemoved: true });
    });

    test('by default two fetches of an unchanged image give equal values; with keepSignedUrls the URLs differ', async () => {
      // A clock the test moves: the image stays the same, only the time of the fetch changes (as on a daily refresh).
      let clockMs = NOW_MS;
      const moving = await Emulator.start({ data: DATA, now: () => clockMs });
      try {
        const fetchTwice = async (options: Partial<AliyunVodImageClientOptions>) => {
          const vod = client({ endpoint: moving.origin, ...options });
          const first = await vod.lookupImages([SEED_ID, COVER_ID, BARE_ID]);
          clockMs += 5 * 60_000; // inside VOD's 15-minute window for the request's own timestamp
          const second = await vod.lookupImages([SEED_ID, COVER_ID, BARE_ID]);
          return [first, second] as const;
        };
        const [first, second] = await fetchTwice({});
        expect(first.map((outcome) => outcome.outcome)).toEqual(['found', 'found', 'found']);
        expect(second).toStrictEqual(first);
        expect(JSON.stringify(first)).not.toContain('expiresAt');

        const [signedFirst, signedSecond] = await fetchTwice({ keepSignedUrls: true });
        const urlsOf = (outcomes: typeof signedFirst) => outcomes.map((outcome) => (outcome as { value: VodImageInfo }).value.url);
        const [before, after] = [urlsOf(signedFirst), urlsOf(signedSecond)];
        for (const index of [0, 1, 2]) {
          expect(after[index]!.url).not.toBe(before[index]!.url);
          expect(after[index]!.expiresAt).not.toBe(before[index]!.expiresAt);
        }
        expect(moving.stats.requests).toBe(4);
      } finally {
        await moving.stop();
      }
    });

    test.each(['cdn', 'oss'] as const)('by default no signature is left anywhere in the result (%s)', async (outputType) => {
      const printed = JSON.stringify([
        await client({ outputType }).getImageInfo(SEED_ID),
        await client({ outputType }).getImageInfos([SEED_ID, COVER_ID]),
        await client({ outputType }).lookupImages([SEED_ID, BARE_ID]),
      ]);
      expect(printed).toContain(SEED_ID);
      for (const fragment of ['Signature=', 'auth_key=', 'OSSAccessKeyId', 'Expires=', '?', 'expiresAt']) expect(printed).not.toContain(fragment);
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
      expect(info.mezzanine?.originalFileName).toEqual({ url: SIGNED_ORIGINAL, signatureRemoved: false, expiresAt: SEED_ORIGINAL_EXPIRES_AT });
    });

    test('keepSignedUrls applies to lookupImages too', async () => {
      const [outcome] = await client({ keepSignedUrls: true }).lookupImages([SEED_ID]);
      expect(outcome).toMatchObject({ outcome: 'found', value: { url: { signatureRemoved: false, url: expect.stringContaining('?auth_key=') } } });
    });
  });

  describe('outputType and authTimeout', () => {
    test('oss: the image URL is the origin (OSS) one, 3600 s by default', async () => {
      expect((await client({ outputType: 'oss' }).getImageInfo(SEED_ID))!.url).toStrictEqual({ url: ossBase(SEED_ID), signatureRemoved: true });
      // The expiry is read only from a URL kept whole.
      const signed = (await client({ outputType: 'oss', keepSignedUrls: true }).getImageInfo(SEED_ID))!;
      expect(signed.url?.url.startsWith(`${ossBase(SEED_ID)}?Expires=`)).toBe(true);
      expect(signed.url?.expiresAt).toBe(isoAt(NOW_S + EMULATOR_OSS_LIFETIME));
    });

    test('cdn: 1800 s by default in the emulator', async () => {
      const signed = (await client({ outputType: 'cdn', keepSignedUrls: true }).getImageInfo(SEED_ID))!;
      expect(signed.url?.expiresAt).toBe(isoAt(NOW_S + EMULATOR_CDN_LIFETIME));
      expect(signed.mezzanine?.fileUrl?.expiresAt).toBe(isoAt(NOW_S + EMULATOR_OSS_LIFETIME));
    });

    test('cdn (the default): the image URL is the CDN one', async () => {
      const info = (await client({ outputType: 'cdn' }).getImageInfo(SEED_ID))!;
      expect(info.url?.url).toBe(cdnBase(SEED_ID));
    });

    test.each(['cdn', 'oss'] as const)('%s with authTimeout 600 (keepSignedUrls): both URLs expire at now + 600', async (outputType) => {
      const info = (await client({ outputType, authTimeout: 600, keepSignedUrls: true }).getImageInfo(SEED_ID))!;
      expect(info.url?.url.startsWith(`${outputType === 'cdn' ? cdnBase(SEED_ID) : ossBase(SEED_ID)}?`)).toBe(true);
      expect(info.url?.expiresAt).toBe(isoAt(NOW_S + 600));
      expect(info.mezzanine?.fileUrl?.expiresAt).toBe(isoAt(NOW_S + 600));
      // Without keepSignedUrls the same answer keeps the stable URLs only.
      const stable = (await client({ outputType, authTimeout: 600 }).getImageInfo(SEED_ID))!;
      expect(stable.url).toStrictEqual({ url: outputType === 'cdn' ? cdnBase(SEED_ID) : ossBase(SEED_ID), signatureRemoved: true });
      expect(stable.mezzanine?.fileUrl).toStrictEqual({ url: ossBase(SEED_ID), signatureRemoved: true });
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
      const info = (await client({ outputType: 'oss', authTimeout: 2_592_000, keepSignedUrls: true }).getImageInfo(SEED_ID))!;
      expect(info.url?.expiresAt).toBe(isoAt(NOW_S + 2_592_000));
    });

    test('cdn has no maximum: 2592001 s is sent and honoured', async () => {
      const info = (await client({ outputType: 'cdn', authTimeout: 2_592_001, keepSignedUrls: true }).getImageInfo(SEED_ID))!;
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

    test('the defaults are POST, HMAC-SHA1 and JSON', async () => {
      await withProxy(async (proxy) => {
        await client({ endpoint: proxy.origin }).getImageInfo(SEED_ID);
        const [request] = proxy.requests;
        expect(request.method).toBe('POST');
        const body = new URLSearchParams(request.body);
        expect(body.get('SignatureMethod')).toBe('HMAC-SHA1');
        expect(body.get('Format')).toBe('JSON');
      });
    });
  });

  describe('API errors of this API', () => {
    test('an auth refusal carries the answer\'s RequestId and HostId, in the message too', async () => {
      await withProxy(async (proxy) => {
        const error = await rejection(client({ endpoint: proxy.origin, accessKeySecret: 'notTheRightSecret0001' }).getImageInfo(SEED_ID), AliyunVodApiError);
        expect(error.details).toMatchObject({ apiCode: 'SignatureDoesNotMatch', action: 'GetImageInfo', imageIds: [SEED_ID], hostId: new URL(proxy.origin).host });
        expect(error.details.requestId).toMatch(REQUEST_ID);
        expect(error.message).toContain(error.details.requestId!);
      });
    });

    test('GetImageInfos errors name their action and every ID of the call', async () => {
      const imageIds = [SEED_ID, COVER_ID, UNKNOWN_ID];
      const error = await rejection(client({ accessKeyId: 'LTAInobodyHasThisKey1' }).getImageInfos(imageIds), AliyunVodApiError);
      expect(error.details).toMatchObject({ action: 'GetImageInfos', imageIds, region: REGION });
      for (const id of imageIds) expect(error.message).toContain(id);
      expect(emulator.stats.requests).toBe(1);
    });
  });

  describe('retries', () => {
    test('GetImageInfos is retried the same way', async () => {
      emulator.injectFaults('internalError', 1);
      emulator.injectFaults('throttle', 1);
      await expect(client().getImageInfos([SEED_ID])).resolves.toMatchObject({ images: [SEED_EXPECTED] });
      expect(emulator.stats.byAction).toEqual({ GetImageInfos: 3 });
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
  });

  describe('answers the emulator cannot produce (a canned loopback server)', () => {
    const startCanned = cannedServers();
    let canned: LoopbackServer | undefined;

    async function cannedClient(body: unknown, status = 200): Promise<AliyunVodImageClient> {
      canned = await startCanned(() => ({ status, body }));
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
});

/** Escapes a literal for a RegExp. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
