import type { EmulatorData, TencentEmulatorCredential } from '../emulator/emulator-data';
import { isApiErrorFault, type ApiErrorFault, type DataFault } from '../emulator/emulator-faults';
import { isForm, jsonResponse, readFormParams, sameSignature, type EmulatorRequest, type EmulatorRoute, type RouteContext } from '../emulator/emulator-route';
import { signV1 } from './signature';

const API_PATH = '/v2/index.php';
const ACTION = 'GetImageShareUinInfo';
const MAX_IMAGE_IDS = 10;
// Kept apart from the client's copy: the emulator is meant to be an independent implementation.
const IMAGE_ID = /^img-[a-z0-9]{8}$/;

/** codeDesc sent with each legacy common code (some legacy modules send one; clients must not need it). */
const CODE_DESCRIPTIONS: Record<number, string> = {
  4000: 'InvalidParameter',
  4100: 'AuthFailure.SignatureFailure',
  4104: 'AuthFailure.SecretIdNotFound',
  4105: 'AuthFailure.TokenFailure',
  4400: 'RequestLimitExceeded',
  4500: 'AuthFailure.ReplayAttack',
  6000: 'InternalError',
};

const THROTTLED = refusal(4400, 'request quota exceeded, retry later');
const INTERNAL_ERROR = refusal(6000, 'internal server error, retry later');
const UNAVAILABLE = refusal(6200, 'the API is temporarily unavailable, retry later');

/**
Each error fault's answer and the HTTP status it comes with. The legacy API reports every error as
HTTP 200; 4400 is its one throttling code, so every throttling fault answers it.
*/
const FAULT_ANSWERS: Record<ApiErrorFault, { readonly status: number; readonly refusal: Refusal }> = {
  throttle: { status: 200, refusal: THROTTLED },
  throttleApi: { status: 200, refusal: THROTTLED },
  throttleGeneric: { status: 200, refusal: THROTTLED },
  internalError: { status: 200, refusal: INTERNAL_ERROR },
  errorWith200: { status: 200, refusal: THROTTLED },
  apiError429: { status: 429, refusal: THROTTLED },
  apiError500: { status: 500, refusal: INTERNAL_ERROR },
  apiError502: { status: 502, refusal: INTERNAL_ERROR },
  apiError503: { status: 503, refusal: UNAVAILABLE },
};

/** A code-0 answer, as `answer` builds it (numbers as strings, like the official example). */
interface ShareAnswer {
  readonly code: '0';
  readonly message: '';
  readonly data: {
    readonly imageNum: string;
    readonly maxImgShareNum: string;
    readonly imageList: ReadonlyArray<{ readonly imageId: string; readonly shareUinInfo: ReadonlyArray<{ readonly uin: string; readonly shareTimeStamp: string }> }>;
  };
}

/** How each data fault changes a code-0 answer (see `DataFault`). */
const DATA_FAULTS: Record<DataFault, (answer: ShareAnswer) => object> = {
  wrongTypes: (answer) => {
    const { imageList } = answer.data;
    const withShare = imageList.findIndex((image) => image.shareUinInfo.length > 0);
    if (withShare < 0) return { ...answer, data: { ...answer.data, imageNum: { value: answer.data.imageNum } } };
    const [first, ...rest] = imageList[withShare].shareUinInfo;
    const mangled = { ...imageList[withShare], shareUinInfo: [{ ...first, uin: { value: first.uin } }, ...rest] };
    return { ...answer, data: { ...answer.data, imageList: imageList.map((image, index) => (index === withShare ? mangled : image)) } };
  },
  emptyResult: (answer) => ({ ...answer, data: { ...answer.data, imageNum: '0', imageList: [] } }),
  partialBatch: (answer) => {
    const kept = answer.data.imageList.slice(1);
    return { ...answer, data: { ...answer.data, imageNum: String(kept.length + 1), imageList: kept } };
  },
};

interface Refusal {
  readonly code: number;
  readonly message: string;
  readonly codeDesc: string;
}

/** Thrown by the checks below to stop at the first failed one, as the real server does. */
class Refused extends Error {
  constructor(readonly answer: Refusal) {
    super(answer.message);
  }
}

/**
The legacy v2 `GetImageShareUinInfo` at `/v2/index.php`: GET query or POST form, signature v1,
errors as HTTP 200 with a numeric `code`, success with numbers as strings (like the official example).
*/
export const tencentImageSharesRoute: EmulatorRoute = {
  matches: (method, pathname) => pathname === API_PATH && (method === 'GET' || method === 'POST'),
  actionOf: (request) => readFormParams(request).Action,
  handle: (request, context) => {
    const { fault } = context;
    // Error faults come before any check, so a faulted request consumes no nonce and the retry may reuse it.
    if (fault !== undefined && isApiErrorFault(fault)) return jsonResponse(FAULT_ANSWERS[fault].refusal, FAULT_ANSWERS[fault].status);
    try {
      const shares = answer(request, context);
      return jsonResponse(fault === undefined ? shares : DATA_FAULTS[fault](shares));
    } catch (error) {
      if (error instanceof Refused) return jsonResponse(error.answer);
      throw error;
    }
  },
};

function answer(request: EmulatorRequest, context: RouteContext): ShareAnswer {
  const params = readFormParams(request);
  if (request.method === 'POST' && !isForm(request)) refuse(4000, 'POST bodies must be application/x-www-form-urlencoded');
  if (params.Action !== ACTION) {
    refuse(4000, params.Action ? `Action ${params.Action} is not supported here (only ${ACTION})` : 'missing parameter Action');
  }
  const credential = authenticate(request, params, context.data);
  checkReplay(params, credential, context);
  const region = params.Region;
  if (!region) refuse(4000, 'missing parameter Region');
  const regions = context.data.tencent.regions;
  if (!Object.hasOwn(regions, region)) {
    refuse(4000, `Region ${region} is not in the emulator data (it has: ${Object.keys(regions).join(', ') || 'no regions'})`);
  }
  const images = regions[region];
  const imageList = readImageIds(params)
    .filter((imageId) => Object.hasOwn(images, imageId)) // the real API leaves unknown IDs out
    .map((imageId) => ({ imageId, shareUinInfo: images[imageId].map(({ uin, shareTimeStamp }) => ({ uin, shareTimeStamp })) }));
  return {
    code: '0',
    message: '',
    data: { imageNum: String(imageList.length), maxImgShareNum: String(context.data.tencent.maxImgShareNum), imageList },
  };
}

/** Finds the key, then checks signature and token, in the order the real API reports them. */
function authenticate(request: EmulatorRequest, params: Record<string, string>, data: EmulatorData): TencentEmulatorCredential {
  if (!params.SecretId) refuse(4000, 'missing parameter SecretId');
  const credential = data.credentials.tencent.find((candidate) => candidate.secretId === params.SecretId);
  if (credential === undefined) refuse(4104, 'SecretId does not exist or the key is disabled');
  if (!params.Signature) refuse(4100, 'missing parameter Signature');
  // The Host header exactly as received: a client must sign what it sends, port included.
  const expected = signV1(request.method as 'GET' | 'POST', request.headers.host ?? '', API_PATH, params, credential.secretKey);
  if (!sameSignature(params.Signature, expected)) refuse(4100, 'signature verification failed');
  if (credential.token !== undefined && params.Token !== credential.token) {
    refuse(4105, params.Token ? 'Token does not match the temporary key' : 'Token is required with a temporary key');
  }
  return credential;
}

function checkReplay(params: Record<string, string>, credential: TencentEmulatorCredential, context: RouteContext): void {
  if (!/^\d+$/.test(params.Timestamp ?? '')) refuse(4000, 'Timestamp must be Unix time in seconds');
  const timestampMs = Number(params.Timestamp) * 1000;
  const windowMs = context.replayWindowSeconds * 1000;
  const now = context.now();
  if (Math.abs(timestampMs - now) > windowMs) {
    refuse(4500, `Timestamp ${params.Timestamp} is ${Math.round(Math.abs(timestampMs - now) / 1000)} s from server time; at most ${context.replayWindowSeconds} s is allowed`);
  }
  if (!/^[1-9]\d*$/.test(params.Nonce ?? '')) refuse(4000, 'Nonce must be a positive integer');
  // Remembered until the timestamp itself goes stale: after that, a replay fails the check above.
  if (!context.nonces.remember(`tencent:${credential.secretId}`, params.Nonce, timestampMs + windowMs, now)) {
    refuse(4500, `Nonce ${params.Nonce} was already used with this SecretId`);
  }
}

/** `imageIds.0` … `imageIds.N`: 1 to 10 IDs, numbered from 0 without gaps. Duplicates are answered once. */
function readImageIds(params: Record<string, string>): string[] {
  const count = Object.keys(params).filter((name) => /^imageIds\.\d+$/.test(name)).length;
  if (count === 0) refuse(4000, 'missing parameter imageIds.0: give 1 to 10 image IDs as imageIds.0, imageIds.1, …');
  if (count > MAX_IMAGE_IDS) refuse(4000, `too many image IDs: ${count} given, at most ${MAX_IMAGE_IDS} per request`);
  const imageIds: string[] = [];
  for (let index = 0; index < count; index++) {
    const name = `imageIds.${index}`;
    if (!Object.hasOwn(params, name)) refuse(4000, `${name} is missing: number image IDs from imageIds.0 without gaps`);
    if (!IMAGE_ID.test(params[name])) {
      refuse(4000, `${name}=${JSON.stringify(params[name])} is not an image ID (img- followed by 8 lowercase letters or digits)`);
    }
    imageIds.push(params[name]);
  }
  return [...new Set(imageIds)];
}

function refusal(code: number, message: string): Refusal {
  return { code, message, codeDesc: CODE_DESCRIPTIONS[code] };
}

function refuse(code: number, message: string): never {
  throw new Refused(refusal(code, message));
}
