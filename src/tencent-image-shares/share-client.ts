import { randomInt } from 'node:crypto';
import pLimit from 'p-limit';
import { ZodError } from 'zod';
import type { LimitFunction } from '../engine/lookup-provider';
import { ResponseInvalidError, RequestFailedError } from '../http/errors';
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

/** The share lists of any number of images. */
export interface ImageSharesLookup {
  /** The account's quota of shareable images. */
  readonly maxImgShareNum: number;
  /** Every requested ID once, in first-seen order; `shares` is undefined when the API did not return the image. */
  readonly images: ReadonlyArray<{ readonly imageId: string; readonly found: boolean; readonly shares?: ImageShares['shares'] }>;
  /** API calls made, retries excluded. */
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
  and run with bounded concurrency. Images the API leaves out are reported as not found.
  */
  async lookupImageShares(imageIds: readonly string[]): Promise<ImageSharesLookup> {
    imageIds.forEach((imageId, index) => checkTencentImageId(imageId, `imageIds[${index}]`));
    const unique = [...new Set(imageIds)];
    const chunks: string[][] = [];
    for (let start = 0; start < unique.length; start += MAX_SHARE_IMAGE_IDS_PER_CALL) chunks.push(unique.slice(start, start + MAX_SHARE_IMAGE_IDS_PER_CALL));
    const answers = await Promise.all(chunks.map((chunk) => this.limit(() => this.getImageShareUinInfo(chunk))));
    const found = new Map(answers.flatMap((answer) => answer.images.map((image) => [image.imageId, image.shares] as const)));
    return {
      maxImgShareNum: answers.length > 0 ? answers[answers.length - 1].maxImgShareNum : 0,
      images: unique.map((imageId) => ({ imageId, found: found.has(imageId), shares: found.get(imageId) })),
      calls: chunks.length,
    };
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
      return this.parse(response.status, response.body, imageIds);
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

  private parse(status: number, body: unknown, imageIds: readonly string[]): ShareUinInfoAnswer {
    const url = this.config.endpoint.url;
    if (status >= 500) throw new ResponseInvalidError(url, status, 'server error');
    const envelope = legacyEnvelopeSchema.safeParse(body);
    if (!envelope.success) throw new ResponseInvalidError(url, status, 'no numeric "code" in the answer');
    const { code, message, codeDesc, requestId } = envelope.data;
    if (code !== 0) {
      throw new TencentApiError({
        apiCode: code, apiMessage: [message, codeDesc].filter(Boolean).join(' '), action: GET_IMAGE_SHARE_UIN_INFO,
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
