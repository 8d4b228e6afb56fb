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

export { TENCENT_REGIONS } from './regions';

/** How to reach and sign GetImageShareUinInfo. Each prop wins over its env var, which wins over the default. */
export interface TencentClientProps extends TransportProps {
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
  bundled emulator; `/v2/index.php` is appended. Plain http only to loopback hosts. It does not
  admit a region outside TENCENT_REGIONS (see `allowUnknownRegion`). Env: TENCENTCLOUD_IMAGE_ENDPOINT.
  @default 'https://image.api.qcloud.com'
  */
  readonly endpoint?: string;
  /**
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
  readonly region: string;
  readonly endpoint: Endpoint;
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
  const { httpMethod, timeoutMs, maxResponseBytes, retry } = resolveTransport(props);
  const endpointOverride = props.endpoint ?? (env.TENCENTCLOUD_IMAGE_ENDPOINT || undefined);
  const endpoint = resolveEndpoint({
    override: endpointOverride,
    overrideInput: props.endpoint !== undefined ? 'endpoint' : 'TENCENTCLOUD_IMAGE_ENDPOINT',
    defaultOrigin: TENCENT_IMAGE_DEFAULT_ORIGIN,
    path: TENCENT_IMAGE_API_PATH,
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
    region, endpoint, signatureMethod, httpMethod, timeoutMs, maxResponseBytes, retry, credentials,
    // Needed only to group pending fetches: hashing the key ID for every construct of a warm synth is waste.
    get fingerprint() {
      const secretIdHash = secretId === undefined ? 'none' : createHash('sha256').update(secretId).digest('hex').slice(0, 12);
      return [region, endpoint.url, signatureMethod, httpMethod, timeoutMs, secretIdHash].join('|');
    },
  };
}
