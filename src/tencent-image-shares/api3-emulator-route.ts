import { randomUUID } from 'node:crypto';
import { isApiErrorFault, type ApiErrorFault, type DataFault } from '../emulator/emulator-faults';
import {
  jsonResponse, sameSignature, type EmulatorRequest, type EmulatorResponse, type EmulatorRoute, type RequestFacts, type RouteContext,
} from '../emulator/emulator-route';
import {
  EMULATOR_API3_REQUESTS_PER_SECOND, EMULATOR_IMAGE_ID, tencentEmulatorSection, type TencentEmulatorCredential, type TencentEmulatorSection,
} from './emulator-data';
import { parseTc3Authorization, signTc3, TC3_SIGNED_HEADERS } from './tc3-signature';

const API_PATH = '/';
const ACTION = 'DescribeImageSharePermission';
const VERSION = '2017-03-12';
/** The service of the credential scope: CVM's, whatever host the request was sent to. */
const SERVICE = 'cvm';
/** The headers the emulator rebuilds, as every client of this library and the official SDK sign them. */
const SIGNED_HEADERS = TC3_SIGNED_HEADERS;
/** API 3.0's documented clock window: a timestamp more than 5 minutes off is AuthFailure.SignatureExpire. */
const SIGNATURE_WINDOW_SECONDS = 300;
const RATE_WINDOW_MS = 1000;
const MAX_QUOTED_LENGTH = 64;

/** One API 3.0 error: `Response.Error` and the HTTP status it comes with (200 for every real refusal). */
interface Refusal {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/** Thrown to stop at the first failed check, as the real server does. */
class Api3Refusal extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

function refuse(code: string, message: string): never {
  throw new Api3Refusal({ status: 200, code, message });
}

const THROTTLED_MESSAGE = 'Your request frequency has exceeded the limit, retry later.';
const INTERNAL_MESSAGE = 'An internal error occurred, retry later.';

/**
Each error fault's answer in API 3.0's dialect, before any check of the request (so it counts in no
rate window). API 3.0 reports its errors as HTTP 200, so only the `apiError…` kinds change the status:

| kind | answer |
|---|---|
| `throttle` | HTTP 200, `RequestLimitExceeded.UinLimitExceeded` (the account's own limit) |
| `throttleApi` | HTTP 200, `RequestLimitExceeded` (the API's limit) |
| `throttleGeneric` | HTTP 200, `RequestLimitExceeded.IPLimitExceeded` |
| `internalError` | HTTP 200, `InternalError` |
| `errorWith200` | HTTP 200, `RequestLimitExceeded` |
| `apiError429` | HTTP 429, `RequestLimitExceeded` |
| `apiError500`, `apiError502` | that status, `InternalError` |
| `apiError503` | HTTP 503, `ServiceUnavailable` |
*/
const FAULT_ANSWERS: Record<ApiErrorFault, Refusal> = {
  throttle: { status: 200, code: 'RequestLimitExceeded.UinLimitExceeded', message: THROTTLED_MESSAGE },
  throttleApi: { status: 200, code: 'RequestLimitExceeded', message: THROTTLED_MESSAGE },
  throttleGeneric: { status: 200, code: 'RequestLimitExceeded.IPLimitExceeded', message: THROTTLED_MESSAGE },
  internalError: { status: 200, code: 'InternalError', message: INTERNAL_MESSAGE },
  errorWith200: { status: 200, code: 'RequestLimitExceeded', message: THROTTLED_MESSAGE },
  apiError429: { status: 429, code: 'RequestLimitExceeded', message: THROTTLED_MESSAGE },
  apiError500: { status: 500, code: 'InternalError', message: INTERNAL_MESSAGE },
  apiError502: { status: 502, code: 'InternalError', message: INTERNAL_MESSAGE },
  apiError503: { status: 503, code: 'ServiceUnavailable', message: 'The service is temporarily unavailable, retry later.' },
};

interface SharePermission {
  /** UTC, `YYYY-MM-DDThh:mm:ssZ`. */
  readonly CreatedTime: string;
  readonly AccountId: string;
}

/** A successful answer's data, RequestId aside. */
interface PermissionAnswer {
  readonly SharePermissionSet: readonly SharePermission[];
}

/**
How each data fault changes a successful answer (one image per call, so the one result is the list):
- `wrongTypes`: the first share's `AccountId` is an object (with no share, `SharePermissionSet` is a string);
- `emptyResult`: `SharePermissionSet` []: a well-formed answer, the image shared with nobody;
- `partialBatch`: no `SharePermissionSet` at all, while the answer is a success for the image asked for.
*/
const DATA_FAULTS: Record<DataFault, (answer: PermissionAnswer) => object> = {
  wrongTypes: ({ SharePermissionSet: set }) => {
    if (set.length === 0) return { SharePermissionSet: JSON.stringify(set) };
    const [first, ...rest] = set;
    return { SharePermissionSet: [{ ...first, AccountId: { value: first.AccountId } }, ...rest] };
  },
  emptyResult: () => ({ SharePermissionSet: [] }),
  partialBatch: () => ({}),
};

/** Where each emulator keeps its windows (`RouteContext.state`): arrival times of counted requests, by SecretId. */
const RATE_WINDOWS = { of: 'Tencent API 3.0 rate windows' };
type RateWindows = Map<string, number[]>;

/**
Tencent CVM API 3.0 `DescribeImageSharePermission` at POST `/` with an `X-TC-Action` header (VOD
also lives at `/` and sends none): TC3-HMAC-SHA256, a JSON body `{"ImageId"}`, every answer HTTP
200 with `Response.RequestId`, errors as `Response.Error {Code, Message}`. Serves the `tencent`
section's share data, as the v2 route does: its Beijing `shareTimeStamp` becomes `CreatedTime` in UTC.

The checks, in order, each refusing with the first failure: an error fault (before any check); the
method and Content-Type; X-TC-Action; X-TC-Version; the key (Authorization → SecretIdNotFound),
X-TC-Timestamp (SignatureExpire, more than 300 s off), the signature (SignatureFailure, over the
Host and Content-Type headers as received and the raw body) and X-TC-Token (TokenFailure); the rate
limit; X-TC-Region; the body's ImageId; the image.

The rate limit is a sliding one-second window per SecretId (`api3RequestsPerSecond` of the data,
0 for none): a request is refused `RequestLimitExceeded` when as many as the limit already arrived
in (now − 1000 ms, now]. Only requests that passed authentication count (a request that cannot be
tied to a key is no key's call), and a refused one does not (else a client retrying too early would
keep its window full for ever); the ones refused after the limit (an unknown image) do. The windows
are time-based, so `resetStats` leaves them alone.
*/
export const tencentSharePermissionRoute: EmulatorRoute<TencentEmulatorSection> = {
  section: tencentEmulatorSection,
  matches: (method, pathname, headers) => pathname === API_PATH && (method === 'POST' || method === 'GET') && headers['x-tc-action'] !== undefined,
  actionOf: (request) => headerOf(request, 'x-tc-action'),
  factsOf: (request) => factsOf(request),
  handle: (request, context) => {
    const { fault } = context;
    if (fault !== undefined && isApiErrorFault(fault)) {
      const faulted = FAULT_ANSWERS[fault];
      return { ...errorResponse(faulted), outcome: `error (the fault's answer, HTTP ${faulted.status})` };
    }
    try {
      const answer = answerOf(request, context);
      // A refused request keeps its refusal: the data fault is spent on it.
      const body = fault === undefined ? answer : DATA_FAULTS[fault](answer);
      return { ...jsonResponse({ Response: { ...body, RequestId: randomUUID() } }), outcome: 'found 1, notFound 0' };
    } catch (error) {
      if (error instanceof Api3Refusal) return { ...errorResponse(error.refusal), outcome: `error ${error.refusal.code}` };
      throw error;
    }
  },
};

function answerOf(request: EmulatorRequest, context: RouteContext<TencentEmulatorSection>): PermissionAnswer {
  checkProtocol(request);
  const action = headerOf(request, 'x-tc-action');
  if (action !== ACTION) refuse('InvalidAction', `The action ${quoted(action ?? '')} does not exist here (the emulator serves ${ACTION} at this path)`);
  const version = headerOf(request, 'x-tc-version');
  if (!version) refuse('MissingParameter', `The header X-TC-Version is missing: send ${VERSION}`);
  if (version !== VERSION) refuse('NoSuchVersion', `Version ${quoted(version)} of ${ACTION} does not exist: send ${VERSION}`);
  const credential = authenticate(request, context);
  checkRate(request, credential, context);
  const region = headerOf(request, 'x-tc-region');
  if (!region) refuse('MissingParameter', `The header X-TC-Region is missing: ${ACTION} needs the image's region, e.g. ap-guangzhou`);
  const { regions } = context.data;
  if (!Object.hasOwn(regions, region)) {
    refuse('UnsupportedRegion', `Region ${quoted(region)} is not supported (the emulator data has: ${Object.keys(regions).join(', ') || 'no regions'})`);
  }
  const imageId = readImageId(request);
  const images = regions[region];
  if (!Object.hasOwn(images, imageId)) refuse('InvalidImageId.NotFound', `The image ${imageId} does not exist in ${region}`);
  return { SharePermissionSet: images[imageId].map(({ uin, shareTimeStamp }) => ({ CreatedTime: utcOfBeijing(shareTimeStamp), AccountId: uin })) };
}

/** The emulator serves what this library sends: a POST with a JSON body (the real API also takes GET). */
function checkProtocol(request: EmulatorRequest): void {
  if (request.method !== 'POST') refuse('InvalidParameter', `The emulator serves ${ACTION} over POST with a JSON body, not ${request.method}`);
  const contentType = headerOf(request, 'content-type') ?? '';
  if (contentType.split(';')[0].trim().toLowerCase() !== 'application/json') {
    refuse('InvalidParameter', `Content-Type must be application/json (the body is JSON), not ${quoted(contentType)}`);
  }
}

/** Finds the key, then checks the timestamp, the signature and the token, in the order the real API reports them. */
function authenticate(request: EmulatorRequest, context: RouteContext<TencentEmulatorSection>): TencentEmulatorCredential {
  const authorization = parseTc3Authorization(headerOf(request, 'authorization'));
  if (authorization === undefined) {
    refuse('AuthFailure.InvalidAuthorization', `The Authorization header is missing or not of the form TC3-HMAC-SHA256 Credential=<SecretId>/<date>/${SERVICE}/tc3_request, SignedHeaders=${SIGNED_HEADERS}, Signature=<hex>`);
  }
  const credential = context.credentials.find((candidate) => candidate.secretId === authorization.secretId);
  if (credential === undefined) refuse('AuthFailure.SecretIdNotFound', 'The SecretId does not exist or the key is disabled');
  const timestampText = headerOf(request, 'x-tc-timestamp');
  if (!timestampText) refuse('MissingParameter', 'The header X-TC-Timestamp is missing: send the Unix time in seconds');
  if (!/^\d+$/.test(timestampText)) refuse('InvalidParameter', `X-TC-Timestamp ${quoted(timestampText)} is not Unix time in seconds`);
  const timestamp = Number(timestampText);
  const distanceSeconds = Math.abs(timestamp * 1000 - context.now()) / 1000;
  if (distanceSeconds > SIGNATURE_WINDOW_SECONDS) {
    refuse('AuthFailure.SignatureExpire', `X-TC-Timestamp ${timestamp} is ${Math.round(distanceSeconds)} s from server time; at most ${SIGNATURE_WINDOW_SECONDS} s is allowed: check the clock`);
  }
  if (authorization.signedHeaders !== SIGNED_HEADERS) {
    refuse('AuthFailure.SignatureFailure', `SignedHeaders ${quoted(authorization.signedHeaders)} is not ${SIGNED_HEADERS} (the headers the emulator checks)`);
  }
  // The Host and Content-Type headers exactly as received, and the body as sent: a client signs what it sends.
  const expected = signTc3({
    secretId: credential.secretId,
    secretKey: credential.secretKey,
    service: SERVICE,
    host: headerOf(request, 'host') ?? '',
    contentType: headerOf(request, 'content-type') ?? '',
    payload: request.body,
    timestamp,
  });
  if (authorization.credentialScope !== expected.credentialScope) {
    refuse('AuthFailure.SignatureFailure', `The credential scope ${quoted(authorization.credentialScope)} is not ${expected.credentialScope} (the UTC date of X-TC-Timestamp, the service ${SERVICE})`);
  }
  if (!sameSignature(authorization.signature, expected.signature)) refuse('AuthFailure.SignatureFailure', 'The signature verification failed');
  if (credential.token !== undefined && headerOf(request, 'x-tc-token') !== credential.token) {
    refuse('AuthFailure.TokenFailure', headerOf(request, 'x-tc-token') ? 'X-TC-Token does not match the temporary key' : 'X-TC-Token is required with a temporary key');
  }
  return credential;
}

/** The sliding window of the route's comment; counts the request when it passes. */
function checkRate(request: EmulatorRequest, credential: TencentEmulatorCredential, context: RouteContext<TencentEmulatorSection>): void {
  const limit = context.data.api3RequestsPerSecond ?? EMULATOR_API3_REQUESTS_PER_SECOND;
  if (limit === 0) return;
  const windows = context.state<RateWindows>(RATE_WINDOWS, () => new Map());
  // Counted at arrival, as a front end counts: neither the emulator's latency nor a slow body moves a request in the window.
  const now = request.receivedAtMs;
  // Arrivals after `now` (a test's clock set back) are kept but not counted.
  const kept = (windows.get(credential.secretId) ?? []).filter((at) => at > now - RATE_WINDOW_MS);
  windows.set(credential.secretId, kept);
  if (kept.filter((at) => at <= now).length >= limit) {
    refuse('RequestLimitExceeded', `${THROTTLED_MESSAGE} At most ${limit} requests per second per SecretId.`);
  }
  kept.push(now);
}

/** The body's ImageId: the only parameter, an image ID of the documented shape. */
function readImageId(request: EmulatorRequest): string {
  const example = '{"ImageId":"img-xxxxxxxx"}';
  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    refuse('InvalidParameter', `The body is not JSON: send ${example}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) refuse('InvalidParameter', `The body must be a JSON object: send ${example}`);
  if (!Object.hasOwn(body, 'ImageId')) refuse('MissingParameter', `The parameter ImageId is missing: send ${example}`);
  const unknown = Object.keys(body).find((name) => name !== 'ImageId');
  if (unknown !== undefined) refuse('UnknownParameter', `The parameter ${quoted(unknown)} is not a parameter of ${ACTION} (it takes ImageId only)`);
  const imageId = (body as { ImageId: unknown }).ImageId;
  if (typeof imageId !== 'string' || !EMULATOR_IMAGE_ID.test(imageId)) {
    refuse('InvalidImageId.Malformed', `ImageId ${cut(JSON.stringify(imageId) ?? String(imageId))} is not an image ID (img- followed by 8 lowercase letters or digits)`);
  }
  return imageId;
}

/** The region and image ID a request names, read without any check, for the request log. */
function factsOf(request: EmulatorRequest): RequestFacts {
  let imageId: unknown;
  try {
    imageId = (JSON.parse(request.body) as { ImageId?: unknown } | null)?.ImageId;
  } catch {
    // a body that is not JSON names no image
  }
  return { region: headerOf(request, 'x-tc-region'), imageIds: typeof imageId === 'string' ? [imageId] : undefined };
}

/** The data's `2016-01-13 15:16:53` (Beijing, UTC+8) as API 3.0 sends it: `2016-01-13T07:16:53Z`. */
export function utcOfBeijing(shareTimeStamp: string): string {
  return new Date(`${shareTimeStamp.replace(' ', 'T')}+08:00`).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function errorResponse(refusal: Refusal): EmulatorResponse {
  return jsonResponse({ Response: { Error: { Code: refusal.code, Message: refusal.message }, RequestId: randomUUID() } }, refusal.status);
}

/** A header's value (the first, if repeated). */
function headerOf(request: EmulatorRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A value the client sent, quoted and cut, so a message stays one short line. */
function quoted(value: string): string {
  return JSON.stringify(cut(value));
}

function cut(value: string): string {
  return value.length > MAX_QUOTED_LENGTH ? `${value.slice(0, MAX_QUOTED_LENGTH)}…` : value;
}
