import { LookupError } from '../engine/errors';

/** Codes worth another attempt: throttling (4400) and transient server faults. */
const RETRYABLE_CODES = new Set([4400, 5100, 6000, 6200]);

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
  5000: 'the resource does not exist or belongs to another account',
  5100: 'the operation failed, retry later',
  6000: 'internal server error',
  6100: 'the API is not supported at this endpoint',
  6200: 'the API is temporarily unavailable',
};

/**
A non-zero `code` from the legacy Tencent Cloud API. Carries everything needed to act on it;
never the SecretId, key, token or signature.
*/
export class TencentApiError extends LookupError {
  /** Throttling and transient faults are retried; auth (41xx), parameter (4000) and not-found errors never. */
  readonly retryable: boolean;

  constructor(readonly details: {
    readonly apiCode: number;
    readonly apiMessage: string;
    readonly action: string;
    readonly region: string;
    readonly imageIds: readonly string[];
    readonly requestId?: string;
  }) {
    const meaning = CODE_MEANINGS[details.apiCode] ?? 'error';
    super('TencentApiError',
      `${details.action} in ${details.region} for ${details.imageIds.join(', ')} failed with code ${details.apiCode} (${meaning})` +
      `${details.apiMessage ? `: ${details.apiMessage}` : ''}${details.requestId ? ` [request ${details.requestId}]` : ''}` +
      `${details.apiCode >= 4100 && details.apiCode <= 4110 ? '. Check TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and TENCENTCLOUD_SECURITY_TOKEN.' : ''}`);
    this.retryable = RETRYABLE_CODES.has(details.apiCode);
  }

  get apiCode(): number {
    return this.details.apiCode;
  }

  /** 4500: the request must be signed again with a fresh nonce and timestamp. */
  get isReplayRefusal(): boolean {
    return this.details.apiCode === 4500;
  }
}
