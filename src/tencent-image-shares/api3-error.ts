import { TENCENT_CREDENTIALS_HINT } from './client-config';
import { isTransientStatus, type CallContext } from '../http/call-context';
import { LookupCallError } from '../http/errors';

/** The CAM permission DescribeImageSharePermission needs. */
export const SHARE_PERMISSION_CAM_ACTION = 'cvm:DescribeImageSharePermission';

/** The codes of a real "not found": the image does not exist in the region, or not for this account. Cached, not errors. */
const NOT_FOUND_CODES = new Set(['InvalidImageId.NotFound', 'ResourceNotFound']);

const CREDENTIALS_HINT = TENCENT_CREDENTIALS_HINT;
const PERMISSION_HINT = `The CAM user or role of this SecretId needs the permission ${SHARE_PERMISSION_CAM_ACTION}: ` +
  'grant it with a CAM policy such as {"version":"2.0","statement":[{"effect":"allow","action":["cvm:DescribeImageSharePermission"],"resource":["*"]}]}';
const IMAGE_ID_HINT = 'Give an image ID such as img-6pb6lrmy (img- followed by 8 lowercase letters or digits)';
const PARAMETER_HINT = 'Check the image ID and the region; if they are right, report this with its RequestId';
const REPORT_HINT = 'The request was not what the API expects: report this with its RequestId';
const ENDPOINT_HINT = 'Check the endpoint (the endpoint prop or TENCENTCLOUD_CVM_ENDPOINT): it must be a CVM API 3.0 origin such as https://cvm.tencentcloudapi.com';

/** What each documented code means, and what to do about it when that is not "retry later". */
const CODES: Record<string, { readonly meaning: string; readonly hint?: string }> = {
  'AuthFailure.SignatureFailure': { meaning: 'the signature was refused', hint: CREDENTIALS_HINT },
  'AuthFailure.SignatureExpire': {
    meaning: 'the signature expired: X-TC-Timestamp is more than 5 minutes from server time',
    hint: 'Check this machine\'s clock: it must be within 5 minutes of the server\'s (sync it with NTP)',
  },
  'AuthFailure.SecretIdNotFound': { meaning: 'the SecretId does not exist or the key is disabled', hint: CREDENTIALS_HINT },
  'AuthFailure.InvalidSecretId': { meaning: 'the SecretId is not a valid key ID', hint: CREDENTIALS_HINT },
  'AuthFailure.TokenFailure': {
    meaning: 'the security token is invalid or expired',
    hint: 'Temporary (STS) credentials need their current token: check TENCENTCLOUD_SECURITY_TOKEN (or the securityToken prop), and renew them if they expired',
  },
  'AuthFailure.InvalidAuthorization': { meaning: 'the Authorization header is malformed', hint: CREDENTIALS_HINT },
  'AuthFailure.MFAFailure': { meaning: 'MFA verification failed', hint: CREDENTIALS_HINT },
  'AuthFailure.UnauthorizedOperation': { meaning: 'this key may not call the API (CAM)', hint: PERMISSION_HINT },
  UnauthorizedOperation: { meaning: 'not authorized (CAM)', hint: PERMISSION_HINT },
  'InvalidImageId.NotFound': { meaning: 'the image does not exist' },
  ResourceNotFound: { meaning: 'the resource does not exist' },
  'InvalidImageId.Malformed': { meaning: 'the image ID is malformed', hint: IMAGE_ID_HINT },
  InvalidParameter: { meaning: 'invalid parameter', hint: PARAMETER_HINT },
  InvalidParameterValue: { meaning: 'invalid parameter value', hint: PARAMETER_HINT },
  MissingParameter: { meaning: 'a required parameter is missing', hint: REPORT_HINT },
  UnknownParameter: { meaning: 'an unknown parameter', hint: REPORT_HINT },
  UnsupportedRegion: {
    meaning: 'the API is not offered in this region',
    hint: 'Check the region prop or TENCENTCLOUD_REGION (finance regions, *-fsi, need their regional endpoint cvm.<region>.tencentcloudapi.com)',
  },
  InvalidAction: { meaning: 'the endpoint does not know the action', hint: ENDPOINT_HINT },
  NoSuchVersion: { meaning: 'the endpoint does not know the API version 2017-03-12', hint: ENDPOINT_HINT },
  UnsupportedProtocol: { meaning: 'HTTPS only', hint: ENDPOINT_HINT },
  UnsupportedOperation: { meaning: 'the operation is not supported' },
  InternalError: { meaning: 'internal server error' },
  ServiceUnavailable: { meaning: 'the service is temporarily unavailable' },
  RequestLimitExceeded: { meaning: 'request rate limit exceeded (throttled)' },
  'RequestLimitExceeded.UinLimitExceeded': { meaning: 'the account\'s request rate limit exceeded (throttled)' },
  'RequestLimitExceeded.IPLimitExceeded': { meaning: 'this IP\'s request rate limit exceeded (throttled)' },
};

/** The hints of the codes the table does not list, by family (`AuthFailure.MFAFailure` is an AuthFailure). */
const FAMILY_HINTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^AuthFailure\./, CREDENTIALS_HINT],
  [/^UnauthorizedOperation\./, PERMISSION_HINT],
  [/^InvalidImageId\./, IMAGE_ID_HINT],
  [/^InvalidParameter/, PARAMETER_HINT],
  [/^(MissingParameter|UnknownParameter)\./, REPORT_HINT],
  [/^RequestLimitExceeded(\.|$)/, 'If this persists, lower requestsPerSecond (or IMAGE_LOOKUPS_TENCENT_API3_RPS): every client of this account shares its limit'],
];

function hintOf(code: string, known: { readonly hint?: string } | undefined): string | undefined {
  return known?.hint ?? FAMILY_HINTS.find(([family]) => family.test(code))?.[1];
}

/** Throttling: `RequestLimitExceeded` and its variants (`.UinLimitExceeded`, `.IPLimitExceeded`, any later one). */
function isThrottlingCode(code: string): boolean {
  return code === 'RequestLimitExceeded' || code.startsWith('RequestLimitExceeded.');
}

/** Transient faults: worth another attempt after a backoff. */
function isTransientCode(code: string): boolean {
  return isThrottlingCode(code) || code === 'InternalError' || code.startsWith('InternalError.') || code === 'ServiceUnavailable';
}

/** Refusals no retry fixes, whatever the status: auth, permissions, parameters, region, endpoint, not found. */
const DEFINITE_REFUSAL = /^(AuthFailure|UnauthorizedOperation|InvalidImageId|InvalidParameter[A-Za-z]*|MissingParameter|UnknownParameter|UnsupportedRegion|UnsupportedProtocol|UnsupportedOperation|InvalidAction|NoSuchVersion|ResourceNotFound)(\.|$)/;

/** What an API 3.0 error answer (`Response.Error`) said. */
export interface TencentApi3ErrorDetails {
  /** `Response.Error.Code`, e.g. `AuthFailure.SignatureFailure`. */
  readonly apiCode: string;
  /** `Response.Error.Message`, with anything of the request's secrets redacted. */
  readonly apiMessage: string;
  /** The HTTP status it came with (200 for most: API 3.0 reports errors in the body). */
  readonly status: number;
  /** `Response.RequestId`. */
  readonly requestId?: string;
}

/**
An error answer of Tencent Cloud API 3.0 (`{"Response": {"Error": {Code, Message}, RequestId}}`), at
any HTTP status. Classified by its code; never carries the SecretId, key, token or signature.

Retried after a backoff: throttling (`RequestLimitExceeded` and its variants, also marked
`throttled`), `InternalError`, `ServiceUnavailable`, and an undocumented code that comes with HTTP
429 or 5xx. Never retried, with a hint saying what to fix: `AuthFailure.*` (the clock for
`AuthFailure.SignatureExpire`), `UnauthorizedOperation` (the CAM permission), `InvalidImageId.*`,
`InvalidParameter*`, `MissingParameter`, `UnsupportedRegion`, `InvalidAction`, `NoSuchVersion`, and
the not-found codes, which a client turns into a "not found" outcome (see `isNotFound`).
*/
export class TencentApi3Error extends LookupCallError {
  readonly details: TencentApi3ErrorDetails & { readonly action: string; readonly region: string; readonly imageIds: readonly string[] };

  constructor(details: TencentApi3ErrorDetails, call: { readonly context: CallContext; readonly attempt: number }) {
    const { apiCode, apiMessage, status, requestId } = details;
    const known = Object.hasOwn(CODES, apiCode) ? CODES[apiCode] : undefined;
    super('TencentApi3Error',
      `The API answered ${apiCode} (${known?.meaning ?? 'undocumented code'})${status !== 200 ? ` with HTTP ${status}` : ''}${apiMessage ? `: ${apiMessage}` : ''}`, {
        ...call,
        requestId,
        retryable: isTransientCode(apiCode) || (isTransientStatus(status) && !DEFINITE_REFUSAL.test(apiCode)),
        throttled: isThrottlingCode(apiCode) || status === 429,
        hint: hintOf(apiCode, known),
      });
    this.details = { ...details, action: call.context.action, region: call.context.region, imageIds: call.context.imageIds };
  }

  get apiCode(): string {
    return this.details.apiCode;
  }

  /** `InvalidImageId.NotFound` or `ResourceNotFound`: a real answer that the image does not exist, cached as such. */
  get isNotFound(): boolean {
    return NOT_FOUND_CODES.has(this.details.apiCode);
  }
}
