import { createHash } from 'node:crypto';
import { LookupInputError } from '../engine/errors';
import { checkCredentialProp } from '../http/credential-props';
import { resolveEndpoint, type Endpoint } from '../http/endpoint';
import { checkKnownRegion } from '../http/known-region';
import { resolveTransport, type TransportOptions, type TransportProps } from '../http/transport-options';
import { TENCENT_REGIONS } from './regions';
import type { SignatureMethod } from './signature';

/** The vendor's endpoint of the legacy image API. */
export const TENCENT_IMAGE_DEFAULT_ORIGIN = 'https://image.api.qcloud.com';
/** The legacy v2 API's path, appended to any origin. */
export const TENCENT_IMAGE_API_PATH = '/v2/index.php';
/** The vendor's endpoint of CVM API 3.0, for every region but the finance ones (see `tencentCvmOrigin`). */
export const TENCENT_CVM_DEFAULT_ORIGIN = 'https://cvm.tencentcloudapi.com';

/**
The two APIs that answer an image's share list:
- `GetImageShareUinInfo`, the legacy v2 API: 10 images a call, and the account's share quota;
- `DescribeImageSharePermission`, its CVM API 3.0 successor: one image a call, 10 calls a second.
*/
export const TENCENT_SHARE_APIS = ['GetImageShareUinInfo', 'DescribeImageSharePermission'] as const;
export type TencentShareApi = (typeof TENCENT_SHARE_APIS)[number];
/** What an authentication refusal of either API says to check. */
export const TENCENT_CREDENTIALS_HINT = 'Check TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and TENCENTCLOUD_SECURITY_TOKEN (or the secretId, secretKey and securityToken props)';
/** The env var that chooses the API for every construct without an `api` prop. */
export const TENCENT_API_ENV = 'IMAGE_LOOKUPS_TENCENT_API';
/** The env var of API 3.0's pacing, for every construct without a `requestsPerSecond` prop. */
export const TENCENT_API3_RPS_ENV = 'IMAGE_LOOKUPS_TENCENT_API3_RPS';
/** DescribeImageSharePermission's documented limit: 10 requests a second per account. */
export const TENCENT_API3_DOCUMENTED_RPS = 10;

export { TENCENT_REGIONS } from './regions';

/** How to reach and sign the share-list API. Each prop wins over its env var, which wins over the default. */
export interface TencentClientProps extends TransportProps {
  /**
  Which API answers: the legacy `GetImageShareUinInfo` (10 images a call, with the account's share
  quota) or CVM API 3.0 `DescribeImageSharePermission` (one image a call, paced to
  `requestsPerSecond`; no share quota). Each API has its own cache keys, endpoint and env var.
  Env: IMAGE_LOOKUPS_TENCENT_API, so a pipeline can switch without a code change.
  @default 'GetImageShareUinInfo'
  */
  readonly api?: TencentShareApi;
  /**
  API 3.0 only: the most DescribeImageSharePermission requests a second, shared by every construct
  of the app that signs with the same SecretId (the limit is the account's), retries included.
  Calls are evenly spaced (a burst of 1), 1000 ÷ rate ms apart plus a 2 ms guard against arrival
  jitter. The pacing is per SecretId: the library cannot tell which keys belong to one account, so
  two keys of one account each get the rate. Any number above 0 and at most 1000.
  Env: IMAGE_LOOKUPS_TENCENT_API3_RPS.
  @default 10, the documented limit
  */
  readonly requestsPerSecond?: number;
  /**
  Region of the images, e.g. `ap-guangzhou`: one of TENCENT_REGIONS, checked before any call (a typo
  such as `ap-guangzou` is refused, naming the closest known region), or any region name with
  `allowUnknownRegion`. Env: TENCENTCLOUD_REGION. Required: there is no silent default.
  */
  readonly region?: string;
  /**
  Admits a region outside TENCENT_REGIONS (one Tencent Cloud added since this library's list). An
  endpoint override does not: TENCENTCLOUD_IMAGE_ENDPOINT is often set for every stack at once.
  Env: IMAGE_LOOKUPS_ALLOW_UNKNOWN_REGION=1 (or `true`), for every construct.
  @default false
  */
  readonly allowUnknownRegion?: boolean;
  /** Env: TENCENTCLOUD_SECRET_ID (an empty env var counts as unset; an empty prop is an error). */
  readonly secretId?: string;
  /** Env: TENCENTCLOUD_SECRET_KEY (an empty env var counts as unset; an empty prop is an error). */
  readonly secretKey?: string;
  /** Token of temporary (STS) credentials. Env: TENCENTCLOUD_SECURITY_TOKEN (empty: unset; an empty prop is an error). */
  readonly securityToken?: string;
  /**
  An origin to send requests to instead of the vendor's, such as `http://127.0.0.1:8787` for the
  bundled emulator, for whichever API is chosen: v2 appends `/v2/index.php`, API 3.0 posts to `/`.
  Signed with the Host it is sent to. Plain http only to loopback hosts. It does not admit a region
  outside TENCENT_REGIONS (see `allowUnknownRegion`). Env, one per API so that switching APIs by env
  var never sends one API's requests to the other's endpoint: TENCENTCLOUD_IMAGE_ENDPOINT (v2 only)
  and TENCENTCLOUD_CVM_ENDPOINT (API 3.0 only).
  @default 'https://image.api.qcloud.com' for v2; for API 3.0 'https://cvm.tencentcloudapi.com', and `https://cvm.<region>.tencentcloudapi.com` in the finance regions (`*-fsi`), which require their regional domain
  */
  readonly endpoint?: string;
  /**
  The legacy v2 API's signature v1 HMAC. API 3.0 always signs with TC3-HMAC-SHA256 and ignores it.
  @default 'HmacSHA256'
  */
  readonly signatureMethod?: SignatureMethod;
}

export interface TencentCredentials {
  readonly secretId: string;
  readonly secretKey: string;
  readonly securityToken?: string;
}

/** Props with env vars and defaults applied and checked. Credentials stay unread until a request needs them. */
export interface TencentClientConfig extends TransportOptions {
  readonly api: TencentShareApi;
  readonly region: string;
  /** The chosen API's endpoint. */
  readonly endpoint: Endpoint;
  /** API 3.0's pacing: the most requests a second for this SecretId. */
  readonly requestsPerSecond: number;
  readonly signatureMethod: SignatureMethod;
  /** Throws a clear error if credentials are missing; called only when a request is really made. */
  readonly credentials: () => TencentCredentials;
  /** Distinguishes configurations that may not share a call; holds a hash of the SecretId, never the secret. */
  readonly fingerprint: string;
}

export function resolveTencentClientConfig(props: TencentClientProps, env: NodeJS.ProcessEnv = process.env): TencentClientConfig {
  const region = props.region ?? (env.TENCENTCLOUD_REGION || undefined);
  if (region === undefined) {
    throw new LookupInputError('region', 'no region: set the region prop or TENCENTCLOUD_REGION, e.g. ap-guangzhou');
  }
  const regionInput = props.region !== undefined ? 'region' : 'TENCENTCLOUD_REGION';
  if (typeof region !== 'string' || !/^[a-z]+(-[a-z0-9]+)*$/.test(region)) {
    throw new LookupInputError(regionInput, `${JSON.stringify(region)} is not a region name such as ap-guangzhou`);
  }
  checkKnownRegion({ region, input: regionInput, cloud: 'Tencent Cloud', known: TENCENT_REGIONS, allowUnknownRegion: props.allowUnknownRegion }, env);
  const signatureMethod = props.signatureMethod ?? 'HmacSHA256';
  if (signatureMethod !== 'HmacSHA256' && signatureMethod !== 'HmacSHA1') {
    throw new LookupInputError('signatureMethod', `${JSON.stringify(signatureMethod)} is not HmacSHA256 or HmacSHA1`);
  }
  const api = resolveApi(props.api, env);
  const requestsPerSecond = resolveRequestsPerSecond(props.requestsPerSecond, env);
  const transport = resolveTransport(props);
  // API 3.0 takes a JSON body: it is always a POST, whatever httpMethod says (a v2 setting kept when switching by env var).
  const httpMethod = api === 'DescribeImageSharePermission' ? 'POST' : transport.httpMethod;
  const { timeoutMs, maxResponseBytes, retry } = transport;
  // Each API has its own endpoint env var: switching APIs by env var never sends one API's requests to the other's endpoint.
  const endpointEnv = api === 'DescribeImageSharePermission' ? 'TENCENTCLOUD_CVM_ENDPOINT' : 'TENCENTCLOUD_IMAGE_ENDPOINT';
  const endpoint = resolveEndpoint({
    override: props.endpoint ?? (env[endpointEnv] || undefined),
    overrideInput: props.endpoint !== undefined ? 'endpoint' : endpointEnv,
    defaultOrigin: api === 'DescribeImageSharePermission' ? tencentCvmOrigin(region) : TENCENT_IMAGE_DEFAULT_ORIGIN,
    path: api === 'DescribeImageSharePermission' ? '/' : TENCENT_IMAGE_API_PATH,
  });

  checkCredentialProp(props.secretId, 'secretId', 'TENCENTCLOUD_SECRET_ID');
  checkCredentialProp(props.secretKey, 'secretKey', 'TENCENTCLOUD_SECRET_KEY');
  checkCredentialProp(props.securityToken, 'securityToken', 'TENCENTCLOUD_SECURITY_TOKEN');
  // An empty env var counts as unset (a CI template's `VAR=`); an empty prop was refused above.
  const secretId = props.secretId ?? (env.TENCENTCLOUD_SECRET_ID || undefined);
  const secretKey = props.secretKey ?? (env.TENCENTCLOUD_SECRET_KEY || undefined);
  const securityToken = props.securityToken ?? (env.TENCENTCLOUD_SECURITY_TOKEN || undefined);
  const credentials = (): TencentCredentials => {
    const missing = [secretId === undefined && 'TENCENTCLOUD_SECRET_ID (or the secretId prop)',
      secretKey === undefined && 'TENCENTCLOUD_SECRET_KEY (or the secretKey prop)'].filter(Boolean);
    if (missing.length > 0) {
      throw new LookupInputError('credentials',
        `Tencent Cloud credentials are needed to look up image shares in ${region}, but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set. ` +
        'Set them, or run offline from a committed cache (IMAGE_LOOKUPS_MODE=offline).');
    }
    return { secretId: secretId!, secretKey: secretKey!, securityToken };
  };
  return {
    api, region, endpoint, requestsPerSecond, signatureMethod, httpMethod, timeoutMs, maxResponseBytes, retry, credentials,
    // Needed only to group pending fetches: hashing the key ID for every construct of a warm synth is waste.
    get fingerprint() {
      return [api, region, endpoint.url, signatureMethod, httpMethod, timeoutMs, requestsPerSecond, secretIdHashOf(secretId)].join('|');
    },
  };
}

/** A short hash of the SecretId, never the SecretId: it tells configurations (and API 3.0's pacing buckets) apart. */
export function secretIdHashOf(secretId: string | undefined): string {
  return secretId === undefined ? 'none' : createHash('sha256').update(secretId).digest('hex').slice(0, 12);
}

/** API 3.0's origin in `region`: the finance regions (`*-fsi`) require their regional domain. */
export function tencentCvmOrigin(region: string): string {
  return region.endsWith('-fsi') ? `https://cvm.${region}.tencentcloudapi.com` : TENCENT_CVM_DEFAULT_ORIGIN;
}

/** The `api` prop, else IMAGE_LOOKUPS_TENCENT_API (empty: unset), else the legacy API. */
function resolveApi(prop: unknown, env: NodeJS.ProcessEnv): TencentShareApi {
  const value = prop ?? (env[TENCENT_API_ENV] || undefined) ?? 'GetImageShareUinInfo';
  if (!(TENCENT_SHARE_APIS as readonly unknown[]).includes(value)) {
    throw new LookupInputError(prop !== undefined ? 'api' : TENCENT_API_ENV,
      `${JSON.stringify(value)} is not one of ${TENCENT_SHARE_APIS.join(' or ')} (the names are case-sensitive)`);
  }
  return value as TencentShareApi;
}

/** The `requestsPerSecond` prop, else IMAGE_LOOKUPS_TENCENT_API3_RPS, else the documented 10; checked whichever API is chosen. */
function resolveRequestsPerSecond(prop: unknown, env: NodeJS.ProcessEnv): number {
  const fromEnv = env[TENCENT_API3_RPS_ENV] || undefined;
  const value = prop ?? (fromEnv !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(fromEnv) ? Number(fromEnv) : fromEnv) ?? TENCENT_API3_DOCUMENTED_RPS;
  if (typeof value !== 'number' || !(value > 0 && value <= 1000)) {
    throw new LookupInputError(prop !== undefined ? 'requestsPerSecond' : TENCENT_API3_RPS_ENV,
      `${JSON.stringify(value)} is not a number of requests a second above 0 and at most 1000; DescribeImageSharePermission allows ${TENCENT_API3_DOCUMENTED_RPS}, the default`);
  }
  return value;
}
