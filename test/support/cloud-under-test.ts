import type { EmulatorDataInput } from '../../src/emulator';
import type { FetchProgress } from '../../src/engine/lookup-provider';
import type { LookupCallError } from '../../src/http/errors';
import type { TransportProps } from '../../src/http/transport-options';
import type { RecordedRequest } from './loopback-http';

/** One image's outcome of a batch lookup, the same shape for every cloud. */
export interface Outcome {
  readonly imageId: string;
  readonly outcome: 'found' | 'notFound' | 'error';
  readonly error?: unknown;
}

/** An error answer in the cloud's own dialect. */
export interface ApiErrorAnswer {
  readonly body: unknown;
  readonly apiCode: string | number;
}

/** Credentials in the contract's own words; each cloud maps them to its props (secretId, accessKeyId, …). */
export interface ContractCredentials {
  readonly keyId?: string;
  readonly keySecret?: string;
  readonly securityToken?: string;
}

/** What a contract test hands a client: transport props, runtime options, and what it overrides. */
export interface ContractOptions extends TransportProps {
  /** Given fields replace the marker credentials' (an undefined field unsets it); `'none'` gives no credential prop at all. */
  readonly credentials?: ContractCredentials | 'none';
  /** The region prop; present and undefined: no region prop. @default the cloud's `region` */
  readonly region?: string;
  /** The allowUnknownRegion prop. */
  readonly allowUnknownRegion?: boolean;
  readonly concurrency?: number;
  readonly onRequest?: () => void;
  readonly progress?: FetchProgress;
}

/** A client's resolved configuration, in the contract's words. */
export interface ContractConfig {
  readonly region: string;
  readonly endpoint: { readonly url: string; readonly host: string; readonly path: string };
  readonly fingerprint: string;
  credentials(): ContractCredentials;
}

/** An API error code, and the HTTP status the emulator answers it with. */
export type ApiCodeAnswer = readonly [apiCode: string | number, status: number];

/** The env vars one credential family of a cloud reads. */
export interface CredentialEnv {
  readonly family: string;
  env(credentials: Required<ContractCredentials>): NodeJS.ProcessEnv;
}

/**
What the shared contract suites need to know of one signed client: how to call it and read its
config, what its API's answers and error codes look like, which env vars it reads, and which marker
credentials it signs with (they must never show up in any error or log).
*/
export interface CloudUnderTest {
  /** As errors and the debug log name it. */
  readonly cloud: string;
  /** The action of a batch call. */
  readonly action: string;
  /** The batch entry point, as the one-call entry point's errors name it. */
  readonly batchEntryPoint: string;
  readonly region: string;
  /** Another region the client knows (for env precedence), and one of the wrong shape. */
  readonly otherRegion: string;
  readonly malformedRegion: string;
  /** A typo of a known region, and the known region it is closest to. */
  readonly regionTypo: { readonly typo: string; readonly closest: string };
  /** A well-formed region outside the client's known list. */
  readonly unknownRegion: string;
  readonly apiPath: string;
  readonly maxIdsPerCall: number;
  /** An image the emulator knows. */
  readonly knownImageId: string;
  unknownImageIds(count: number): string[];
  /** An ID of the wrong shape for this API. */
  readonly malformedImageId: string;
  /** The marker key ID, key and token this client signs with by default: a temporary key, its token required. */
  readonly markers: Required<ContractCredentials>;
  /** The markers' values: never in an error or a log. */
  readonly secrets: readonly string[];
  /** A plain key (no token) the contract emulator accepts too. */
  readonly plainKey: Required<Pick<ContractCredentials, 'keyId' | 'keySecret'>>;
  /** This cloud's part of the contract emulator's data: its credentials and section. */
  readonly emulatorData: EmulatorDataInput;
  /** The key ID and the token a request carried (form parameters, or headers for a header-signed API), null when absent. */
  keyIdOf(request: RecordedRequest): string | null;
  tokenOf(request: RecordedRequest): string | null;
  /** The Content-Type of a request's body. */
  readonly contentType: string;
  /**
  Whether `httpMethod: 'GET'` (a signed query string) is selectable. An API that signs a JSON body
  (Tencent API 3.0) always POSTs; the GET tests are then not run, and `httpMethod` is only checked.
  */
  readonly getSelectable: boolean;
  /** The env vars of the region, the endpoint and the token. */
  readonly env: { readonly region: string; readonly endpoint: string; readonly token: string };
  /** The credential env families, the preferred one first. */
  readonly credentialEnvs: readonly CredentialEnv[];
  /** What an auth refusal's message names, to point at the credentials. */
  readonly credentialHints: readonly string[];
  /** What the error of missing credentials names. */
  readonly missingCredentials: readonly string[];
  /** What the error of a key ID without its secret says, and does not say. */
  readonly missingSecret: { readonly says: string; readonly doesNotSay: readonly string[] };
  /** The codes (and HTTP statuses) the emulator answers. */
  readonly codes: Readonly<Record<'throttle' | 'internal' | 'wrongSecret' | 'unknownKeyId' | 'tokenMismatch', ApiCodeAnswer>>;
  /**
  The refusal of a signature too far from the server's clock, and whether it is re-signed once (a
  fresh nonce and timestamp may pass) or, where the API says an auth failure is never retried (Tencent
  API 3.0's AuthFailure.SignatureExpire), thrown at once. `props` are more of the error's.
  */
  readonly replayRefusal: { readonly apiCode: string | number; readonly clockSkewMs: number; readonly resignsOnce: boolean; readonly props: Readonly<Record<string, unknown>> };
  /** The endpoint without prop or env var. */
  defaultEndpoint(region: string): ContractConfig['endpoint'];
  /** The API error class, and an error answer of each kind in the API's dialect. */
  readonly ApiError: abstract new (...args: never[]) => LookupCallError & { readonly apiCode: string | number };
  apiError(kind: 'throttle' | 'auth' | 'internal', requestId?: string): ApiErrorAnswer;
  /** A 200 answer of the wrong shape (a count that is not a number, a list that is text), and the field it gets wrong. */
  malformedAnswer(): { readonly body: unknown; readonly field: string };
  /**
  The per-attempt nonce a request carried. Absent for a scheme without one (TC3: an attempt is new by
  its X-TC-Timestamp alone, so two attempts in the same second may be identical, and both valid).
  */
  nonceOf?(request: RecordedRequest): string | null;
  /** The signature a request carried. */
  signatureOf(request: RecordedRequest): string | null;
  /** The config of a client made with `options` (no endpoint prop when `endpoint` is undefined). */
  configOf(endpoint: string | undefined, options?: ContractOptions, env?: NodeJS.ProcessEnv): ContractConfig;
  /** One batch call (at most `maxIdsPerCall` IDs): resolves to the IDs found, rejects with the call's error. */
  fetch(endpoint: string | undefined, imageIds: readonly string[], options?: ContractOptions, env?: NodeJS.ProcessEnv): Promise<string[]>;
  /** Any number of IDs, in calls of `maxIdsPerCall`: one outcome per ID. */
  lookup(endpoint: string | undefined, imageIds: readonly string[], options?: ContractOptions, env?: NodeJS.ProcessEnv): Promise<readonly Outcome[]>;
}

/** Tiny backoff so retried tests stay fast; no test measures time. */
export const FAST_RETRY = { retries: 3, baseDelayMs: 1, maxDelayMs: 5 } as const;

/** The props a contract test asks a client for, in the contract's words: each cloud maps the credentials onto its props. */
export type ContractClientProps = Omit<ContractOptions, 'credentials'> & ContractCredentials & { readonly endpoint?: string };

/**
The props of a contract test's client: the cloud's region, the marker credentials (changed by
`options.credentials`), tiny backoff, and the rest of `options` as given. A `region` in `options`,
even undefined, replaces the cloud's.
*/
export function contractProps(cloud: Pick<CloudUnderTest, 'region' | 'markers'>, endpoint: string | undefined, options: ContractOptions): ContractClientProps {
  const { credentials, ...rest } = options;
  return { region: cloud.region, endpoint, ...(credentials === 'none' ? {} : { ...cloud.markers, ...credentials }), retry: FAST_RETRY, ...rest };
}

/** A client's config in the contract's words, its credentials mapped by `credentialsOf`. */
export function contractConfig<Credentials>(
  config: Omit<ContractConfig, 'credentials'> & { credentials(): Credentials },
  credentialsOf: (credentials: Credentials) => ContractCredentials,
): ContractConfig {
  const { region, endpoint, fingerprint } = config;
  return { region, endpoint, fingerprint, credentials: () => credentialsOf(config.credentials()) };
}
