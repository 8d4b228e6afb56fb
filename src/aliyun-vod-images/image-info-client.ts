import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import { z, ZodError } from 'zod';
import type { LimitFunction } from '../engine/lookup-provider';
import { callInChunks } from '../http/call-in-chunks';
import { RequestFailedError, ResponseInvalidError } from '../http/errors';
import { redact } from '../http/redact';
import { sendForm } from '../http/send-form';
import { withRetries, type RetryDecision } from '../http/with-retries';
import { resolveAliyunVodClientConfig, type AliyunVodClientConfig, type AliyunVodClientProps } from './client-config';
import { checkVodImageId } from './image-id';
import { imageInfoSchema, normalizeImageInfo, type VodImageInfo } from './image-info-response';
import { signRpc } from './rpc-signature';
import { AliyunVodApiError } from './vod-api-error';

export const VOD_API_VERSION = '2017-03-21';
/** GetImageInfos takes at most 20 comma-separated IDs. */
export const MAX_VOD_IMAGE_IDS_PER_CALL = 20;

/** Options of the client beyond how to reach the API. */
export interface VodClientRuntimeOptions {
  /**
  Keep signed URLs whole (with their signature) instead of their stable part. Anyone holding such a
  URL can fetch the image until it expires; with the lookup engine they land in the committed cache.
  @default false
  */
  readonly keepSignedUrls?: boolean;
  /**
  At most this many calls in flight in `lookupImages`. Ignored when `limit` is given.
  @default 4
  */
  readonly concurrency?: number;
  /** A shared limiter (the lookup engine passes its app-wide one). */
  readonly limit?: LimitFunction;
  /** Called for every HTTP request sent, retries included. */
  readonly onRequest?: () => void;
}

export interface AliyunVodImageClientOptions extends AliyunVodClientProps, VodClientRuntimeOptions {}

/** One image's outcome in a batch lookup. */
export type VodImageOutcome =
  | { readonly imageId: string; readonly outcome: 'found'; readonly image: VodImageInfo }
  | { readonly imageId: string; readonly outcome: 'notFound' }
  | { readonly imageId: string; readonly outcome: 'error'; readonly error: unknown };

const errorBodySchema = z.object({ Code: z.string(), Message: z.string().optional(), RequestId: z.string().optional(), HostId: z.string().optional() });
const getImageInfoSchema = z.object({ RequestId: z.string().optional(), ImageInfo: imageInfoSchema });
const getImageInfosSchema = z.object({
  RequestId: z.string().optional(),
  ImageInfo: z.array(imageInfoSchema).nullish(),
  NonExistImageIds: z.array(z.string()).nullish(),
});

/**
Client of Alibaba Cloud ApsaraVideo VOD GetImageInfo and GetImageInfos (RPC API 2017-03-21), signed
with SignatureVersion 1.0 (HMAC-SHA1). Errors are classified by their `Code`, never by HTTP status.
*/
export class AliyunVodImageClient {
  readonly config: AliyunVodClientConfig;
  private readonly keepSignedUrls: boolean;
  private readonly limit: LimitFunction;
  private readonly onRequest?: () => void;

  /**
  Resolves the options against env vars (ALICLOUD_*, ALIBABA_CLOUD_*) and checks them; credentials
  are read at the first call. The lookup engine passes an already resolved `config` instead.
  */
  constructor(options: AliyunVodImageClientOptions | (VodClientRuntimeOptions & { readonly config: AliyunVodClientConfig }), env: NodeJS.ProcessEnv = process.env) {
    this.config = 'config' in options ? options.config : resolveAliyunVodClientConfig(options, env);
    this.keepSignedUrls = options.keepSignedUrls ?? false;
    this.limit = options.limit ?? pLimit(options.concurrency ?? 4);
    this.onRequest = options.onRequest;
  }

  /** One image, or undefined when VOD answers NoSuchResource. */
  async getImageInfo(imageId: string): Promise<VodImageInfo | undefined> {
    checkVodImageId(imageId, 'imageId');
    try {
      const body = await this.call('GetImageInfo', { ImageId: imageId }, [imageId]);
      return normalizeImageInfo(this.parse(getImageInfoSchema, body).ImageInfo, this.keepSignedUrls);
    } catch (error) {
      if (error instanceof AliyunVodApiError && error.apiCode === 'NoSuchResource') return undefined;
      throw error;
    }
  }

  /** At most 20 images in one call; IDs VOD does not know come back in `nonExistImageIds`. */
  async getImageInfos(imageIds: readonly string[]): Promise<{ images: VodImageInfo[]; nonExistImageIds: string[]; requestId?: string }> {
    if (imageIds.length === 0 || imageIds.length > MAX_VOD_IMAGE_IDS_PER_CALL) {
      throw new RangeError(`getImageInfos takes 1 to ${MAX_VOD_IMAGE_IDS_PER_CALL} image IDs, got ${imageIds.length}; use lookupImages for more`);
    }
    imageIds.forEach((imageId, index) => checkVodImageId(imageId, `imageIds[${index}]`));
    const body = this.parse(getImageInfosSchema, await this.call('GetImageInfos', { ImageIds: imageIds.join(',') }, imageIds));
    return {
      images: (body.ImageInfo ?? []).map((raw) => normalizeImageInfo(raw, this.keepSignedUrls)),
      nonExistImageIds: body.NonExistImageIds ?? [],
      requestId: body.RequestId,
    };
  }

  /**
  Any number of images: IDs are checked, deduplicated, split into GetImageInfos calls of at most 20
  and run with bounded concurrency. Every ID gets an outcome, in first-seen order: a failed call
  marks its own IDs as errors and leaves the other calls' answers intact.
  */
  async lookupImages(imageIds: readonly string[]): Promise<VodImageOutcome[]> {
    imageIds.forEach((imageId, index) => checkVodImageId(imageId, `imageIds[${index}]`));
    const unique = [...new Set(imageIds)];
    if (unique.length > 0) this.config.credentials(); // missing credentials fail once, up front, not once per batch
    const results = await callInChunks(unique, MAX_VOD_IMAGE_IDS_PER_CALL, this.limit,
      (chunk) => this.getImageInfos(chunk), (error) => classifyVodFailure(error) !== 'retry');
    return results.flatMap((result): VodImageOutcome[] => {
      if ('error' in result) return result.chunk.map((imageId) => ({ imageId, outcome: 'error', error: result.error }));
      const found = new Map(result.answer.images.map((image) => [image.imageId, image]));
      return result.chunk.map((imageId) => {
        const image = found.get(imageId);
        return image ? { imageId, outcome: 'found', image } : { imageId, outcome: 'notFound' };
      });
    });
  }

  /** Signs and sends one action, retrying throttling and transient faults; every attempt gets a fresh nonce and timestamp. */
  private async call(action: string, actionParams: Record<string, string>, imageIds: readonly string[]): Promise<unknown> {
    const credentials = this.config.credentials();
    const { endpoint, httpMethod, timeoutMs, region, outputType, authTimeout } = this.config;
    return withRetries(async () => {
      const params: Record<string, string> = {
        Action: action,
        Format: 'JSON',
        Version: VOD_API_VERSION,
        AccessKeyId: credentials.accessKeyId,
        SignatureMethod: 'HMAC-SHA1',
        SignatureVersion: '1.0',
        SignatureNonce: randomUUID(),
        Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        OutputType: outputType,
        ...actionParams,
      };
      if (authTimeout !== undefined) params.AuthTimeout = String(authTimeout);
      if (credentials.securityToken) params.SecurityToken = credentials.securityToken;
      params.Signature = signRpc(httpMethod, params, credentials.accessKeySecret);
      this.onRequest?.();
      const { status, body } = await sendForm({ endpoint, method: httpMethod, params, timeoutMs });
      const error = errorBodySchema.safeParse(body);
      if (error.success && status !== 200) {
        throw new AliyunVodApiError({
          apiCode: error.data.Code, status, action, region, imageIds,
          apiMessage: redact(error.data.Message ?? '', [credentials.accessKeyId, credentials.securityToken, params.Signature]),
          requestId: error.data.RequestId, hostId: error.data.HostId,
        });
      }
      if (status !== 200) throw new ResponseInvalidError(endpoint.url, status, 'an error status without an error Code');
      return body;
    }, classifyVodFailure, this.config.retry);
  }

  private parse<T>(schema: z.ZodType<T>, body: unknown): T {
    try {
      return schema.parse(body);
    } catch (error) {
      if (error instanceof ZodError) {
        throw new ResponseInvalidError(this.config.endpoint.url, 200, `unexpected shape: ${error.issues[0]?.message} at ${error.issues[0]?.path.join('.')}`);
      }
      throw error;
    }
  }
}

/** Retry throttling, transient faults, network errors and timeouts; re-sign once on a stale timestamp or used nonce; nothing else. */
export function classifyVodFailure(error: unknown): RetryDecision {
  if (error instanceof AliyunVodApiError) return error.needsResign ? 'resignOnce' : error.retryable ? 'retry' : 'fail';
  if (error instanceof RequestFailedError) return 'retry';
  if (error instanceof ResponseInvalidError) return error.retryable ? 'retry' : 'fail';
  return 'fail';
}
