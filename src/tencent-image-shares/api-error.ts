import { TENCENT_CREDENTIALS_HINT } from './client-config';
import { isTransientStatus, type CallContext } from '../http/call-context';
import { LookupCallError } from '../http/errors';

/** The API's throttling code: the request quota is exceeded. */
const THROTTLED = 4400;
/** Codes worth another attempt: throttling (4400) and transient server faults. */
const RETRYABLE_CODES = new Set([THROTTLED, 5100, 6000, 6200]);
/** The signature was refused as replayed or stale: sign afresh and try once more. */
const REPLAY_REFUSAL = 4500;
/** The endpoint no longer serves this API: the legacy v2 API is switched off there. */
const NOT_SUPPORTED_HERE = 6100;

/** What each documented common code means, for messages. */
const CODE_MEANINGS: Record<number, string> = {
  4000: 'invalid request parameter',
  4100: 'authentication failed: the signature was refused',
  4101: 'this sub-account may not call the API (CAM)',
  4102: 'not authorized to access the resource',
  4103: 'not authorized for the resources this API operates on',
  4104: 'the SecretId does not exist or the key is disabled',
  4105: 'the security token is invalid',
  4106: 'MFA verification failed',
  4110: 'CAM authentication failed',
  4300: 'access denied',
  4400: 'request quota exceeded (throttled)',
  4500: 'replay refused: the nonce was reused or the timestamp is too far from server time',
  4600: 'protocol not supported: HTTPS only',
  5000: 'the resource does not exist or belongs to another account',
  5100: 'the operation failed, retry later',
  6000: 'internal server error',
  6100: 'the API is not supported at this endpoint',
  6200: 'the API is temporarily unavailable',
};

/** What a legacy answer's envelope said. */
export interface TencentApiErrorDetails {
  readonly apiCode: number;
  /** The API's message and codeDesc, with anything of the request's secrets redacted. */
  readonly apiMessage: string;
  /** The HTTP status it came with (200 for most: the legacy API reports errors in the body). */
  readonly status: number;
  readonly requestId?: string;
}

/**
A non-zero `code` from the legacy Tencent Cloud API, at any HTTP status (a 503 with a JSON envelope
keeps its code). Carries everything needed to act on it; never the SecretId, key, token or signature.

Retried: throttling and transient faults (4400, 5100, 6000, 6200), and an undocumented code that
comes with HTTP 429 or 5xx. Never retried: auth (41xx), parameter (4000) and not-found (5000) codes.
4500 is re-signed once. 6100 (the endpoint no longer serves the API) suggests the API 3.0 switch.
*/
export class TencentApiError extends LookupCallError {
  readonly details: TencentApiErrorDetails & { readonly action: string; readonly region: string; readonly imageIds: readonly string[] };

  constructor(details: TencentApiErrorDetails, call: { readonly context: CallContext; readonly attempt: number }) {
    const { apiCode, apiMessage, status, requestId } = details;
    const meaning = CODE_MEANINGS[apiCode] ?? 'undocumented code';
    const isAuth = apiCode >= 4100 && apiCode <= 4110;
    super('TencentApiError',
      `The API answered code ${apiCode} (${meaning})${status !== 200 ? ` with HTTP ${status}` : ''}${apiMessage ? `: ${apiMessage}` : ''}`, {
        ...call,
        requestId,
        retryable: RETRYABLE_CODES.has(apiCode) || (isTransientStatus(status) && CODE_MEANINGS[apiCode] === undefined),
        needsResign: apiCode === REPLAY_REFUSAL,
        throttled: apiCode === THROTTLED || status === 429,
        hint: isAuth ? TENCENT_CREDENTIALS_HINT
          : apiCode === REPLAY_REFUSAL ? 'Check this machine\'s clock: it must be within 5 minutes of the server\'s'
            : apiCode === NOT_SUPPORTED_HERE ? 'GetImageShareUinInfo is legacy: switch to its CVM API 3.0 successor with the prop ' +
              'api: \'DescribeImageSharePermission\' (or IMAGE_LOOKUPS_TENCENT_API=DescribeImageSharePermission; TENCENTCLOUD_CVM_ENDPOINT ' +
              'overrides its endpoint). It needs the CAM permission cvm:DescribeImageSharePermission' : undefined,
      });
    this.details = { ...details, action: call.context.action, region: call.context.region, imageIds: call.context.imageIds };
  }

  get apiCode(): number {
    return this.details.apiCode;
  }

  /** 4500: the request must be signed again with a fresh nonce and timestamp. */
  get isReplayRefusal(): boolean {
    return this.details.apiCode === REPLAY_REFUSAL;
  }
}
