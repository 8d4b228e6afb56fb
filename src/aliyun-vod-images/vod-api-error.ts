import { LookupError } from '../engine/errors';

/** Throttling and transient faults: worth another attempt after a backoff. */
const RETRYABLE_CODES = new Set(['Throttling', 'Throttling.User', 'Throttling.Api', 'ServiceUnavailable', 'InternalError']);
/** The signature was refused as stale or replayed: sign afresh and try once more. */
const RESIGN_CODES = new Set(['InvalidTimeStamp.Expired', 'SignatureNonceUsed']);

/**
An error answer of the VOD API (`{RequestId, HostId, Code, Message}`). Classified by `Code`, not
by HTTP status: Alibaba's documents disagree on the statuses. Never carries a key, token or signature.
*/
export class AliyunVodApiError extends LookupError {
  readonly retryable: boolean;
  readonly needsResign: boolean;

  constructor(readonly details: {
    readonly apiCode: string;
    readonly apiMessage: string;
    readonly status: number;
    readonly action: string;
    readonly region: string;
    readonly imageIds: readonly string[];
    readonly requestId?: string;
    readonly hostId?: string;
  }) {
    super('AliyunVodApiError',
      `${details.action} in ${details.region} for ${details.imageIds.join(', ')} failed with ${details.apiCode} (HTTP ${details.status})` +
      `${details.apiMessage ? `: ${details.apiMessage}` : ''}${details.requestId ? ` [RequestId ${details.requestId}]` : ''}${hintFor(details.apiCode)}`);
    this.retryable = RETRYABLE_CODES.has(details.apiCode);
    this.needsResign = RESIGN_CODES.has(details.apiCode);
  }

  get apiCode(): string {
    return this.details.apiCode;
  }
}

function hintFor(code: string): string {
  if (code === 'SignatureDoesNotMatch' || code.startsWith('InvalidAccessKeyId') || code.startsWith('InvalidSecurityToken')) {
    return '. Check ALICLOUD_ACCESS_KEY, ALICLOUD_SECRET_KEY and ALICLOUD_SECURITY_TOKEN (or the ALIBABA_CLOUD_* equivalents).';
  }
  if (code.startsWith('Forbidden')) return '. The RAM user needs vod:GetImageInfo (and vod:GetImageInfos).';
  return '';
}
