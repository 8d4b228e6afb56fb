import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AliyunVodApiError, AliyunVodImage } from '../../src/aliyun-vod-images';
import { vodImageKey } from '../../src/aliyun-vod-images/provider';
import { Emulator, type DataFault, type EmulatorDataInput, type EmulatorFault } from '../../src/emulator';
import { resolveLookups } from '../../src/engine';
import {
  LookupCallError, RedirectRefusedError, RequestFailedError, RequestTimeoutError, ResponseInvalidError, ResponseTooLargeError,
} from '../../src/http/errors';
import { DEFAULT_MAX_RESPONSE_BYTES, type TransportProps } from '../../src/http/transport-options';
import { TencentApiError, TencentImageShares } from '../../src/tencent-image-shares';
import { tencentShareKey } from '../../src/tencent-image-shares/provider';
import { rejection } from '../support/expect-errors';
import { appIn, isolateEnv, tempDirs } from '../support/fixtures';

/**
The fault matrix, end to end, once per cloud: a good synth fills a cache file, the cloud's data
changes, and a refresh runs with one fault injected into one region's emulator while the other
region's emulator stays healthy. Each case ends with the fresh data after retries, or with a typed
error naming the call; either way no cached entry is lost or overwritten by anything but a real
answer, and the healthy region's fresh answers are saved.
*/

isolateEnv();
const tempDir = tempDirs();

const RETRIES = 3;
const FAST_RETRY = { retries: RETRIES, baseDelayMs: 1, maxDelayMs: 5 } as const;
/** For the stall and latency cases: far above a loopback answer's time, even on a loaded machine. */
const SHORT_TIMEOUT_MS = 1_000;
const MiB = 1024 * 1024;
const GOOD_RUN_AT = new Date('2025-01-01T00:00:00Z');
const REFRESH_AT = new Date('2025-02-01T00:00:00Z');
const REFRESHED_AT_TEXT = '2025-02-01T00:00:00Z';

/** The emulator's data, before (1) and after (2) the cloud's facts changed. */
type DataVersion = 1 | 2;

interface RegionUnderTest {
  readonly region: string;
  readonly imageIds: readonly string[];
}

/** An error the refresh is expected to end with. */
interface ExpectedError {
  readonly type: abstract new (...args: never[]) => LookupCallError;
  /** Properties of the error (code, status, apiCode, attempt, …). */
  readonly props: Readonly<Record<string, unknown>>;
  /** The images its call context names. */
  readonly imageIds: readonly string[];
}

/** How a refresh of the faulted region ends. */
type Outcome =
  | { readonly kind: 'fresh' }
  /** The refresh fails with `error`; `failedKeys` keep their previous entries, every other key is fresh. */
  | { readonly kind: 'failed'; readonly error: ExpectedError; readonly failedKeys: readonly string[] }
  /** The API said these images do not exist (a well-formed answer): they are cached as not found. */
  | { readonly kind: 'notFound'; readonly notFoundKeys: readonly string[] };

/** What the matrix needs to know of one cloud. */
interface MatrixCloud {
  readonly cloud: string;
  readonly action: string;
  readonly apiPath: string;
  readonly ApiError: typeof TencentApiError | typeof AliyunVodApiError;
  readonly healthy: RegionUnderTest;
  readonly faulted: RegionUnderTest;
  /** An image of the healthy region that only the good run asks for: the refresh must leave its entry alone. */
  readonly extraImageId: string;
  data(version: DataVersion): EmulatorDataInput;
  /** One stack per region; `withExtra` adds the extra image. */
  build(scope: Construct, endpoints: Readonly<Record<string, string>>, transport: TransportProps, withExtra: boolean): void;
  /** Every cache key of a region's lookups (images, plus what rides along with them). */
  keysOf(region: string, imageIds: readonly string[]): string[];
  /** The key of one image. */
  imageKey(region: string, imageId: string): string;
  /** Which data version a cached entry holds. */
  versionOf(key: string, entry: CachedEntry): DataVersion;
  /** The cloud's throttling answers: fault, API code, HTTP status. */
  readonly throttles: ReadonlyArray<readonly [EmulatorFault, string | number, number]>;
  /** The API code and HTTP status of each other error fault. */
  readonly apiErrors: Readonly<Record<'internalError' | 'errorWith200' | 'apiError429' | 'apiError500' | 'apiError502' | 'apiError503', readonly [string | number, number]>>;
  /** How each data fault in the faulted region's call ends. */
  dataFaultOutcome(fault: DataFault): Outcome;
}

interface CachedEntry {
  readonly outcome: 'found' | 'notFound';
  readonly value?: any;
  readonly endpoint: string;
  readonly fetchedAt: string;
}

// ── Tencent ──────────────────────────────────────────────────────────────────────────────────────

const TENCENT_CREDENTIALS = { secretId: 'AKIDfaultMatrix000001', secretKey: 'faultMatrixSecretKey01' };
/** v2 shares every image with one more account, and raises the account's quota. */
const TENCENT_NEW_UIN = '2000000002';
const TENCENT_QUOTA: Record<DataVersion, number> = { 1: 50, 2: 60 };
const TENCENT_HEALTHY = { region: 'ap-guangzhou', imageIds: ['img-gz000001', 'img-gz000002'] };
const TENCENT_FAULTED = { region: 'ap-shanghai', imageIds: ['img-sh000001', 'img-sh000002', 'img-sh000003'] };
const TENCENT_EXTRA = 'img-gz0extra';

function tencentShares(version: DataVersion, imageIds: readonly string[]) {
  const shares = [{ uin: '1000000001', shareTimeStamp: '2024-01-02 03:04:05' }];
  if (version === 2) shares.push({ uin: TENCENT_NEW_UIN, shareTimeStamp: '2025-01-15 10:00:00' });
  return Object.fromEntries(imageIds.map((imageId) => [imageId, shares]));
}

const TENCENT_MATRIX: MatrixCloud = {
  cloud: 'Tencent Cloud',
  action: 'GetImageShareUinInfo',
  apiPath: '/v2/index.php',
  ApiError: TencentApiError,
  healthy: TENCENT_HEALTHY,
  faulted: TENCENT_FAULTED,
  extraImageId: TENCENT_EXTRA,
  data: (version) => ({
    credentials: { tencent: [TENCENT_CREDENTIALS] },
    tencent: {
      maxImgShareNum: TENCENT_QUOTA[version],
      regions: {
        [TENCENT_HEALTHY.region]: tencentShares(version, [...TENCENT_HEALTHY.imageIds, TENCENT_EXTRA]),
        [TENCENT_FAULTED.region]: tencentShares(version, TENCENT_FAULTED.imageIds),
      },
    },
  }),
  build(scope, endpoints, transport, withExtra) {
    for (const { region, imageIds } of [TENCENT_HEALTHY, TENCENT_FAULTED]) {
      const stack = new TerraformStack(scope, region);
      const props = { region, endpoint: endpoints[region], ...TENCENT_CREDENTIALS, ...transport };
      new TencentImageShares(stack, 'images', { ...props, imageIds });
      if (withExtra && region === TENCENT_HEALTHY.region) new TencentImageShares(stack, 'extra', { ...props, imageIds: [TENCENT_EXTRA] });
    }
  },
  keysOf: (region, imageIds) => [
    ...imageIds.map((imageId) => tencentShareKey({ kind: 'image', region, imageId })),
    tencentShareKey({ kind: 'account', region, imageId: '' }),
  ],
  imageKey: (region, imageId) => tencentShareKey({ kind: 'image', region, imageId }),
  versionOf(key, entry) {
    if (key.endsWith(':scope=account')) return entry.value.maxImgShareNum === TENCENT_QUOTA[2] ? 2 : 1;
    return entry.value.shares.some((share: { uin: string }) => share.uin === TENCENT_NEW_UIN) ? 2 : 1;
  },
  throttles: [['throttle', 4400, 200]],
  apiErrors: {
    internalError: [6000, 200],
    errorWith200: [4400, 200],
    apiError429: [4400, 429],
    apiError500: [6000, 500],
    apiError502: [6000, 502],
    apiError503: [6200, 503],
  },
  dataFaultOutcome(fault) {
    const { region, imageIds } = TENCENT_FAULTED;
    const wholeCall = (field: string): Outcome => ({
      kind: 'failed',
      // The call's answer is malformed as a whole: its images and the account's quota keep their entries.
      failedKeys: this.keysOf(region, imageIds),
      error: { type: ResponseInvalidError, props: { code: 'InvalidResponse', field, status: 200, retryable: false, attempt: 1 }, imageIds },
    });
    switch (fault) {
      case 'wrongTypes': return wholeCall('data.imageList[0].shareUinInfo[0].uin');
      case 'partialBatch': return wholeCall('data.imageNum');
      // A well-formed empty imageList is the legacy API's own "none of these exist" (README: "an image a
      // well-formed imageList leaves out is not found"); the client cannot tell it from a lie.
      case 'emptyResult': return { kind: 'notFound', notFoundKeys: imageIds.map((imageId) => this.imageKey(region, imageId)) };
    }
  },
};

// ── Alibaba Cloud VOD ────────────────────────────────────────────────────────────────────────────

const VOD_CREDENTIALS = { accessKeyId: 'LTAIfaultMatrix000001', accessKeySecret: 'faultMatrixSecret0001' };
const VOD_HEALTHY = { region: 'cn-shanghai', imageIds: [`${'a'.repeat(30)}01`, `${'a'.repeat(30)}02`] };
const VOD_FAULTED = { region: 'cn-beijing', imageIds: [`${'b'.repeat(30)}01`, `${'b'.repeat(30)}02`, `${'b'.repeat(30)}03`] };
const VOD_EXTRA = `${'a'.repeat(30)}ff`;

function vodKey(region: string, imageId: string): string {
  return vodImageKey({ region, outputType: 'cdn', keepSignedUrls: false, imageId });
}

const VOD_MATRIX: MatrixCloud = {
  cloud: 'Alibaba Cloud VOD',
  action: 'GetImageInfos',
  apiPath: '/',
  ApiError: AliyunVodApiError,
  healthy: VOD_HEALTHY,
  faulted: VOD_FAULTED,
  extraImageId: VOD_EXTRA,
  data: (version) => ({
    credentials: { aliyun: [VOD_CREDENTIALS] },
    aliyun: {
      images: Object.fromEntries([...VOD_HEALTHY.imageIds, VOD_EXTRA, ...VOD_FAULTED.imageIds].map((imageId) => [imageId, {
        // v2: every cover got a new title.
        Title: `cover ${imageId.slice(-2)} v${version}`,
        Status: 'Normal',
        ImageType: 'cover',
        CreationTime: '2024-01-02T03:04:05Z',
      }])),
    },
  }),
  build(scope, endpoints, transport, withExtra) {
    for (const { region, imageIds } of [VOD_HEALTHY, VOD_FAULTED]) {
      const stack = new TerraformStack(scope, region);
      const requested = withExtra && region === VOD_HEALTHY.region ? [...imageIds, VOD_EXTRA] : imageIds;
      for (const imageId of requested) {
        new AliyunVodImage(stack, imageId, { region, imageId, endpoint: endpoints[region], ...VOD_CREDENTIALS, ...transport });
      }
    }
  },
  keysOf: (region, imageIds) => imageIds.map((imageId) => vodKey(region, imageId)),
  imageKey: vodKey,
  versionOf: (_key, entry) => (entry.value.title.endsWith(' v2') ? 2 : 1),
  throttles: [['throttleGeneric', 'Throttling', 400], ['throttle', 'Throttling.User', 400], ['throttleApi', 'Throttling.Api', 503]],
  apiErrors: {
    internalError: ['InternalError', 500],
    errorWith200: ['Throttling.User', 200],
    apiError429: ['Throttling.User', 429],
    apiError500: ['InternalError', 500],
    apiError502: ['InternalError', 502],
    apiError503: ['ServiceUnavailable', 503],
  },
  dataFaultOutcome(fault) {
    const { region, imageIds } = VOD_FAULTED;
    // Only the images the answer leaves unexplained fail, each with an error of its own (the refresh
    // ends with the first one's); the others in the same call keep their answers.
    const invalid = (field: string, failedIds: readonly string[]): Outcome => ({
      kind: 'failed',
      failedKeys: failedIds.map((imageId) => vodKey(region, imageId)),
      error: { type: ResponseInvalidError, props: { code: 'InvalidResponse', field, status: 200, retryable: false, attempt: 1 }, imageIds: [failedIds[0]] },
    });
    switch (fault) {
      case 'wrongTypes': return invalid('ImageInfo[0].Title', [imageIds[0]]);
      case 'partialBatch': return invalid('ImageInfo', [imageIds[0]]);
      case 'emptyResult': return invalid('ImageInfo', imageIds);
    }
  },
};

// ── The matrix ───────────────────────────────────────────────────────────────────────────────────

describe.each([TENCENT_MATRIX, VOD_MATRIX])('$cloud: a refresh under faults', (cloud: MatrixCloud) => {
  let healthy: Emulator;
  let faulted: Emulator;
  let cacheFile: string;
  let dir: string;
  /** The cache file's entries after the good run. */
  let before: Record<string, CachedEntry>;

  const endpoints = () => ({ [cloud.healthy.region]: healthy.origin, [cloud.faulted.region]: faulted.origin });
  const healthyKeys = () => cloud.keysOf(cloud.healthy.region, cloud.healthy.imageIds);
  const faultedKeys = () => cloud.keysOf(cloud.faulted.region, cloud.faulted.imageIds);
  const extraKey = () => cloud.imageKey(cloud.healthy.region, cloud.extraImageId);

  beforeEach(async () => {
    [healthy, faulted] = await Promise.all([Emulator.start({ data: cloud.data(1) }), Emulator.start({ data: cloud.data(1) })]);
    dir = tempDir();
    cacheFile = path.join(dir, 'image-lookups.context.json');
    await resolveLookups((app) => cloud.build(app, endpoints(), { retry: FAST_RETRY }, true), {
      mode: 'auto', cacheFile, createApp: appIn(dir), now: () => GOOD_RUN_AT,
    });
    before = readEntries(cacheFile);
    // The good run cached version 1 of every lookup: what the refresh must keep, or replace with version 2.
    for (const key of [...healthyKeys(), ...faultedKeys(), extraKey()]) {
      expect(before[key]).toMatchObject({ outcome: 'found', fetchedAt: '2025-01-01T00:00:00Z' });
      expect(cloud.versionOf(key, before[key])).toBe(1);
    }
    for (const emulator of [healthy, faulted]) {
      emulator.replaceData(cloud.data(2));
      emulator.resetStats();
    }
  });
  afterEach(async () => {
    await Promise.all([healthy.stop(), faulted.stop()]);
  });

  /** Refreshes every lookup but the extra one; resolves to the error it ended with, if any. */
  async function refresh(transport: TransportProps = {}): Promise<unknown> {
    return resolveLookups((app) => cloud.build(app, endpoints(), { retry: FAST_RETRY, ...transport }, false), {
      mode: 'refresh', cacheFile, createApp: appIn(dir), now: () => REFRESH_AT,
    }).then(() => undefined, (error: unknown) => error);
  }

  /** Checks the refresh's result and what the cache file holds after it, key by key. */
  async function expectOutcome(failure: unknown, outcome: Outcome): Promise<void> {
    const after = readEntries(cacheFile);
    // Nothing lost: every key of the good run is still there, and the run added none.
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    // The key the refresh did not ask for is untouched, byte for byte.
    expect(JSON.stringify(after[extraKey()])).toBe(JSON.stringify(before[extraKey()]));

    const keptKeys = new Set(outcome.kind === 'failed' ? outcome.failedKeys : []);
    const notFoundKeys = new Set(outcome.kind === 'notFound' ? outcome.notFoundKeys : []);
    if (outcome.kind === 'failed') {
      const error = await rejection(Promise.reject(failure), outcome.error.type);
      expect(error).toMatchObject(outcome.error.props);
      expect(error.context).toMatchObject({ cloud: cloud.cloud, action: cloud.action, region: cloud.faulted.region, endpoint: `${faulted.origin}${cloud.apiPath}` });
      expect([...error.context.imageIds].sort()).toEqual([...outcome.error.imageIds].sort());
      if (error instanceof TencentApiError || error instanceof AliyunVodApiError) {
        expect(error.details).toMatchObject({ action: cloud.action, region: cloud.faulted.region });
        expect([...error.details.imageIds].sort()).toEqual([...outcome.error.imageIds].sort());
      }
    } else {
      expect(failure).toBeUndefined();
    }

    for (const key of [...healthyKeys(), ...faultedKeys()]) {
      if (keptKeys.has(key)) {
        // A failed key keeps its previous entry exactly: never "not found", never a partial value.
        expect(JSON.stringify(after[key])).toBe(JSON.stringify(before[key]));
      } else if (notFoundKeys.has(key)) {
        expect(after[key]).toMatchObject({ outcome: 'notFound', fetchedAt: REFRESHED_AT_TEXT });
      } else {
        // Every other key (the healthy region's, and a failed call's good images) has the new data.
        expect(after[key]).toMatchObject({ outcome: 'found', fetchedAt: REFRESHED_AT_TEXT });
        expect(cloud.versionOf(key, after[key])).toBe(2);
      }
    }
  }

  /** The faulted region's one call failed after its last attempt: all of its keys are kept. */
  const exhausted = (type: ExpectedError['type'], props: Record<string, unknown>): Outcome => ({
    kind: 'failed',
    failedKeys: faultedKeys(),
    error: { type, props: { retryable: true, attempt: RETRIES + 1, ...props }, imageIds: cloud.faulted.imageIds },
  });

  /** The API's error, its code and status in `details` (where the error classes keep them). */
  const apiErrorOnEveryAttempt = (apiCode: string | number, status: number): Outcome =>
    exhausted(cloud.ApiError, { code: cloud.ApiError.name, apiCode, details: { apiCode, status } });

  /** Faults a client retries: what the last attempt's error is when every attempt gets one. */
  const retried: Array<[string, EmulatorFault, TransportProps, () => Outcome]> = [
    ['a connection reset', 'connectionReset', {}, () => exhausted(RequestFailedError, { code: 'RequestFailed', networkCode: 'ECONNRESET', phase: 'headers' })],
    ['a dropped connection', 'networkDrop', {}, () => exhausted(RequestFailedError, { code: 'RequestFailed', phase: 'headers' })],
    ...([429, 500, 502, 503] as const).map((status): [string, EmulatorFault, TransportProps, () => Outcome] =>
      [`HTTP ${status} without an API body (a gateway's page)`, `http${status}`, {}, () => exhausted(ResponseInvalidError, { code: 'InvalidResponse', status })]),
    ...(['apiError429', 'apiError500', 'apiError502', 'apiError503'] as const).map((fault): [string, EmulatorFault, TransportProps, () => Outcome] => {
      const [apiCode, status] = cloud.apiErrors[fault];
      return [`HTTP ${status} with the API's error body (${apiCode})`, fault, {}, () => apiErrorOnEveryAttempt(apiCode, status)];
    }),
    ...cloud.throttles.map(([fault, apiCode, status]): [string, EmulatorFault, TransportProps, () => Outcome] =>
      [`throttling code ${apiCode} (HTTP ${status})`, fault, {}, () => apiErrorOnEveryAttempt(apiCode, status)]),
    ['the API\'s internal error', 'internalError', {}, () => apiErrorOnEveryAttempt(...cloud.apiErrors.internalError)],
    ['an error body with HTTP 200', 'errorWith200', {}, () => apiErrorOnEveryAttempt(...cloud.apiErrors.errorWith200)],
    ['malformed JSON', 'malformedJson', {}, () => exhausted(ResponseInvalidError, { code: 'InvalidResponse', status: 200 })],
    ['an HTML error page with HTTP 503', 'serverError', {}, () => exhausted(ResponseInvalidError, { code: 'InvalidResponse', status: 503 })],
    ['an HTML page with HTTP 200', 'htmlPage', {}, () => exhausted(ResponseInvalidError, { code: 'InvalidResponse', status: 200 })],
    ['an empty body', 'emptyBody', {}, () => exhausted(ResponseInvalidError, { code: 'InvalidResponse', status: 200 })],
    ['a truncated body', 'truncatedBody', {}, () => exhausted(RequestFailedError, { code: 'RequestFailed', phase: 'body', status: 200 })],
    ['a body that stalls', 'stalledBody', { timeoutMs: SHORT_TIMEOUT_MS },
      () => exhausted(RequestTimeoutError, { code: 'RequestTimeout', phase: 'body', status: 200, timeoutMs: SHORT_TIMEOUT_MS })],
  ];

  describe.each(retried)('%s', (_what, fault, transport, onEveryAttempt) => {
    test(`on ${RETRIES} attempts of ${RETRIES + 1}: retried, then the new data for both regions`, async () => {
      faulted.injectFaults(fault, RETRIES);
      await expectOutcome(await refresh(transport), { kind: 'fresh' });
      expect(faulted.faultsAnswered[fault]).toBe(RETRIES);
      expect(faulted.stats.requests).toBe(RETRIES + 1);
    });

    test('on every attempt: a typed error naming the call; that region\'s entries kept, the other region\'s refreshed', async () => {
      faulted.injectFaults(fault, RETRIES + 1);
      await expectOutcome(await refresh(transport), onEveryAttempt());
      expect(faulted.faultsAnswered[fault]).toBe(RETRIES + 1);
      expect(faulted.stats.requests).toBe(RETRIES + 1);
    });
  });

  test('latency beyond the timeout: every attempt times out before any answer', async () => {
    faulted.setLatency(30_000);
    const failure = await refresh({ timeoutMs: SHORT_TIMEOUT_MS });
    await expectOutcome(failure, exhausted(RequestTimeoutError, { code: 'RequestTimeout', phase: 'headers', timeoutMs: SHORT_TIMEOUT_MS }));
    expect(faulted.stats.requests).toBe(RETRIES + 1);
  });

  test.each<DataFault>(['wrongTypes', 'emptyResult', 'partialBatch'])('%s: not retried; only what the answer leaves unexplained fails', async (fault) => {
    faulted.injectFaults(fault, RETRIES + 1);
    await expectOutcome(await refresh(), cloud.dataFaultOutcome(fault));
    expect(faulted.stats.requests).toBe(1);
  });

  describe('a response over the cap', () => {
    test('streamed past maxResponseBytes: ResponseTooLarge, not retried', async () => {
      faulted.injectFaults('oversizedBody', RETRIES + 1);
      const failure = await refresh();
      await expectOutcome(failure, {
        kind: 'failed',
        failedKeys: faultedKeys(),
        error: { type: ResponseTooLargeError, props: { code: 'ResponseTooLarge', status: 200, maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES, retryable: false, attempt: 1 }, imageIds: cloud.faulted.imageIds },
      });
      expect((failure as ResponseTooLargeError).receivedBytes).toBeGreaterThan(DEFAULT_MAX_RESPONSE_BYTES);
      expect(faulted.stats.requests).toBe(1);
    });

    test('announced in Content-Length: refused unread', async () => {
      faulted.injectFaults('oversizedBodyDeclared', RETRIES + 1);
      const failure = await refresh();
      await expectOutcome(failure, {
        kind: 'failed',
        failedKeys: faultedKeys(),
        error: { type: ResponseTooLargeError, props: { code: 'ResponseTooLarge', receivedBytes: 0, retryable: false, attempt: 1 }, imageIds: cloud.faulted.imageIds },
      });
      expect((failure as ResponseTooLargeError).declaredBytes).toBeGreaterThan(DEFAULT_MAX_RESPONSE_BYTES);
    });

    test('the same body under a larger cap is accepted: only its size was wrong', async () => {
      faulted.injectFaults('oversizedBody');
      await expectOutcome(await refresh({ maxResponseBytes: 16 * MiB }), { kind: 'fresh' });
      expect(faulted.faultsAnswered.oversizedBody).toBe(1);
    });
  });

  test.each([302, 307] as const)('a redirect (HTTP %i) to another loopback origin: RedirectRefused, nothing followed or re-sent', async (status) => {
    faulted.injectFaults(`redirect${status}`, RETRIES + 1);
    const failure = await refresh();
    await expectOutcome(failure, {
      kind: 'failed',
      failedKeys: faultedKeys(),
      error: { type: RedirectRefusedError, props: { code: 'RedirectRefused', status, locationOrigin: faulted.redirectOrigin, retryable: false, attempt: 1 }, imageIds: cloud.faulted.imageIds },
    });
    expect(faulted.redirectOrigin).not.toBe(faulted.origin);
    // The redirect points at this same emulator by another name: a followed redirect would be a second request.
    expect(faulted.stats.requests).toBe(1);
  });
});

function readEntries(file: string): Record<string, CachedEntry> {
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: Record<string, CachedEntry> }).entries;
}
