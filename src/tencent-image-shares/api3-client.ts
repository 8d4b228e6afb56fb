import { LookupInputError } from '../engine/errors';
import { isTransientStatus, type CallContext } from '../http/call-context';
import { ResponseInvalidError } from '../http/errors';
import { checkEachImageId, type ClientRuntimeOptions, type LookupOutcome } from '../http/lookup-batch';
import { redact } from '../http/redact';
import type { FormResponse } from '../http/send-form';
import { SignedFormClient, type SignedFormApi, type SignedParams } from '../http/signed-form-client';
import { ShareAnswerInvalidError } from './answer-error';
import { TencentApi3Error } from './api3-error';
import { api3EnvelopeSchema, api3ErrorSchema, api3RequestIdOf, DESCRIBE_IMAGE_SHARE_PERMISSION, parseSharePermissionSet, type SharePermissionAnswer } from './api3-response';
import type { TencentImageShareClientOptions } from './client';
import { resolveTencentClientConfig, type TencentClientConfig, type TencentCredentials } from './client-config';
import { checkTencentImageId } from './image-id';
import { intervalMsOf, paceAttempt, pacerKeyOf, type PacedAttempt } from './request-pacing';
import type { ImageShares } from './response';
import { signTc3 } from './tc3-signature';

/** The CVM API version DescribeImageSharePermission belongs to. */
export const CVM_API_VERSION = '2017-03-12';
/** The service name TC3 signs with: CVM's, whatever host an override names. */
const CVM_SERVICE = 'cvm';
/** Sent exactly so, and signed so: a Content-Type that differs from the signed one fails the signature. */
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
/** Error messages in English, whatever the account's console language. */
const LANGUAGE = 'en-US';

/** How errors and the debug log name this cloud, what they redact, and where API 3.0 answers keep their request ID. */
const TENCENT_API3: SignedFormApi<TencentCredentials> = {
  cloud: 'Tencent Cloud',
  secretsOf: (credentials) => [credentials.secretId, credentials.secretKey, credentials.securityToken],
  requestIdOf: api3RequestIdOf,
};

/** The share lists of any number of images over API 3.0. */
export interface SharePermissionLookup {
  /** Every requested ID once, in first-seen order: found with its share list, not found, or the error of its call. */
  readonly images: ReadonlyArray<LookupOutcome<ImageShares>>;
  /** API calls made (one per image), retries excluded (none after a refusal no retry can fix). */
  readonly calls: number;
}

/**
Client of CVM API 3.0 DescribeImageSharePermission (https://cvm.tencentcloudapi.com/, the
successor of the legacy GetImageShareUinInfo), signed with TC3-HMAC-SHA256: a POST of a JSON body
with X-TC-* headers. One image per call, at most `requestsPerSecond` attempts a second, paced
app-wide per SecretId (every client of the process signing with the same key shares the account's
limit), retries included.
*/
export class TencentSharePermissionClient extends SignedFormClient<TencentCredentials, TencentClientConfig> {
  private readonly pacerKeys = new Map<string, string>();

  /**
  Resolves the options against env vars (TENCENTCLOUD_*, TENCENTCLOUD_CVM_ENDPOINT,
  IMAGE_LOOKUPS_TENCENT_API3_RPS) and checks them, with `api` DescribeImageSharePermission whatever
  IMAGE_LOOKUPS_TENCENT_API says; credentials, the proxy env vars and IMAGE_LOOKUPS_DEBUG are read at
  the first call. The lookup engine passes an already resolved `config`, whose `api` must be
  DescribeImageSharePermission.
  */
  constructor(options: TencentImageShareClientOptions | (ClientRuntimeOptions & { readonly config: TencentClientConfig }), env: NodeJS.ProcessEnv = process.env) {
    super(TENCENT_API3, configOf(options, env), options, env);
  }

  /**
  Share lists of any number of images: IDs are checked, deduplicated and looked up one per call,
  with bounded concurrency and paced. Every ID gets an outcome: an image the API does not know
  (`InvalidImageId.NotFound`, `ResourceNotFound`) is not found, and a failed call marks its own ID as
  an error, leaving the other calls' answers intact.
  */
  async lookupImageShares(imageIds: readonly string[]): Promise<SharePermissionLookup> {
    checkEachImageId(imageIds, 'imageIds', checkTencentImageId);
    return this.lookupImageSharesUnchecked(imageIds);
  }

  /**
  `lookupImageShares` without checking the IDs again: the lookup engine's provider passes IDs that
  the constructs checked, naming their node path.
  @internal
  */
  async lookupImageSharesUnchecked(imageIds: readonly string[]): Promise<SharePermissionLookup> {
    const endpoint = this.config.endpoint.url;
    const batch = await this.lookupInBatches(imageIds, {
      maxIdsPerCall: 1,
      call: async ([imageId]) => {
        try {
          return await this.callApi(imageId);
        } catch (error) {
          // A real answer that the image does not exist: cached as not found, like v2's image left out of its list.
          if (error instanceof TencentApi3Error && error.isNotFound) return undefined;
          throw error;
        }
      },
      outcomesOf: (answer, [imageId]): Array<LookupOutcome<ImageShares>> => [answer
        ? { imageId, outcome: 'found', value: { imageId, shares: answer.shares }, endpoint }
        : { imageId, outcome: 'notFound', endpoint }],
    });
    return { images: batch.outcomes, calls: batch.calls };
  }

  /**
  One call for one image, paced, retried on throttling and transient faults, re-signed every
  attempt. An image the API does not know is a TencentApi3Error whose `isNotFound` is true.
  */
  async describeImageSharePermission(imageId: string): Promise<SharePermissionAnswer> {
    checkTencentImageId(imageId, 'imageId');
    return this.callApi(imageId);
  }

  /** `describeImageSharePermission` for an ID already checked. */
  private async callApi(imageId: string): Promise<SharePermissionAnswer> {
    let pacerKey: string | undefined;
    const intervalMs = intervalMsOf(this.config.requestsPerSecond);
    // Attempts of one call run one after another: one at a time holds a turn.
    let paced: PacedAttempt | undefined;
    return this.signedCall({
      action: DESCRIBE_IMAGE_SHARE_PERMISSION,
      imageIds: [imageId],
      beforeAttempt: async () => {
        pacerKey ??= this.pacerKeyOf(this.config.credentials().secretId);
        paced = await paceAttempt(pacerKey, intervalMs);
      },
      sign: (credentials) => {
        const signed = this.signedRequest(imageId, credentials);
        paced?.sendsWith(signed.authorization);
        return signed.params;
      },
      afterAttempt: () => {
        paced?.end();
        paced = undefined;
      },
      read: (response, call, secrets) => this.parse(response, call, secrets, imageId),
    });
  }

  /** The pacer key of a SecretId, hashed once per client rather than once per attempt. */
  private pacerKeyOf(secretId: string): string {
    let key = this.pacerKeys.get(secretId);
    if (key === undefined) {
      key = pacerKeyOf(DESCRIBE_IMAGE_SHARE_PERMISSION, secretId);
      this.pacerKeys.set(secretId, key);
    }
    return key;
  }

  /** The JSON body and its headers, signed with a fresh X-TC-Timestamp: every attempt is signed afresh. */
  private signedRequest(imageId: string, credentials: TencentCredentials): { readonly params: SignedParams; readonly authorization: string } {
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ ImageId: imageId });
    const { signature, authorization } = signTc3({
      secretId: credentials.secretId,
      secretKey: credentials.secretKey,
      service: CVM_SERVICE,
      host: this.config.endpoint.host,
      contentType: JSON_CONTENT_TYPE,
      payload: body,
      timestamp,
    });
    const headers: Record<string, string> = {
      'Content-Type': JSON_CONTENT_TYPE,
      'X-TC-Action': DESCRIBE_IMAGE_SHARE_PERMISSION,
      'X-TC-Version': CVM_API_VERSION,
      'X-TC-Region': this.config.region,
      'X-TC-Timestamp': String(timestamp),
      'X-TC-Language': LANGUAGE,
      Authorization: authorization,
    };
    if (credentials.securityToken) headers['X-TC-Token'] = credentials.securityToken;
    // No params: the payload is what is sent.
    return { params: { params: {}, signature, payload: { body, headers } }, authorization };
  }

  /**
  Classifies one answer. An `Error` in the envelope wins whatever the status (a 503 with
  `{"Response": {"Error": …}}` is the API's error, not a load balancer's page); `secrets` are
  redacted from the API's message, in case it echoes the request.
  */
  private parse(response: FormResponse, call: { readonly context: CallContext; readonly attempt: number }, secrets: ReadonlyArray<string | undefined>, imageId: string): SharePermissionAnswer {
    const { status, body, requestId } = response;
    const envelope = api3EnvelopeSchema.safeParse(body);
    const transient = isTransientStatus(status);
    if (envelope.success && envelope.data.Response.Error !== undefined) {
      const error = api3ErrorSchema.safeParse(envelope.data.Response.Error);
      if (!error.success) {
        throw new ResponseInvalidError({ ...call, status, requestId, retryable: transient, field: 'Response.Error.Code', reason: 'an Error whose Response.Error.Code is missing or not a string' });
      }
      const { Code, Message } = error.data;
      throw new TencentApi3Error({ apiCode: Code, apiMessage: redact(Message ?? '', secrets), status, requestId }, call);
    }
    if (transient) {
      throw new ResponseInvalidError({ ...call, status, requestId, retryable: true, reason: 'a server error or throttling status without an API error' });
    }
    if (!envelope.success) throw new ResponseInvalidError({ ...call, status, requestId, retryable: false, field: 'Response', reason: 'no "Response" object in the answer' });
    if (status !== 200) throw new ResponseInvalidError({ ...call, status, requestId, retryable: false, reason: 'an answer without Error with a non-200 status' });
    try {
      return parseSharePermissionSet(envelope.data.Response, requestId, imageId);
    } catch (error) {
      // The parser names the field; the client adds the call (cloud, region, endpoint, attempt). Never retried.
      if (error instanceof ShareAnswerInvalidError) {
        throw new ResponseInvalidError({
          ...call, status, requestId, retryable: false, field: error.field, cause: error,
          reason: `an answer without Error of an unexpected shape: ${error.details.field} ${error.details.reason}`,
          hint: 'Nothing was cached for the image of this call',
        });
      }
      throw error;
    }
  }
}

/** The options' config: props resolved for API 3.0, or the engine's config, which must be one of API 3.0. */
function configOf(options: TencentImageShareClientOptions | (ClientRuntimeOptions & { readonly config: TencentClientConfig }), env: NodeJS.ProcessEnv): TencentClientConfig {
  if ('config' in options) {
    if (options.config.api !== DESCRIBE_IMAGE_SHARE_PERMISSION) {
      throw new LookupInputError('api', `${JSON.stringify(options.config.api)} is not ${DESCRIBE_IMAGE_SHARE_PERMISSION}: this client calls API 3.0 only; ` +
        `resolve the configuration with api: '${DESCRIBE_IMAGE_SHARE_PERMISSION}', or use TencentImageShareClient for GetImageShareUinInfo`);
    }
    return options.config;
  }
  if (options.api !== undefined && options.api !== DESCRIBE_IMAGE_SHARE_PERMISSION) {
    throw new LookupInputError('api', `${JSON.stringify(options.api)} is not ${DESCRIBE_IMAGE_SHARE_PERMISSION}: this client calls API 3.0 only; ` +
      'use TencentImageShareClient for GetImageShareUinInfo');
  }
  // IMAGE_LOOKUPS_TENCENT_API picks a construct's API; this client's is fixed.
  return resolveTencentClientConfig({ ...options, api: DESCRIBE_IMAGE_SHARE_PERMISSION }, env);
}
