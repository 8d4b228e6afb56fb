import { isTransientStatus, type CallContext } from '../http/call-context';
import { LookupCallError } from '../http/errors';

/** The API's throttling codes: the caller's flow control, the API's, and the generic one. */
const THROTTLING_CODES = new Set(['Throttling', 'Throttling.User', 'Throttling.Api']);
/** Throttling and transient faults: worth another attempt after a backoff. */
const RETRYABLE_CODES = new Set([...THROTTLING_CODES, 'ServiceUnavailable', 'InternalError']);
/** The signature was refused as stale or replayed: sign afresh and try once more. */
const RESIGN_CODES = new Set(['InvalidTimeStamp.Expired', 'SignatureNonceUsed']);
/** Refusals no retry fixes, whatever the status: auth, permissions, parameters, not found. */
const DEFINITE_REFUSAL = /^(SignatureDoesNotMatch|IncompleteSignature|InvalidAccessKeyId|InvalidSecurityToken|MissingSecurityToken|Forbidden|NoSuchResource|InvalidParameter|MissingParameter|Missing[A-Z]|InvalidApi|InvalidSignatureMethod|InvalidTimeStamp|InvalidVersion|InvalidAction)/;

/** What a VOD error answer (`{RequestId, HostId, Code, Message}`) said. */
export interface AliyunVodApiErrorDetails {
  readonly apiCode: string;
  /** The API's message, with anything of the request's secrets redacted (VOD echoes its string to sign). */
  readonly apiMessage: string;
  readonly status: number;
  readonly requestId?: string;
  readonly hostId?: string;
}

/**
An error answer of the VOD API, at any HTTP status (an error body with 200 included). Classified
by `Code`, not by HTTP status: Alibaba's documents disagree on the statuses. Retried: throttling and
transient codes, and an unknown code that comes with HTTP 429 or 5xx. Never carries a key, token or
signature.
*/
export class AliyunVodApiError extends LookupCallError {
  readonly details: AliyunVodApiErrorDetails & { readonly action: string; readonly region: string; readonly imageIds: readonly string[] };

  constructor(details: AliyunVodApiErrorDetails, call: { readonly context: CallContext; readonly attempt: number }) {
    const { apiCode, apiMessage, status, requestId } = details;
    super('AliyunVodApiError', `The API answered ${apiCode} (HTTP ${status})${apiMessage ? `: ${apiMessage}` : ''}`, {
      ...call,
      requestId,
      retryable: RETRYABLE_CODES.has(apiCode) || (isTransientStatus(status) && !DEFINITE_REFUSAL.test(apiCode) && !RESIGN_CODES.has(apiCode)),
      needsResign: RESIGN_CODES.has(apiCode),
      throttled: THROTTLING_CODES.has(apiCode) || status === 429,
      hint: hintFor(apiCode),
    });
    this.details = { ...details, action: call.context.action, region: call.context.region, imageIds: call.context.imageIds };
  }

  get apiCode(): string {
    return this.details.apiCode;
  }
}

function hintFor(code: string): string | undefined {
  if (code === 'SignatureDoesNotMatch' || code.startsWith('InvalidAccessKeyId') || code.startsWith('InvalidSecurityToken')) {
    return 'Check ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY and ALICLOUD_SECURITY_TOKEN (or the ALIBABA_CLOUD_* equivalents)';
  }
  if (code.startsWith('Forbidden')) return 'The RAM user needs vod:GetImageInfo (and vod:GetImageInfos)';
  if (RESIGN_CODES.has(code)) return 'Check this machine\'s clock: it must be within 15 minutes of the server\'s';
  return undefined;
}
