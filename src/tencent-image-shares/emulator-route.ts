import { isApiErrorFault, type ApiErrorFault, type DataFault } from '../emulator/emulator-faults';
import { jsonResponse, sameSignature, type EmulatorRequest, type EmulatorRoute, type RouteContext } from '../emulator/emulator-route';
import { formRoute, refuse as stopWith, type FormParams } from '../emulator/form-route';
import { EMULATOR_IMAGE_ID, tencentEmulatorSection, type TencentEmulatorCredential, type TencentEmulatorSection } from './emulator-data';
import { signV1 } from './signature';

const API_PATH = '/v2/index.php';
const ACTION = 'GetImageShareUinInfo';
const MAX_IMAGE_IDS = 10;

/** codeDesc sent with each legacy common code (some legacy modules send one; clients must not need it). */
const CODE_DESCRIPTIONS: Record<number, string> = {
  4000: 'InvalidParameter',
  4100: 'AuthFailure.SignatureFailure',
  4104: 'AuthFailure.SecretIdNotFound',
  4105: 'AuthFailure.TokenFailure',
  4400: 'RequestLimitExceeded',
  4500: 'AuthFailure.ReplayAttack',
  6000: 'InternalError',
  6100: 'UnsupportedOperation',
};

interface Refusal {
  readonly code: number;
  readonly message: string;
  readonly codeDesc: string;
}

const THROTTLED = refusal(4400, 'request quota exceeded, retry later');
const INTERNAL_ERROR = refusal(6000, 'internal server error, retry later');
const UNAVAILABLE = refusal(6200, 'the API is temporarily unavailable, retry later');
/** What the legacy endpoint answers once the API is switched off there (the data's `legacyApiRetired`). */
const RETIRED = refusal(6100, 'the API is not supported at this endpoint; use API 3.0 DescribeImageSharePermission');

/**
Each error fault's answer and the HTTP status it comes with. The legacy API reports every error as
HTTP 200; 4400 is its one throttling code, so every throttling fault answers it:

| kind | answer |
|---|---|
| `throttle`, `throttleApi`, `throttleGeneric` | HTTP 200, code 4400 |
| `internalError` | HTTP 200, code 6000 |
| `errorWith200` | HTTP 200, code 4400 (every legacy error is a 200) |
| `apiError429`, `apiError500`, `apiError502`, `apiError503` | that status, code 4400, 6000, 6000, 6200 |
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

/**
How each data fault changes a code-0 answer:
- `wrongTypes`: the first share's `uin` is an object (with no share in the answer, `imageNum` is);
- `emptyResult`: code 0, `imageNum` "0", `imageList` []. A well-formed answer: to a client, every
  image is not found, exactly as the real API says it;
- `partialBatch`: `imageList` loses its first image while `imageNum` still counts it.
*/
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

/**
The legacy v2 `GetImageShareUinInfo` at `/v2/index.php`: GET query or POST form, signature v1,
errors as HTTP 200 with a numeric `code`, success with numbers as strings (like the official example).
With the data's `legacyApiRetired`, every request gets code 6100 after the error-fault step (an
error fault still answers first; a data fault is spent on the refusal).
*/
export const tencentImageSharesRoute: EmulatorRoute<TencentEmulatorSection> = retirable(formRoute<TencentEmulatorSection, Refusal, ShareAnswer>({
  section: tencentEmulatorSection,
  path: API_PATH,
  notAForm: refusal(4000, 'POST bodies must be application/x-www-form-urlencoded'),
  admit: (request, params, context) => {
    if (params.Action !== ACTION) {
      refuse(4000, params.Action ? `Action ${params.Action} is not supported here (only ${ACTION})` : 'missing parameter Action');
    }
    return authenticate(request, params, context.credentials);
  },
  replay: {
    timestampMs: (params) => {
      if (!/^\d+$/.test(params.Timestamp ?? '')) refuse(4000, 'Timestamp must be Unix time in seconds');
      return Number(params.Timestamp) * 1000;
    },
    refuseStale: (params, distanceSeconds, windowSeconds) =>
      refuse(4500, `Timestamp ${params.Timestamp} is ${distanceSeconds} s from server time; at most ${windowSeconds} s is allowed`),
    nonce: (params) => {
      if (!/^[1-9]\d*$/.test(params.Nonce ?? '')) refuse(4000, 'Nonce must be a positive integer');
      return params.Nonce;
    },
    nonceScope: (credential) => `tencent:${credential.secretId}`,
    refuseReused: (nonce) => refuse(4500, `Nonce ${nonce} was already used with this SecretId`),
  },
  answer,
  sent: (shares) => shares,
  dataFaults: DATA_FAULTS,
  success: (body) => jsonResponse(body),
  refusal: (refused) => jsonResponse(refused),
  faultAnswer: (fault) => jsonResponse(FAULT_ANSWERS[fault].refusal, FAULT_ANSWERS[fault].status),
  log: {
    facts: (params) => ({ region: params.Region, imageIds: givenImageIds(params) }),
    // Unknown IDs are left out of the answer: the rest of the distinct IDs asked for were not found.
    counts: (shares, params) => ({ found: shares.data.imageList.length, notFound: new Set(givenImageIds(params)).size - shares.data.imageList.length }),
    code: (refused) => String(refused.code),
  },
}));

/** The v2 route, answering 6100 to every request (error faults aside) while the data says the API is retired. */
function retirable(route: EmulatorRoute<TencentEmulatorSection>): EmulatorRoute<TencentEmulatorSection> {
  return {
    ...route,
    handle: (request, context) => {
      const { fault } = context;
      if (!context.data.legacyApiRetired || (fault !== undefined && isApiErrorFault(fault))) return route.handle(request, context);
      return { ...jsonResponse(RETIRED), outcome: `error ${RETIRED.code}` };
    },
  };
}

/** The `imageIds.N` parameters in order, unchecked, for the request log. */
function givenImageIds(params: FormParams): string[] {
  return Object.keys(params)
    .map((name) => /^imageIds\.(\d+)$/.exec(name))
    .filter((match) => match !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((match) => params[match[0]]);
}

function answer(_request: EmulatorRequest, params: FormParams, context: RouteContext<TencentEmulatorSection>): ShareAnswer {
  const region = params.Region;
  if (!region) refuse(4000, 'missing parameter Region');
  const regions = context.data.regions;
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
    data: { imageNum: String(imageList.length), maxImgShareNum: String(context.data.maxImgShareNum), imageList },
  };
}

/** Finds the key, then checks signature and token, in the order the real API reports them. */
function authenticate(request: EmulatorRequest, params: FormParams, credentials: readonly TencentEmulatorCredential[]): TencentEmulatorCredential {
  if (!params.SecretId) refuse(4000, 'missing parameter SecretId');
  const credential = credentials.find((candidate) => candidate.secretId === params.SecretId);
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

/** `imageIds.0` … `imageIds.N`: 1 to 10 IDs, numbered from 0 without gaps. Duplicates are answered once. */
function readImageIds(params: FormParams): string[] {
  const count = Object.keys(params).filter((name) => /^imageIds\.\d+$/.test(name)).length;
  if (count === 0) refuse(4000, 'missing parameter imageIds.0: give 1 to 10 image IDs as imageIds.0, imageIds.1, …');
  if (count > MAX_IMAGE_IDS) refuse(4000, `too many image IDs: ${count} given, at most ${MAX_IMAGE_IDS} per request`);
  const imageIds: string[] = [];
  for (let index = 0; index < count; index++) {
    const name = `imageIds.${index}`;
    if (!Object.hasOwn(params, name)) refuse(4000, `${name} is missing: number image IDs from imageIds.0 without gaps`);
    if (!EMULATOR_IMAGE_ID.test(params[name])) {
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
  return stopWith(refusal(code, message));
}
