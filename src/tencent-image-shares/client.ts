import { randomInt } from 'node:crypto';
import { isTransientStatus, type CallContext } from '../http/call-context';
import { ResponseInvalidError } from '../http/errors';
import { checkEachImageId, checkIdsPerCall, type ClientRuntimeOptions, type LookupOutcome } from '../http/lookup-batch';
import { redact } from '../http/redact';
import type { FormResponse } from '../http/send-form';
import { SignedFormClient, type SignedFormApi, type SignedParams } from '../http/signed-form-client';
import { resolveTencentClientConfig, type TencentClientConfig, type TencentClientProps, type TencentCredentials } from './client-config';
import { checkTencentImageId } from './image-id';
import { ShareAnswerInvalidError } from './answer-error';
import { legacyEnvelopeSchema, parseShareData, requestIdOf, type ImageShares, type ShareUinInfoAnswer } from './response';
import { signV1 } from './signature';
import { TencentApiError } from './api-error';

export const GET_IMAGE_SHARE_UIN_INFO = 'GetImageShareUinInfo';
/** How errors and the debug log name this cloud, what they redact, and where its answers keep their request ID. */
const TENCENT_API: SignedFormApi<TencentCredentials> = {
  cloud: 'Tencent Cloud',
  secretsOf: (credentials) => [credentials.secretId, credentials.secretKey, credentials.securityToken],
  requestIdOf,
};
/** The API takes at most 10 image IDs per call (imageIds.0 … imageIds.9). */
export const MAX_SHARE_IMAGE_IDS_PER_CALL = 10;

export interface TencentImageShareClientOptions extends TencentClientProps, ClientRuntimeOptions {}

/** The share lists of any number of images. */
export interface ImageSharesLookup {
  /** The account's quota of shareable images; undefined when no call succeeded. */
  readonly maxImgShareNum?: number;
  /**
  Every requested ID once, in first-seen order: found with its share list as the value, not found
  when the API did not return it, or the error of its call.
  */
  readonly images: ReadonlyArray<LookupOutcome<ImageShares>>;
  /** API calls made, retries excluded (none after a refusal no retry can fix). */
  readonly calls: number;
}

/**
Client of the legacy Tencent Cloud API GetImageShareUinInfo (https://image.api.qcloud.com/v2/index.php),
signed with signature v1. Tencent marks the v2 API as legacy; its successor is CVM DescribeImageSharePermission.
*/
export class TencentImageShareClient extends SignedFormClient<TencentCredentials, TencentClientConfig> {
  /**
  Resolves the options against env vars (TENCENTCLOUD_*) and checks them; credentials, the proxy env
  vars (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) and IMAGE_LOOKUPS_DEBUG are read at the first call. The
  lookup engine passes an already resolved `config` instead.
  */
  constructor(options: TencentImageShareClientOptions | (ClientRuntimeOptions & { readonly config: TencentClientConfig }), env: NodeJS.ProcessEnv = process.env) {
    super(TENCENT_API, 'config' in options ? options.config : resolveTencentClientConfig(options, env), options, env);
  }

  /**
  Share lists of any number of images: IDs are checked, deduplicated, split into calls of at most 10
  and run with bounded concurrency. Every ID gets an outcome: images the API leaves out are not
  found, and a failed call marks its own IDs as errors, leaving the other calls' answers intact.
  */
  async lookupImageShares(imageIds: readonly string[]): Promise<ImageSharesLookup> {
    checkEachImageId(imageIds, 'imageIds', checkTencentImageId);
    return this.lookupImageSharesUnchecked(imageIds);
  }

  /**
  `lookupImageShares` without checking the IDs again: the lookup engine's provider passes IDs that
  the constructs checked, naming their node path.
  @internal
  */
  async lookupImageSharesUnchecked(imageIds: readonly string[]): Promise<ImageSharesLookup> {
    const endpoint = this.config.endpoint.url;
    const batch = await this.lookupInBatches(imageIds, {
      maxIdsPerCall: MAX_SHARE_IMAGE_IDS_PER_CALL,
      call: (chunk) => this.callApi(chunk),
      outcomesOf: (answer, chunk) => {
        const found = new Map(answer.images.map((image) => [image.imageId, image]));
        return chunk.map((imageId): LookupOutcome<ImageShares> => {
          const image = found.get(imageId);
          return image ? { imageId, outcome: 'found', value: image, endpoint } : { imageId, outcome: 'notFound', endpoint };
        });
      },
    });
    // Every answer carries the account's quota: the last one is as good as any.
    return { maxImgShareNum: batch.answers.at(-1)?.maxImgShareNum, images: batch.outcomes, calls: batch.calls };
  }

  /** One call for at most 10 image IDs, retried on throttling and transient faults, re-signed every attempt. */
  async getImageShareUinInfo(imageIds: readonly string[]): Promise<ShareUinInfoAnswer> {
    checkIdsPerCall('getImageShareUinInfo', imageIds, MAX_SHARE_IMAGE_IDS_PER_CALL, 'lookupImageShares');
    checkEachImageId(imageIds, 'imageIds', checkTencentImageId);
    return this.callApi(imageIds);
  }

  /** `getImageShareUinInfo` for IDs already checked. */
  private async callApi(imageIds: readonly string[]): Promise<ShareUinInfoAnswer> {
    return this.signedCall({
      action: GET_IMAGE_SHARE_UIN_INFO,
      imageIds,
      sign: (credentials) => this.signedParams(imageIds, credentials),
      read: (response, call, secrets) => this.parse(response, call, secrets),
    });
  }

  /** Common parameters with a fresh Nonce and Timestamp, plus the signature over all of them. */
  private signedParams(imageIds: readonly string[], credentials: TencentCredentials): SignedParams {
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
    return { params, signature: params.Signature };
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
