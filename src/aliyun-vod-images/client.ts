import { randomUUID } from 'node:crypto';
import { isTransientStatus, type CallContext } from '../http/call-context';
import { ResponseInvalidError } from '../http/errors';
import { checkEachImageId, checkIdsPerCall, type ClientRuntimeOptions, type LookupOutcome } from '../http/lookup-batch';
import { redact } from '../http/redact';
import { SignedFormClient, type SignedFormApi, type SignedParams } from '../http/signed-form-client';
import { resolveAliyunVodClientConfig, type AliyunCredentials, type AliyunVodClientConfig, type AliyunVodClientProps } from './client-config';
import { checkVodImageId } from './image-id';
import { classifyImageInfosAnswer, parseImageInfoAnswer, readVodErrorBody, requestIdOf, type VodImageInfo } from './response';
import { VodAnswerInvalidError } from './answer-error';
import { signRpc } from './signature';
import { AliyunVodApiError } from './api-error';

export const VOD_API_VERSION = '2017-03-21';
/** GetImageInfos takes at most 20 comma-separated IDs. */
export const MAX_VOD_IMAGE_IDS_PER_CALL = 20;
/** How errors and the debug log name this cloud, what they redact, and where its answers keep their request ID. */
const VOD_API: SignedFormApi<AliyunCredentials> = {
  cloud: 'Alibaba Cloud VOD',
  secretsOf: (credentials) => [credentials.accessKeyId, credentials.accessKeySecret, credentials.securityToken],
  requestIdOf,
};

/** What the client keeps of VOD's answers. */
export interface VodAnswerOptions {
  /**
  Keep signed URLs whole (with their signature) instead of their stable part. Anyone holding such a
  URL can fetch the image until it expires; with the lookup engine they land in the committed cache.
  @default false
  */
  readonly keepSignedUrls?: boolean;
}

export interface AliyunVodImageClientOptions extends AliyunVodClientProps, ClientRuntimeOptions, VodAnswerOptions {}

/** The client's view of one attempt, for wrapping the parser's errors. */
type AttemptCall = { readonly context: CallContext; readonly attempt: number; readonly status: number; readonly requestId?: string };

/**
Client of Alibaba Cloud ApsaraVideo VOD GetImageInfo and GetImageInfos (RPC API 2017-03-21), signed
with SignatureVersion 1.0 (HMAC-SHA1). Errors are classified by their `Code`, never by HTTP status.
*/
export class AliyunVodImageClient extends SignedFormClient<AliyunCredentials, AliyunVodClientConfig> {
  private readonly keepSignedUrls: boolean;

  /**
  Resolves the options against env vars (ALICLOUD_*, ALIBABA_CLOUD_*) and checks them; credentials,
  the proxy env vars (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) and IMAGE_LOOKUPS_DEBUG are read at the
  first call. The lookup engine passes an already resolved `config` instead.
  */
  constructor(
    options: AliyunVodImageClientOptions | (ClientRuntimeOptions & VodAnswerOptions & { readonly config: AliyunVodClientConfig }),
    env: NodeJS.ProcessEnv = process.env,
  ) {
    super(VOD_API, 'config' in options ? options.config : resolveAliyunVodClientConfig(options, env), options, env);
    this.keepSignedUrls = options.keepSignedUrls ?? false;
  }

  /** One image, or undefined when VOD answers NoSuchResource. */
  async getImageInfo(imageId: string): Promise<VodImageInfo | undefined> {
    checkVodImageId(imageId, 'imageId');
    try {
      return await this.call('GetImageInfo', { ImageId: imageId }, [imageId], (body, call) => {
        try {
          return parseImageInfoAnswer(imageId, body, this.keepSignedUrls).image;
        } catch (error) {
          throw wrapAnswerError(error, call);
        }
      });
    } catch (error) {
      if (error instanceof AliyunVodApiError && error.apiCode === 'NoSuchResource') return undefined;
      throw error;
    }
  }

  /**
  At most 20 images in one call; IDs VOD does not know come back in `nonExistImageIds`. Throws if
  the answer does not account for every image (`lookupImages` keeps the good part of a partial answer).
  */
  async getImageInfos(imageIds: readonly string[]): Promise<{ images: VodImageInfo[]; nonExistImageIds: string[]; requestId?: string }> {
    checkIdsPerCall('getImageInfos', imageIds, MAX_VOD_IMAGE_IDS_PER_CALL, 'lookupImages');
    checkEachImageId(imageIds, 'imageIds', checkVodImageId);
    const { outcomes, requestId } = await this.getImageInfosOutcomes(imageIds);
    const failure = outcomes.find((outcome) => outcome.outcome === 'error');
    if (failure?.outcome === 'error') throw failure.error;
    return {
      images: outcomes.flatMap((outcome) => (outcome.outcome === 'found' ? [outcome.value] : [])),
      nonExistImageIds: outcomes.flatMap((outcome) => (outcome.outcome === 'notFound' ? [outcome.imageId] : [])),
      requestId,
    };
  }

  /**
  Any number of images: IDs are checked, deduplicated, split into GetImageInfos calls of at most 20
  and run with bounded concurrency. Every ID gets an outcome, in first-seen order: not found only
  when VOD lists it in NonExistImageIds; a failed call marks its own IDs as errors, and an answer
  that leaves some images unexplained (or has a bad field in one) marks only those, leaving the
  other answers intact.
  */
  async lookupImages(imageIds: readonly string[]): Promise<Array<LookupOutcome<VodImageInfo>>> {
    checkEachImageId(imageIds, 'imageIds', checkVodImageId);
    return this.lookupImagesUnchecked(imageIds);
  }

  /**
  `lookupImages` without checking the IDs again: the lookup engine's provider passes IDs that the
  constructs checked, naming their node path.
  @internal
  */
  async lookupImagesUnchecked(imageIds: readonly string[]): Promise<Array<LookupOutcome<VodImageInfo>>> {
    const batch = await this.lookupInBatches(imageIds, {
      maxIdsPerCall: MAX_VOD_IMAGE_IDS_PER_CALL,
      call: (chunk) => this.getImageInfosOutcomes(chunk),
      outcomesOf: (answer) => answer.outcomes,
    });
    return batch.outcomes;
  }

  /** One GetImageInfos call for IDs already checked: every image's outcome, the parser's errors wrapped with the call's context. */
  private async getImageInfosOutcomes(imageIds: readonly string[]): Promise<{ outcomes: ReadonlyArray<LookupOutcome<VodImageInfo>>; requestId?: string }> {
    return this.call('GetImageInfos', { ImageIds: imageIds.join(',') }, imageIds, (body, call) => {
      const answer = classifyImageInfosAnswer(imageIds, body, this.keepSignedUrls, this.config.endpoint.url);
      // One error may stand for several images (a bad body): wrap it once, so they share it.
      const wrapped = new Map<unknown, unknown>();
      const outcomes = answer.outcomes.map((outcome): LookupOutcome<VodImageInfo> => {
        if (outcome.outcome !== 'error') return outcome;
        if (!wrapped.has(outcome.error)) wrapped.set(outcome.error, wrapAnswerError(outcome.error, call));
        return { ...outcome, error: wrapped.get(outcome.error) };
      });
      return { outcomes, requestId: answer.requestId };
    });
  }

  /**
  Signs and sends one action, retrying throttling and transient faults (every attempt gets a fresh
  nonce and timestamp), and hands a data answer to `read` inside the attempt, so its errors know
  their attempt. An error body is the API's error at any status: VOD can answer throttling with a 200.
  */
  private async call<T>(action: string, actionParams: Record<string, string>, imageIds: readonly string[], read: (body: unknown, call: AttemptCall) => T): Promise<T> {
    return this.signedCall({
      action,
      imageIds,
      sign: (credentials) => this.signedParams(action, actionParams, credentials),
      read: ({ status, body, requestId }, call, secrets) => {
        const errorBody = readVodErrorBody(body);
        if (errorBody) {
          throw new AliyunVodApiError({
            apiCode: errorBody.code, status, requestId: errorBody.requestId ?? requestId, hostId: errorBody.hostId,
            apiMessage: redact(errorBody.message ?? '', secrets),
          }, call);
        }
        if (status !== 200) {
          throw new ResponseInvalidError({ ...call, status, requestId, retryable: isTransientStatus(status), reason: 'an error status without an error Code' });
        }
        return read(body, { ...call, status, requestId });
      },
    });
  }

  /** The common parameters with a fresh nonce and timestamp, the action's own, and the signature over all of them. */
  private signedParams(action: string, actionParams: Record<string, string>, credentials: AliyunCredentials): SignedParams {
    const { httpMethod, outputType, authTimeout } = this.config;
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
    return { params, signature: params.Signature };
  }
}

/**
The parser's error (naming the field) as the client's InvalidResponse, with the call added (cloud,
region, endpoint, attempt, status). Never retried: the same request gets the same answer.
*/
function wrapAnswerError(error: unknown, call: AttemptCall): unknown {
  if (!(error instanceof VodAnswerInvalidError)) return error;
  const { field, reason, imageIds, requestId } = error.details;
  return new ResponseInvalidError({
    context: { ...call.context, imageIds }, attempt: call.attempt, status: call.status, requestId: requestId ?? call.requestId,
    retryable: false, field, cause: error,
    reason: `an unexpected shape: ${field ? `${field} ` : ''}${reason}`,
    hint: `Nothing was cached for ${imageIds.length === 1 ? 'this image' : 'these images'}`,
  });
}
