import type { FetchProgress, LimitFunction } from '../engine/lookup-provider';
import type { CallContext } from './call-context';
import { classifyCallFailure, isThrottled } from './classify-failure';
import type { Endpoint } from './endpoint';
import { limitOf, lookupInBatches, type ClientRuntimeOptions, type LookupBatch, type LookupBatchCalls } from './lookup-batch';
import { FormTransport, type FormResponse, type SignedPayload } from './send-form';
import type { TransportOptions } from './transport-options';
import { withRetries } from './with-retries';

/** What the skeleton needs of a client's resolved config. */
export interface SignedFormConfig<Credentials> extends TransportOptions {
  readonly region: string;
  readonly endpoint: Endpoint;
  /** Throws a clear error if credentials are missing; called only when a request is really made. */
  readonly credentials: () => Credentials;
}

/** What the skeleton needs to know of one API: its name, its secrets and where its answers keep their request ID. */
export interface SignedFormApi<Credentials> {
  /** How errors and the debug log name the cloud, e.g. `Tencent Cloud`. */
  readonly cloud: string;
  /** The secret parts of the credentials (key ID, key, token), redacted from the debug log and the API's messages. */
  readonly secretsOf: (credentials: Credentials) => ReadonlyArray<string | undefined>;
  /** The API's request ID in an answer's body, when it has one. */
  readonly requestIdOf: (body: unknown) => string | undefined;
}

/** One attempt's request: the params to send as they are, and the signature among them (a secret too). */
export interface SignedParams {
  readonly params: Record<string, string>;
  readonly signature: string;
  /**
  A signed body to POST instead of `params`, with its headers (an API that signs headers and a JSON
  body, such as Tencent API 3.0; `params` are then ignored).
  @default none
  */
  readonly payload?: SignedPayload;
}

/** One API action, in the API's own terms: how to sign an attempt and how to read its answer. */
export interface SignedCall<Credentials, T> {
  readonly action: string;
  /** The image IDs the call asks about, for errors and the debug log. */
  readonly imageIds: readonly string[];
  /**
  Waits before each attempt is signed, e.g. for the API's request pacing, so the timestamp is that of
  the send.
  @default no wait
  */
  readonly beforeAttempt?: () => Promise<void>;
  /**
  Runs after each attempt, answered, failed or never sent, e.g. to free the API's pacing for the next one.
  @default nothing
  */
  readonly afterAttempt?: () => void;
  /** Signs one attempt afresh: a new nonce and timestamp every time. */
  readonly sign: (credentials: Credentials) => SignedParams;
  /**
  Classifies one answer inside its attempt, so its errors know their attempt. `secrets` are the
  attempt's (signature included), to redact from an API message in case it echoes the request.
  */
  readonly read: (response: FormResponse, call: { readonly context: CallContext; readonly attempt: number }, secrets: ReadonlyArray<string | undefined>) => T;
}

/**
The skeleton every signed form client shares: its resolved config, the transport made at the first
call, the batch limiter, the request counter, and one signed call retried on throttling and
transient faults. A client adds only its API's parts: params and signing, answer parsing and its
error dialect.
*/
export abstract class SignedFormClient<Credentials, Config extends SignedFormConfig<Credentials>> {
  readonly config: Config;
  private readonly limit: LimitFunction;
  private readonly onRequest?: () => void;
  private readonly progress?: FetchProgress;
  private formTransport?: FormTransport;

  protected constructor(
    private readonly api: SignedFormApi<Credentials>,
    config: Config,
    options: ClientRuntimeOptions,
    private readonly env: NodeJS.ProcessEnv,
  ) {
    this.config = config;
    this.limit = limitOf(options);
    this.onRequest = options.onRequest;
    this.progress = options.progress;
  }

  /**
  `lookupInBatches` under this client's limiter; credentials are read and the transport made once,
  before the first call.
  */
  protected lookupInBatches<Value, Answer>(imageIds: readonly string[], calls: Omit<LookupBatchCalls<Value, Answer>, 'limit' | 'prepare'>): Promise<LookupBatch<Value, Answer>> {
    return lookupInBatches(imageIds, {
      ...calls, limit: this.limit, progress: this.progress, prepare: () => { this.config.credentials(); this.transport(); },
    });
  }

  /**
  Signs and sends one action, retrying throttling and transient faults (every attempt is signed
  afresh), and hands each answer to `read` inside its attempt. Every throttled answer and every
  retry is told to `progress`.
  */
  protected async signedCall<T>(call: SignedCall<Credentials, T>): Promise<T> {
    const credentials = this.config.credentials();
    const transport = this.transport();
    const { endpoint, httpMethod, timeoutMs, maxResponseBytes, region } = this.config;
    const context: CallContext = { cloud: this.api.cloud, action: call.action, region, endpoint: endpoint.url, imageIds: [...call.imageIds] };
    const baseSecrets = this.api.secretsOf(credentials);
    const { requestIdOf } = this.api;
    let secrets: ReadonlyArray<string | undefined> = baseSecrets;
    return withRetries(async (attempt) => {
      try {
        await call.beforeAttempt?.();
        const { params, signature, payload } = call.sign(credentials);
        secrets = [...baseSecrets, signature];
        this.onRequest?.();
        const response = await transport.send({ context, attempt, endpoint, method: httpMethod, params, payload, timeoutMs, maxResponseBytes, secrets, requestIdOf });
        return call.read(response, { context, attempt }, secrets);
      } catch (error) {
        if (isThrottled(error)) this.progress?.throttled();
        throw error;
      } finally {
        call.afterAttempt?.();
      }
    }, classifyCallFailure, this.config.retry, (error, attempt, delayMs, decision) => {
      this.progress?.retrying();
      transport.debug?.retry({ context, attempt, secrets }, error, delayMs, decision);
    });
  }

  /** The transport, made at the first call: a bad proxy env var or IMAGE_LOOKUPS_DEBUG fails then, before any request. */
  private transport(): FormTransport {
    this.formTransport ??= FormTransport.fromEnv(this.env);
    return this.formTransport;
  }
}
