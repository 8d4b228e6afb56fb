import { randomInt } from 'node:crypto';
import pLimit from 'p-limit';
import { ZodError } from 'zod';
import type { LimitFunction } from '../engine/lookup-provider';
import { callInChunks } from '../http/call-in-chunks';
import { ResponseInvalidError, RequestFailedError } from '../http/errors';
import { redact } from '../http/redact';
import { sendForm } from '../http/send-form';
import { withRetries, type RetryDecision } from '../http/with-retries';
import { resolveTencentClientConfig, type TencentClientConfig, type TencentClientProps } from './client-config';
import { checkTencentImageId } from './image-id';
import { legacyEnvelopeSchema, parseShareData, type ImageShares, type ShareUinInfoAnswer } from './share-response';
import { signV1 } from './signature-v1';
import { TencentApiError } from './tencent-api-error';

export const GET_IMAGE_SHARE_UIN_INFO = 'GetImageShareUinInfo';
/** The API takes at most 10 image IDs per call (imageIds.0 … imageIds.9). */
export const MAX_SHARE_IMAGE_IDS_PER_CALL = 10;

/** Options of the client beyond how to reach the API. */
export interface ClientRuntimeOptions {
  /**
  At most this many calls in flight in `lookupImageShares`. Ignored when `limit` is given.
  @default 4
  */
  readonly concurrency?: number;
  /** A shared limiter (the lookup engine passes its app-wide one). */
  readonly limit?: LimitFunction;
  /** Called for every HTTP request sent, retries included. */
  readonly onRequest?: () => void;
}

export interface TencentImageShareClientOptions extends TencentClientProps, ClientRuntimeOptions {}

/** One image's outcome in a batch lookup. */
export type ImageSharesOutcome =
  | { readonly imageId: string; readonly outcome: 'found'; readonly shares: ImageShares['shares'] }
  | { readonly imageId: string; readonly outcome: 'notFound' }
  | { readonly imageId: string; readonly outcome: 'error'; readonly error: unknown };

/** The share lists of any number of images. */
export interface ImageSharesLookup {
  /** The account's quota of shareable images; undefined when no call succeeded. */
  readonly maxImgShareNum?: number;
  /** Every requested ID once, in first-seen order. An image the API did not return is not found. */
  readonly images: readonly ImageSharesOutcome[];
  /** API calls made, retries excluded (none after a refusal no retry can fix). */
  readonly calls: number;
}

/**
Client of the legacy Tencent Cloud API GetImageShareUinInfo (https://image.api.qcloud.com/v2/index.php),
signed with signature v1. Tencent marks the v2 API as legacy; its successor is CVM DescribeImageSharePermission.
*/
export class TencentImageShareClient {
  readonly config: TencentClientConfig;
  private readonly limit: LimitFunction;
  private readonly onRequest?: () => void;

  /**
  Resolves the options against env vars (TENCENTCLOUD_*) and checks them; credentials are read at
  the first call. The lookup engine passes an already resolved `config` instead.
  */
  constructor(options: TencentImageShareClientOptions | (ClientRuntimeOptions & { readonly config: TencentClientConfig }), env: NodeJS.ProcessEnv = process.env) {
    this.config = 'config' in options ? options.config : resolveTencentClientConfig(options, env);
    this.limit = options.limit ?? pLimit(options.concurrency ?? 4);
    this.onRequest = options.onRequest;
  }

  /**
  Share lists of any number of images: IDs are checked, deduplicated, split into calls of at most 10
  and run with bounded concurrency. Every ID gets an outcome: images the API leaves out are not
  found, and a failed call marks its own IDs as errors, leaving the other calls' answers intact.
  */
  async lookupImageShares(imageIds: readonly string[]): Promise<ImageSharesLookup> {
    imageIds.forEach((imageId, index) => checkTencentImageId(imageId, `imageIds[${index}]`));
    const unique = [...new Set(imageIds)];
    if (unique.length > 0) this.config.credentials(); // missing credentials fail once, up front, not once per call
    let calls = 0;
    const results = await callInChunks(unique, MAX_SHARE_IMAGE_IDS_PER_CALL, this.limit,
      (chunk) => { calls++; return this.getImageShareUinInfo(chunk); }, (error) => classifyTencentFailure(error) !== 'retry');
    let maxImgShareNum: number | undefined;
    const images = results.flatMap((result): ImageSharesOutcome[] => {
      if ('error' in result) return result.chunk.map((imageId) => ({ imageId, outcome: 'error', error: result.error }));
      maxImgShareNum = result.answer.maxImgShareNum;
      const found = new Map(result.answer.images.map((image) => [image.imageId, image.shares]));
      return result.chunk.map((imageId) => {
        const shares = found.get(imageId);
        return shares ? { imageId, outcome: 'found', shares } : { imageId, outcome: 'notFound' };
      });
    });
    return { maxImgShareNum, images, calls };
  }

  /** One call for at most 10 image IDs, retried on throttling and transient faults, re-signed every attempt. */
  async getImageShareUinInfo(imageIds: readonly string[]): Promise<ShareUinInfoAnswer> {
    if (imageIds.length === 0 || imageIds.length > MAX_SHARE_IMAGE_IDS_PER_CALL) {
      throw new RangeError(`getImageShareUinInfo takes 1 to ${MAX_SHARE_IMAGE_IDS_PER_CALL} image IDs, got ${imageIds.length}; use lookupImageShares for more`);
    }
    imageIds.forEach((imageId, index) => checkTencentImageId(imageId, `imageIds[${index}]`));
    const credentials = this.config.credentials();
    return withRetries(async () => {
      const params = this.signedParams(imageIds, credentials);
      this.onRequest?.();
      const response = await sendForm({ endpoint: this.config.endpoint, method: this.config.httpMethod, params, timeoutMs: this.config.timeoutMs });
      return this.parse(response.status, response.body, imageIds, [credentials.secretId, credentials.securityToken, params.Signature]);
    }, classifyTencentFailure, this.config.retry);
  }

  /** Common parameters with a fresh Nonce and Timestamp, plus the signature over all of them. */
  private signedParams(imageIds: readonly string[], credentials: ReturnType<TencentClientConfig['credentials']>): Record<string, string> {
    const params: Record<string, string> = {
      Action: GET_IMAGE_SHARE_UIN_INFO,
      Region: this.config.region,
      Timestamp: String(Math.floor(Date.now() / 1000)),
      Nonce: String(randomInt(1, 2 ** 31 - 1)),
      SecretId: credentials.secretId,
      SignatureMethod: this.config.signatureMethod,
    };
    if (credentials.securityToken) params.Token = credentials.securityToken;
    imageIds.forEach((imageId, index) => { params[`imageIds.${index}`] = imageId; });
    const { endpoint, httpMethod } = this.config;
    params.Signature = signV1(httpMethod, endpoint.host, endpoint.path, params, credentials.secretKey);
    return params;
  }

  /** `secrets` are redacted from the API's message, in case it echoes the request. */
  private parse(status: number, body: unknown, imageIds: readonly string[], secrets: ReadonlyArray<string | undefined>): ShareUinInfoAnswer {
    const url = this.config.endpoint.url;
    if (status >= 500) throw new ResponseInvalidError(url, status, 'server error');
    const envelope = legacyEnvelopeSchema.safeParse(body);
    if (!envelope.success) throw new ResponseInvalidError(url, status, 'no numeric "code" in the answer');
    const { code, message, codeDesc, requestId } = envelope.data;
    if (code !== 0) {
      throw new TencentApiError({
        apiCode: code, apiMessage: redact([message, codeDesc].filter(Boolean).join(' '), secrets), action: GET_IMAGE_SHARE_UIN_INFO,
        region: this.config.region, imageIds, requestId,
      });
    }
    if (status !== 200) throw new ResponseInvalidError(url, status, 'code 0 with a non-200 status');
    try {
      return parseShareData((body as { data?: unknown }).data, requestId);
    } catch (error) {
      if (error instanceof ZodError) throw new ResponseInvalidError(url, status, `"data" has an unexpected shape: ${error.issues[0]?.message} at ${error.issues[0]?.path.join('.')}`);
      throw error;
    }
  }
}

/** Retry throttling, transient server faults, network errors and timeouts; re-sign once on 4500; nothing else. */
export function classifyTencentFailure(error: unknown): RetryDecision {
  if (error instanceof TencentApiError) return error.isReplayRefusal ? 'resignOnce' : error.retryable ? 'retry' : 'fail';
  if (error instanceof RequestFailedError) return 'retry';
  if (error instanceof ResponseInvalidError) return error.retryable ? 'retry' : 'fail';
  return 'fail';
}
