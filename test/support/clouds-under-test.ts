import { AliyunVodApiError, AliyunVodImageClient } from '../../src/aliyun-vod-images';
import { Emulator, type EmulatorDataInput, type EmulatorOptions, type EmulatorRequest } from '../../src/emulator';
import type { LookupCallError } from '../../src/http/errors';
import type { TransportProps } from '../../src/http/transport-options';
import { TencentApiError, TencentImageShareClient } from '../../src/tencent-image-shares';
import { paramsOf, type RecordedRequest } from './loopback-http';

/** One image's outcome of a batch lookup, the same shape for both clouds. */
export interface Outcome {
  readonly imageId: string;
  readonly outcome: 'found' | 'notFound' | 'error';
  readonly error?: unknown;
}

/** An error answer in the cloud's own dialect. */
export interface ApiErrorAnswer {
  readonly body: unknown;
  readonly apiCode: string | number;
}

/**
What the shared contract suite needs to know of one signed client: how to call it, what its API's
error bodies look like, and which marker credentials it signs with (they must never show up in any
error or log).
*/
export interface CloudUnderTest {
  /** As errors and the debug log name it. */
  readonly cloud: string;
  /** The action of a batch call. */
  readonly action: string;
  readonly region: string;
  readonly apiPath: string;
  readonly maxIdsPerCall: number;
  /** An image the emulator knows. */
  readonly knownImageId: string;
  unknownImageIds(count: number): string[];
  /** The marker key ID, key and token this client signs with. */
  readonly secrets: readonly string[];
  /** The API error class, and an error answer of each kind in the API's dialect. */
  readonly ApiError: abstract new (...args: never[]) => LookupCallError & { readonly apiCode: string | number };
  apiError(kind: 'throttle' | 'auth' | 'internal', requestId?: string): ApiErrorAnswer;
  /** A 200 answer of the wrong shape (a count that is not a number, a list that is text), and the field it gets wrong. */
  malformedAnswer(): { readonly body: unknown; readonly field: string };
  /** The per-attempt nonce and the signature a request carried. */
  nonceOf(request: RecordedRequest): string | null;
  signatureOf(request: RecordedRequest): string | null;
  /** One batch call (at most `maxIdsPerCall` IDs): resolves to the IDs found, rejects with the call's error. */
  fetch(endpoint: string, imageIds: readonly string[], options?: TransportProps, env?: NodeJS.ProcessEnv): Promise<string[]>;
  /** Any number of IDs, in calls of `maxIdsPerCall`: one outcome per ID. */
  lookup(endpoint: string, imageIds: readonly string[], options?: TransportProps & { readonly concurrency?: number }): Promise<readonly Outcome[]>;
}

/** Tiny backoff so retried tests stay fast; no test measures time. */
export const FAST_RETRY = { retries: 3, baseDelayMs: 1, maxDelayMs: 5 } as const;

const TENCENT_MARKERS = { secretId: 'AKIDmarkerSecretId0001', secretKey: 'markerTencentSecretKey0001', securityToken: 'markerTencentToken0001' };
const VOD_MARKERS = { accessKeyId: 'LTAImarkerAccessKeyId01', accessKeySecret: 'markerVodAccessSecret0001', securityToken: 'markerVodSecurityToken0001' };
const TENCENT_KNOWN = 'img-jgggrva9';
const VOD_KNOWN = '3e34733b40b9a96ccf5c1ff6f69aaaaa';

/** Both clouds' data and marker credentials in one emulator: each API has its own path. */
export const CONTRACT_EMULATOR_DATA: EmulatorDataInput = {
  credentials: {
    tencent: [{ secretId: TENCENT_MARKERS.secretId, secretKey: TENCENT_MARKERS.secretKey, token: TENCENT_MARKERS.securityToken }],
    aliyun: [VOD_MARKERS],
  },
  tencent: { maxImgShareNum: 50, regions: { 'ap-guangzhou': { [TENCENT_KNOWN]: [{ uin: '1621874004', shareTimeStamp: '2016-01-13 15:16:53' }] } } },
  aliyun: { images: { [VOD_KNOWN]: { Title: 'contract', Status: 'Normal', CreationTime: '2024-01-02T03:04:05Z' } } },
};

/** An emulator of both clouds' contract data; `options` adds knobs (`recordRequests`, `stallMs`, …). */
export function startContractEmulator(options: Omit<EmulatorOptions, 'data'> = {}): Promise<Emulator> {
  return Emulator.start({ data: CONTRACT_EMULATOR_DATA, ...options });
}

/** A request the emulator recorded (`recordRequests`), in the shape `nonceOf` and `signatureOf` read. */
export function asRecorded(request: EmulatorRequest): RecordedRequest {
  return { method: request.method, url: `${request.url.pathname}${request.url.search}`, headers: request.headers, body: request.body };
}

export const TENCENT: CloudUnderTest = {
  cloud: 'Tencent Cloud',
  action: 'GetImageShareUinInfo',
  region: 'ap-guangzhou',
  apiPath: '/v2/index.php',
  maxIdsPerCall: 10,
  knownImageId: TENCENT_KNOWN,
  unknownImageIds: (count) => Array.from({ length: count }, (_, index) => `img-unk${String(index).padStart(5, '0')}`),
  secrets: Object.values(TENCENT_MARKERS),
  ApiError: TencentApiError,
  apiError(kind, requestId = 'req-contract-0001') {
    const apiCode = { throttle: 4400, auth: 4100, internal: 6000 }[kind];
    return { apiCode, body: { code: apiCode, message: `${kind} answer`, codeDesc: kind, requestId } };
  },
  malformedAnswer: () => ({ body: { code: 0, message: '', data: { imageNum: 'many', maxImgShareNum: '50', imageList: [] } }, field: 'data.imageNum' }),
  nonceOf: (request) => paramsOf(request).get('Nonce'),
  signatureOf: (request) => paramsOf(request).get('Signature'),
  async fetch(endpoint, imageIds, options = {}, env = {}) {
    const client = new TencentImageShareClient({ region: this.region, endpoint, ...TENCENT_MARKERS, retry: FAST_RETRY, ...options }, env);
    return (await client.getImageShareUinInfo(imageIds)).images.map((image) => image.imageId);
  },
  async lookup(endpoint, imageIds, options = {}) {
    const client = new TencentImageShareClient({ region: this.region, endpoint, ...TENCENT_MARKERS, retry: FAST_RETRY, ...options }, {});
    return (await client.lookupImageShares(imageIds)).images;
  },
};

export const VOD: CloudUnderTest = {
  cloud: 'Alibaba Cloud VOD',
  action: 'GetImageInfos',
  region: 'cn-shanghai',
  apiPath: '/',
  maxIdsPerCall: 20,
  knownImageId: VOD_KNOWN,
  unknownImageIds: (count) => Array.from({ length: count }, (_, index) => `${'f'.repeat(24)}${String(index).padStart(8, '0')}`),
  secrets: Object.values(VOD_MARKERS),
  ApiError: AliyunVodApiError,
  apiError(kind, requestId = 'REQ-CONTRACT-0001') {
    const apiCode = { throttle: 'Throttling.User', auth: 'SignatureDoesNotMatch', internal: 'InternalError' }[kind];
    return { apiCode, body: { RequestId: requestId, HostId: 'vod.cn-shanghai.aliyuncs.com', Code: apiCode, Message: `${kind} answer` } };
  },
  malformedAnswer: () => ({ body: { RequestId: 'REQ-MALFORMED', ImageInfo: 'none' }, field: 'ImageInfo' }),
  nonceOf: (request) => paramsOf(request).get('SignatureNonce'),
  signatureOf: (request) => paramsOf(request).get('Signature'),
  async fetch(endpoint, imageIds, options = {}, env = {}) {
    const client = new AliyunVodImageClient({ region: this.region, endpoint, ...VOD_MARKERS, retry: FAST_RETRY, ...options }, env);
    return (await client.getImageInfos(imageIds)).images.map((image) => image.imageId);
  },
  async lookup(endpoint, imageIds, options = {}) {
    const client = new AliyunVodImageClient({ region: this.region, endpoint, ...VOD_MARKERS, retry: FAST_RETRY, ...options }, {});
    return client.lookupImages(imageIds);
  },
};

export const CLOUDS_UNDER_TEST: readonly CloudUnderTest[] = [TENCENT, VOD];
