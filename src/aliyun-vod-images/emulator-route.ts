import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { ApiErrorFault, DataFault } from '../emulator/emulator-faults';
import { jsonResponse, sameSignature, type EmulatorRequest, type EmulatorResponse, type RouteContext } from '../emulator/emulator-route';
import { formRoute, refuse as stopWith, type FormParams } from '../emulator/form-route';
import { aliyunEmulatorSection, EMULATOR_IMAGE_ID, type AliyunEmulatorCredential, type AliyunEmulatorSection, type VodEmulatorImage } from './emulator-data';
import { signRpc, stringToSignRpc } from './signature';

const API_PATH = '/';
const API_VERSION = '2017-03-21';
const ACTIONS = ['GetImageInfo', 'GetImageInfos'] as const;
const MAX_IMAGE_IDS = 20;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/**
Alibaba's documented window is 15 minutes. It is the API's own rule, so it does not follow the
server's `replayWindowSeconds` (5 minutes by default); nonces are remembered as long.
*/
const TIMESTAMP_WINDOW_SECONDS = 15 * 60;
/** The most VOD allows for origin (oss) URLs: 30 days. */
const MAX_OSS_AUTH_TIMEOUT = 2_592_000;
/** URL lifetimes when the request gives no AuthTimeout: OSS's documented 3600; for CDN, a typical URL-signing setting. */
const DEFAULT_AUTH_TIMEOUT: Readonly<Record<OutputType, number>> = { oss: 3600, cdn: 1800 };
const CDN_HOST = 'cdn.example-vod.com';
const DEFAULT_STORAGE_LOCATION = 'outin-00000000000000000000000000emulator.oss-cn-shanghai.aliyuncs.com';
/** Made-up keys for the signed image URLs: the URLs look like real ones and open nothing. */
const OSS_URL_ACCESS_KEY_ID = 'LTAIemulatorOssOrigin';
const OSS_URL_SECRET = 'emulator-oss-url-secret';
const CDN_URL_PRIVATE_KEY = 'emulator-cdn-url-key';

type OutputType = 'oss' | 'cdn';

interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

const USER_FLOW_CONTROL = 'Request was denied due to user flow control.';
const INTERNAL_ERROR = 'The request processing has failed due to some unknown error, exception or failure.';

/**
Each error fault's answer: VOD's documented codes, at the statuses Alibaba's pages give them.
`throttleApi` is per-API flow control, documented as 400 or 503.
*/
const FAULT_ANSWERS: Record<ApiErrorFault, Refusal> = {
  throttle: { status: 400, code: 'Throttling.User', message: USER_FLOW_CONTROL },
  throttleApi: { status: 503, code: 'Throttling.Api', message: 'Request was denied due to api flow control.' },
  throttleGeneric: { status: 400, code: 'Throttling', message: 'Request was denied due to request throttling.' },
  internalError: { status: 500, code: 'InternalError', message: INTERNAL_ERROR },
  errorWith200: { status: 200, code: 'Throttling.User', message: USER_FLOW_CONTROL },
  apiError429: { status: 429, code: 'Throttling.User', message: USER_FLOW_CONTROL },
  apiError500: { status: 500, code: 'InternalError', message: INTERNAL_ERROR },
  apiError502: { status: 502, code: 'InternalError', message: INTERNAL_ERROR },
  apiError503: { status: 503, code: 'ServiceUnavailable', message: 'The request has failed due to a temporary failure of the server.' },
};

/** A successful answer's data (RequestId aside), for each action. */
type ImageAnswer =
  | { readonly action: 'GetImageInfo'; readonly ImageInfo: Readonly<Record<string, unknown>> }
  | { readonly action: 'GetImageInfos'; readonly ImageInfo: ReadonlyArray<Readonly<Record<string, unknown>>>; readonly NonExistImageIds: readonly string[] };

/** The answer's fields as VOD sends them. */
function asSent(answer: ImageAnswer): object {
  return answer.action === 'GetImageInfo' ? { ImageInfo: answer.ImageInfo } : { ImageInfo: answer.ImageInfo, NonExistImageIds: answer.NonExistImageIds };
}

/** A number where VOD sends text: the title `wrongTypes` gives. */
const NUMERIC_TITLE = 20240101;

/**
How each data fault changes a successful answer:
- `wrongTypes`: the first image's `Title` is a number (with no image in the answer, `NonExistImageIds` is a string);
- `emptyResult`: `ImageInfo` [] and no `NonExistImageIds` (GetImageInfo: no `ImageInfo`);
- `partialBatch`: the first image (found, else nonexistent) is in neither `ImageInfo` nor
  `NonExistImageIds` (GetImageInfo: no `ImageInfo`).
*/
const DATA_FAULTS: Record<DataFault, (answer: ImageAnswer) => object> = {
  wrongTypes: (answer) => {
    if (answer.action === 'GetImageInfo') return { ImageInfo: { ...answer.ImageInfo, Title: NUMERIC_TITLE } };
    const [first, ...rest] = answer.ImageInfo;
    if (first === undefined) return { ImageInfo: [], NonExistImageIds: answer.NonExistImageIds.join(',') };
    return { ImageInfo: [{ ...first, Title: NUMERIC_TITLE }, ...rest], NonExistImageIds: answer.NonExistImageIds };
  },
  emptyResult: (answer) => (answer.action === 'GetImageInfo' ? {} : { ImageInfo: [] }),
  partialBatch: (answer) => {
    if (answer.action === 'GetImageInfo') return {};
    if (answer.ImageInfo.length > 0) return { ImageInfo: answer.ImageInfo.slice(1), NonExistImageIds: answer.NonExistImageIds };
    return { ImageInfo: [], NonExistImageIds: answer.NonExistImageIds.slice(1) };
  },
};

/**
ApsaraVideo VOD (2017-03-21) `GetImageInfo` and `GetImageInfos` at `/`: RPC style, GET query or POST
form, HMAC-SHA1 signature, JSON answers only. Errors come as HTTP 4xx/5xx with
`{RequestId, HostId, Code, Message}`, as VOD documents them.
*/
export const aliyunVodImagesRoute = formRoute<AliyunEmulatorSection, Refusal, ImageAnswer>({
  section: aliyunEmulatorSection,
  path: API_PATH,
  notAForm: { status: 400, code: 'InvalidParameter', message: 'POST bodies must be application/x-www-form-urlencoded' },
  admit: (request, params, context) => {
    checkAction(params);
    checkProtocol(params);
    return authenticate(request, params, context.credentials);
  },
  replay: {
    windowSeconds: TIMESTAMP_WINDOW_SECONDS,
    timestampMs: (params) => {
      const timestamp = params.Timestamp;
      if (!timestamp) refuse(400, 'MissingParameter', missing('Timestamp'));
      const timestampMs = parseTimestamp(timestamp);
      if (timestampMs === undefined) {
        refuse(400, 'InvalidTimeStamp.Format', `Specified time stamp or date value is not well formatted: ${timestamp} is not yyyy-MM-ddTHH:mm:ssZ (UTC, no milliseconds).`);
      }
      return timestampMs;
    },
    refuseStale: (params, distanceSeconds, windowSeconds) =>
      refuse(400, 'InvalidTimeStamp.Expired', `Specified time stamp or date value is expired: ${params.Timestamp} is ${distanceSeconds} s from server time; at most ${windowSeconds} s is allowed.`),
    nonce: (params) => {
      if (!params.SignatureNonce) refuse(400, 'MissingParameter', missing('SignatureNonce'));
      return params.SignatureNonce;
    },
    nonceScope: (credential) => `aliyun:${credential.accessKeyId}`,
    refuseReused: (nonce) => refuse(400, 'SignatureNonceUsed', `Specified signature nonce was used already: ${nonce}`),
  },
  answer,
  sent: asSent,
  dataFaults: DATA_FAULTS,
  success: (body) => jsonResponse({ RequestId: newRequestId(), ...body }),
  refusal: (refused, request) => errorResponse(request, refused),
  faultAnswer: (fault, request) => errorResponse(request, FAULT_ANSWERS[fault]),
  log: {
    // The region is in the endpoint's host name, not in the request.
    facts: (params) => ({ imageIds: params.Action === 'GetImageInfo' ? [params.ImageId].filter(Boolean) : (params.ImageIds ?? '').split(',').filter(Boolean) }),
    // GetImageInfo refuses an unknown ID (NoSuchResource), so its answers found the one image.
    counts: (answer) => (answer.action === 'GetImageInfo' ? { found: 1, notFound: 0 } : { found: answer.ImageInfo.length, notFound: answer.NonExistImageIds.length }),
    code: (refused) => refused.code,
  },
});

function answer(_request: EmulatorRequest, params: FormParams, context: RouteContext<AliyunEmulatorSection>): ImageAnswer {
  checkFormat(params);
  const images = context.data.images;
  // admit has checked that the action is one of the two.
  if (params.Action === 'GetImageInfo') {
    const imageId = readImageId(params);
    const urls = readUrlOptions(params, context.now());
    if (!Object.hasOwn(images, imageId)) refuse(404, 'NoSuchResource', `The specified resource ${imageId} does not exist.`);
    return { action: 'GetImageInfo', ImageInfo: imageInfo(imageId, images[imageId], urls) };
  }
  const imageIds = readImageIds(params);
  const urls = readUrlOptions(params, context.now());
  return {
    action: 'GetImageInfos',
    ImageInfo: imageIds.filter((id) => Object.hasOwn(images, id)).map((id) => imageInfo(id, images[id], urls)),
    NonExistImageIds: imageIds.filter((id) => !Object.hasOwn(images, id)),
  };
}

function checkAction(params: FormParams): void {
  const action = params.Action;
  if (!action) refuse(400, 'MissingParameter', missing('Action'));
  if (!(ACTIONS as readonly string[]).includes(action)) {
    refuse(400, 'InvalidParameter', `Action ${action} is not emulated here (only ${ACTIONS.join(' and ')})`);
  }
}

/** Version, SignatureMethod and SignatureVersion: fixed values for this API. */
function checkProtocol(params: FormParams): void {
  if (!params.Version) refuse(400, 'MissingParameter', missing('Version'));
  if (params.Version !== API_VERSION) refuse(400, 'InvalidParameter', `Version ${params.Version} is not VOD's: expected ${API_VERSION}`);
  if (!params.SignatureMethod) refuse(400, 'MissingParameter', missing('SignatureMethod'));
  if (params.SignatureMethod !== 'HMAC-SHA1') refuse(400, 'InvalidSignatureMethod', `Specified signature method ${params.SignatureMethod} is not supported: use HMAC-SHA1`);
  if (!params.SignatureVersion) refuse(400, 'MissingParameter', missing('SignatureVersion'));
  if (params.SignatureVersion !== '1.0') refuse(400, 'InvalidParameter', `SignatureVersion ${params.SignatureVersion} is not supported: use 1.0`);
}

/** Finds the key, then checks signature and token, in the order the real gateway reports them. */
function authenticate(request: EmulatorRequest, params: FormParams, credentials: readonly AliyunEmulatorCredential[]): AliyunEmulatorCredential {
  if (!params.AccessKeyId) refuse(400, 'MissingParameter', missing('AccessKeyId'));
  const credential = credentials.find((candidate) => candidate.accessKeyId === params.AccessKeyId);
  if (credential === undefined) refuse(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  if (!params.Signature) refuse(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards: Signature is missing.');
  const method = request.method as 'GET' | 'POST';
  if (!sameSignature(params.Signature, signRpc(method, params, credential.accessKeySecret))) {
    // The real gateway shows its string to sign too: the quickest way to find an encoding mistake.
    refuse(400, 'SignatureDoesNotMatch', `Specified signature is not matched with our calculation. server string to sign is:${stringToSignRpc(method, params)}`);
  }
  if (credential.securityToken !== undefined && params.SecurityToken !== credential.securityToken) {
    refuse(400, 'InvalidSecurityToken.Mismatch', params.SecurityToken
      ? 'Specified SecurityToken mismatch with the AccessKey.'
      : 'Specified SecurityToken mismatch with the AccessKey: this is an STS key and the request carries no SecurityToken.');
  }
  return credential;
}

/** Milliseconds, or undefined unless the text is exactly `yyyy-MM-ddTHH:mm:ssZ` and a real date (not February 30). */
function parseTimestamp(text: string): number | undefined {
  if (!TIMESTAMP.test(text)) return undefined;
  const ms = Date.parse(text);
  // Date.parse rolls 2016-02-30 over to March 1st: only a round trip proves the date exists.
  return Number.isFinite(ms) && new Date(ms).toISOString() === text.replace('Z', '.000Z') ? ms : undefined;
}

function checkFormat(params: FormParams): void {
  const format = params.Format;
  if (format?.toUpperCase() === 'JSON') return;
  // The real API answers XML when Format is absent: that answer is the one the emulator cannot give.
  if (!format) refuse(400, 'InvalidParameter', 'Format is missing, which means XML (the API default), and only JSON is emulated: send Format=JSON');
  if (format.toUpperCase() === 'XML') refuse(400, 'InvalidParameter', 'Format XML is not emulated, only JSON is: send Format=JSON');
  refuse(400, 'InvalidParameter', `The specified parameter Format is not valid: ${JSON.stringify(format)} is not JSON or XML`);
}

function readImageId(params: FormParams): string {
  const imageId = params.ImageId;
  if (!imageId) refuse(400, 'MissingImageId', missing('ImageId'));
  checkImageId(imageId, 'ImageId');
  return imageId;
}

/** `ImageIds`: 1 to 20 comma-separated IDs. Duplicates are answered once, in the order first given. */
function readImageIds(params: FormParams): string[] {
  if (!params.ImageIds) refuse(400, 'MissingImageIds', missing('ImageIds'));
  const imageIds = params.ImageIds.split(',');
  if (imageIds.length > MAX_IMAGE_IDS) {
    refuse(400, 'InvalidParameter', `The specified parameter ImageIds has ${imageIds.length} image IDs: at most ${MAX_IMAGE_IDS} per request`);
  }
  for (const imageId of imageIds) checkImageId(imageId, 'ImageIds');
  return [...new Set(imageIds)];
}

function checkImageId(imageId: string, parameter: string): void {
  if (!EMULATOR_IMAGE_ID.test(imageId)) {
    refuse(400, 'InvalidParameter', `The specified parameter ${parameter} is not valid: ${JSON.stringify(imageId)} is not an image ID (32 lowercase hexadecimal digits)`);
  }
}

interface UrlOptions {
  readonly outputType: OutputType;
  /** As given; undefined when the request has none. */
  readonly authTimeout?: number;
  readonly nowSeconds: number;
}

function readUrlOptions(params: FormParams, nowMs: number): UrlOptions {
  const outputType = params.OutputType ?? 'cdn';
  if (outputType !== 'oss' && outputType !== 'cdn') {
    refuse(400, 'InvalidParameter', `The specified parameter OutputType is not valid: ${JSON.stringify(outputType)} is not oss or cdn`);
  }
  let authTimeout: number | undefined;
  if (params.AuthTimeout !== undefined) {
    authTimeout = Number(params.AuthTimeout);
    if (!/^\d+$/.test(params.AuthTimeout) || !Number.isSafeInteger(authTimeout) || authTimeout < 1) {
      refuse(400, 'InvalidParameter', `The specified parameter AuthTimeout is not valid: ${JSON.stringify(params.AuthTimeout)} is not an integer number of seconds ≥ 1`);
    }
    if (outputType === 'oss' && authTimeout > MAX_OSS_AUTH_TIMEOUT) {
      refuse(400, 'InvalidParameter', `The specified parameter AuthTimeout is not valid: ${authTimeout} is more than ${MAX_OSS_AUTH_TIMEOUT} seconds (30 days), the most for oss URLs`);
    }
  }
  return { outputType, authTimeout, nowSeconds: Math.floor(nowMs / 1000) };
}

/** The data's fields as written (FileSize a string or a number), plus the ID and fresh signed URLs. */
function imageInfo(imageId: string, image: VodEmulatorImage, urls: UrlOptions): Readonly<Record<string, unknown>> {
  const path = `/image/default/${imageId}.png`;
  // The mezzanine's URL is always the origin one, whatever OutputType asks for.
  const originUrl = ossUrl(image.StorageLocation ?? DEFAULT_STORAGE_LOCATION, path, urls.nowSeconds + (urls.authTimeout ?? DEFAULT_AUTH_TIMEOUT.oss));
  const url = urls.outputType === 'oss' ? originUrl : cdnUrl(path, urls.nowSeconds + (urls.authTimeout ?? DEFAULT_AUTH_TIMEOUT.cdn));
  return { ...image, ImageId: imageId, URL: url, Mezzanine: { ...image.Mezzanine, FileURL: originUrl } };
}

/** An OSS presigned URL, signed like OSS signature v1 (`GET\n\n\n<Expires>\n/<bucket><path>`), with a made-up key. */
function ossUrl(storageLocation: string, path: string, expires: number): string {
  const bucket = storageLocation.split('.')[0];
  const signature = createHmac('sha1', OSS_URL_SECRET).update(`GET\n\n\n${expires}\n/${bucket}${path}`).digest('base64');
  return `https://${storageLocation}${path}?Expires=${expires}&OSSAccessKeyId=${OSS_URL_ACCESS_KEY_ID}&Signature=${encodeURIComponent(signature)}`;
}

/** A CDN URL with type A URL signing: `auth_key=<timestamp>-<rand>-<uid>-<md5(path-timestamp-rand-uid-key)>`. */
function cdnUrl(path: string, expires: number): string {
  const hash = createHash('md5').update(`${path}-${expires}-0-0-${CDN_URL_PRIVATE_KEY}`).digest('hex');
  return `https://${CDN_HOST}${path}?auth_key=${expires}-0-0-${hash}`;
}

function errorResponse(request: EmulatorRequest, refusal: Refusal): EmulatorResponse {
  // HostId is the host the client called, as the real API names its regional endpoint there.
  return jsonResponse({ RequestId: newRequestId(), HostId: request.headers.host ?? '', Code: refusal.code, Message: refusal.message }, refusal.status);
}

/** Upper-case, like the RequestIds in VOD's examples. */
function newRequestId(): string {
  return randomUUID().toUpperCase();
}

function missing(parameter: string): string {
  return `The input parameter "${parameter}" that is mandatory for processing this request is not supplied.`;
}

function refuse(status: number, code: string, message: string): never {
  return stopWith({ status, code, message });
}
