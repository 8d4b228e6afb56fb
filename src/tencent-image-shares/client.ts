import { randomInt } from 'node:crypto';
import pLimit from 'p-limit';
import type { LimitFunction } from '../engine/lookup-provider';
import { isTransientStatus, type CallContext } from '../http/call-context';
import { callInChunks } from '../http/call-in-chunks';
import { classifyCallFailure, stopsLaterCalls } from '../http/classify-failure';
import { ResponseInvalidError } from '../http/errors';
import { redact } from '../http/redact';
import { FormTransport, type FormResponse } from '../http/send-form';
import { withRetries, type RetryDecision } from '../http/with-retries';
import { resolveTencentClientConfig, type TencentClientConfig, type TencentClientProps } from './client-config';
import { checkTencentImageId } from './image-id';
import { ShareAnswerInvalidError } from './answer-error';
import { legacyEnvelopeSchema, parseShareData, type ImageShares, type ShareUinInfoAnswer } from './response';
import { signV1 } from './signature';
import { TencentApiError } from './api-error';

export const GET_IMAGE_SHARE_UIN_INFO = 'GetImageShareUinInfo';
/** How errors and the debug log name this cloud. */
const TENCENT_CLOUD = 'Tencent Cloud';
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
  private formTransport?: FormTransport;

  /**
  Resolves the options against env vars (TENCENTCLOUD_*) and checks them; credentials, the proxy env
  vars (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) and IMAGE_LOOKUPS_DEBUG are read at the first call. The
  lookup engine passes an already resolved `config` instead.
  */
  constructor(options: TencentImageShareClientOptions | (ClientRuntimeOptions & { readonly config: TencentClientConfig }), private readonly env: NodeJS.ProcessEnv = process.env) {
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
    if (unique.length > 0) {
      // Missing credentials or a bad proxy env var fail once, up front, not once per call.
      this.config.credentials();
      this.transport();
    }
    let calls = 0;
    const results = await callInChunks(unique, MAX_SHARE_IMAGE_IDS_PER_CALL, this.limit,
      (chunk) => { calls++; return this.getImageShareUinInfo(chunk); }, stopsLaterCalls);
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
    const transport = this.transport();
    const { endpoint, httpMethod, timeoutMs, maxResponseBytes, region } = this.config;
    const context: CallContext = { cloud: TENCENT_CLOUD, action: GET_IMAGE_SHARE_UIN_INFO, region, endpoint: endpoint.url, imageIds: [...imageIds] };
    const baseSecrets = [credentials.secretId, credentials.secretKey, credentials.securityToken];
    let secrets: ReadonlyArray<string | undefined> = baseSecrets;
    return withRetries(async (attempt) => {
      const params = this.signedParams(imageIds, credentials);
      secrets = [...baseSecrets, params.Signature];
      this.onRequest?.();
      const response = await transport.send({ context, attempt, endpoint, method: httpMethod, params, timeoutMs, maxResponseBytes, secrets });
      return this.parse(response, { context, attempt }, secrets);
    }, classifyTencentFailure, this.config.retry, (error, attempt, delayMs, decision) => transport.debug?.retry({ context, attempt, secrets }, error, delayMs, decision));
  }

  /** The transport, made at the first call: a bad proxy env var or IMAGE_LOOKUPS_DEBUG fails then, before any request. */
  private transport(): FormTransport {
    this.formTransport ??= FormTransport.fromEnv(this.env);
    return this.formTransport;
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

  /**
  Classifies one answer. The envelope's code wins whatever the status (a 503 with `{code, message}`
  is the API's error, not a load balancer's page); `secrets` are redacted from the API's message,
  in case it echoes the request.
  */
  private parse(response: FormResponse, call: { readonly context: CallContext; readonly attempt: number }, secrets: ReadonlyArray<string | undefined>): ShareUinInfoAnswer {
    const { status, body, requestId } = response;
    const envelope = legacyEnvelopeSchema.safeParse(body);
    if (envelope.success && envelope.data.code !== 0) {
      const { code, message, codeDesc } = envelope.data;
      throw new TencentApiError({ apiCode: code, apiMessage: redact([message, codeDesc].filter(Boolean).join(' '), secrets), status, requestId }, call);
    }
    if (isTransientStatus(status)) {
      throw new ResponseInvalidError({ ...call, status, requestId, retryable: true, reason: 'a server error or throttling status without an API error code' });
    }
    if (!envelope.success) throw new ResponseInvalidError({ ...call, status, requestId, retryable: false, reason: 'no numeric "code" in the answer' });
    if (status !== 200) throw new ResponseInvalidError({ ...call, status, requestId, retryable: false, reason: 'code 0 with a non-200 status' });
    try {
      return parseShareData((body as { data?: unknown }).data, requestId, call.context.imageIds);
    } catch (error) {
      // The parser names the field; the client adds the call (cloud, region, endpoint, attempt). Never retried.
      if (error instanceof ShareAnswerInvalidError) {
        throw new ResponseInvalidError({
          ...call, status, requestId, retryable: false, field: error.field, cause: error,
          reason: `code 0 with an unexpected shape: ${error.details.field} ${error.details.reason}`,
          hint: 'Nothing was cached for the images of this call',
        });
      }
      throw error;
    }
  }
}

/**
Retry throttling (4400, HTTP 429), transient faults (5xx, 5100, 6000, 6200), network errors, timeouts
and truncated or non-JSON bodies; re-sign once on 4500; nothing else. The same policy as VOD's.
*/
export const classifyTencentFailure: (error: unknown) => RetryDecision = classifyCallFailure;
