import { createHash } from 'node:crypto';
import { LookupInputError } from '../engine/errors';
import { checkCredentialProp } from '../http/credential-props';
import { resolveEndpoint, type Endpoint } from '../http/endpoint';
import { checkKnownRegion } from '../http/known-region';
import { resolveTransport, type TransportOptions, type TransportProps } from '../http/transport-options';

/**
Public VOD endpoints by region, from the vendor's endpoint table (VOD is offered in these regions
only). A region is checked against this list before any call, because it is part of every cache key:
a typo would be cached as the answer for a region that does not exist. Another region needs
`allowUnknownRegion: true` (or IMAGE_LOOKUPS_ALLOW_UNKNOWN_REGION=1), and gets `https://vod.<region>.aliyuncs.com`
unless the `endpoint` prop says otherwise.
*/
export const VOD_ENDPOINTS: Readonly<Record<string, string>> = {
  'cn-beijing': 'https://vod.cn-beijing.aliyuncs.com',
  'cn-shanghai': 'https://vod.cn-shanghai.aliyuncs.com',
  'cn-shenzhen': 'https://vod.cn-shenzhen.aliyuncs.com',
  'cn-hongkong': 'https://vod.cn-hongkong.aliyuncs.com',
  'ap-northeast-1': 'https://vod.ap-northeast-1.aliyuncs.com',
  'ap-southeast-1': 'https://vod.ap-southeast-1.aliyuncs.com',
  'ap-southeast-5': 'https://vod.ap-southeast-5.aliyuncs.com',
  'eu-central-1': 'https://vod.eu-central-1.aliyuncs.com',
  'us-west-1': 'https://vod.us-west-1.aliyuncs.com',
};

/** The RPC API's path. */
export const VOD_API_PATH = '/';
/** The longest AuthTimeout VOD accepts for origin (oss) URLs: 30 days. */
export const MAX_OSS_AUTH_TIMEOUT = 2_592_000;
/**
The longest AuthTimeout sent for CDN URLs. VOD documents no maximum for cdn (only the minimum, 1);
a larger number cannot be sent exactly (JavaScript would print it rounded, or as 1e+21).
*/
export const MAX_CDN_AUTH_TIMEOUT = Number.MAX_SAFE_INTEGER;
/** A vendor VOD endpoint's host names its region: the region and the endpoint must agree. */
const VENDOR_ENDPOINT_HOST = /^vod(?:-vpc)?\.([a-z0-9-]+)\.aliyuncs\.com$/;

/** How to reach and sign the VOD API. Each prop wins over its env var, which wins over the default. */
export interface AliyunVodClientProps extends TransportProps {
  /**
  Region where the media is stored, e.g. `cn-shanghai`: VOD does not answer across regions. One of
  VOD_ENDPOINTS, checked before any call (a typo such as `cn-shanghia` is refused, naming the closest
  known region), or any region name with `allowUnknownRegion`. Env: ALICLOUD_REGION. Required.
  */
  readonly region?: string;
  /**
  Admits a region outside VOD_ENDPOINTS (one VOD added since this library's list); its endpoint is
  then `https://vod.<region>.aliyuncs.com` unless `endpoint` is given. An endpoint override alone does
  not admit one: ALICLOUD_VOD_ENDPOINT is often set for every stack at once.
  Env: IMAGE_LOOKUPS_ALLOW_UNKNOWN_REGION=1 (or `true`), for every construct.
  @default false
  */
  readonly allowUnknownRegion?: boolean;
  /** Env: ALICLOUD_ACCESS_KEY, else ALIBABA_CLOUD_ACCESS_KEY_ID (an empty env var counts as unset; an empty prop is an error). */
  readonly accessKeyId?: string;
  /** Env: ALICLOUD_SECRET_KEY, else ALIBABA_CLOUD_ACCESS_KEY_SECRET (an empty env var counts as unset; an empty prop is an error). */
  readonly accessKeySecret?: string;
  /**
  STS token. Env: ALICLOUD_SECURITY_TOKEN, else ALIBABA_CLOUD_SECURITY_TOKEN, but only with keys from
  that same env family: keys given as props take their token from this prop alone, since a token
  belongs to its key pair.
  */
  readonly securityToken?: string;
  /**
  An origin to send requests to instead of the region's, such as `http://127.0.0.1:8787` for the
  bundled emulator. Plain http only to loopback hosts. A vendor endpoint (`vod.<region>.aliyuncs.com`,
  `vod-vpc.<region>.aliyuncs.com`) must be the region's own. It does not admit a region outside
  VOD_ENDPOINTS (see `allowUnknownRegion`). Env: ALICLOUD_VOD_ENDPOINT.
  @default `https://vod.<region>.aliyuncs.com`
  */
  readonly endpoint?: string;
  /**
  `cdn` (accelerated) or `oss` (origin) URLs.
  @default 'cdn'
  */
  readonly outputType?: 'cdn' | 'oss';
  /**
  Lifetime of the signed URLs, in seconds: an integer ≥ 1; at most 2592000 (30 days) with `oss`
  (129600 for your own OSS bucket, which VOD checks itself); with `cdn` VOD documents no maximum, and
  anything up to Number.MAX_SAFE_INTEGER is sent exactly.
  @default the API's: the URL-signing default for cdn, 3600 for oss
  */
  readonly authTimeout?: number;
}

export interface AliyunCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

/** Props with env vars and defaults applied and checked. Credentials stay unread until a request needs them. */
export interface AliyunVodClientConfig extends TransportOptions {
  readonly region: string;
  readonly endpoint: Endpoint;
  readonly outputType: 'cdn' | 'oss';
  readonly authTimeout?: number;
  readonly credentials: () => AliyunCredentials;
  /** Distinguishes configurations that may not share a call; holds a hash of the key ID, never a secret. */
  readonly fingerprint: string;
}

export function resolveAliyunVodClientConfig(props: AliyunVodClientProps, env: NodeJS.ProcessEnv = process.env): AliyunVodClientConfig {
  const region = props.region ?? (env.ALICLOUD_REGION || undefined);
  const regionInput = props.region !== undefined ? 'region' : 'ALICLOUD_REGION';
  if (region === undefined) throw new LookupInputError('region', 'no region: set the region prop or ALICLOUD_REGION, e.g. cn-shanghai');
  if (typeof region !== 'string' || !/^[a-z]+(-[a-z0-9]+)+$/.test(region)) {
    throw new LookupInputError(regionInput, `${JSON.stringify(region)} is not a region ID such as cn-shanghai`);
  }

  const endpointOverride = props.endpoint ?? (env.ALICLOUD_VOD_ENDPOINT || undefined);
  const endpointInput = props.endpoint !== undefined ? 'endpoint' : 'ALICLOUD_VOD_ENDPOINT';
  const known = Object.keys(VOD_ENDPOINTS);
  const listed = checkKnownRegion({ region, input: regionInput, cloud: 'VOD', known, allowUnknownRegion: props.allowUnknownRegion }, env);
  const endpoint = resolveEndpoint({
    override: endpointOverride,
    overrideInput: endpointInput,
    defaultOrigin: listed ? VOD_ENDPOINTS[region] : `https://vod.${region}.aliyuncs.com`,
    path: VOD_API_PATH,
  });
  const endpointRegion = VENDOR_ENDPOINT_HOST.exec(new URL(endpoint.url).hostname)?.[1];
  if (endpointRegion !== undefined && endpointRegion !== region) {
    throw new LookupInputError(endpointInput, `${new URL(endpoint.url).origin} is the VOD endpoint of ${endpointRegion}, not of ${region} ` +
      `(from ${regionInput}): VOD does not answer across regions. Make the two agree`);
  }

  const outputType = props.outputType ?? 'cdn';
  if (outputType !== 'cdn' && outputType !== 'oss') throw new LookupInputError('outputType', `${JSON.stringify(outputType)} is not cdn or oss`);
  const { authTimeout } = props;
  if (authTimeout !== undefined) {
    if (typeof authTimeout !== 'number' || !Number.isInteger(authTimeout) || authTimeout < 1) {
      const shown = typeof authTimeout === 'number' ? String(authTimeout) : JSON.stringify(authTimeout);
      throw new LookupInputError('authTimeout', `${shown} is not an integer number of seconds ≥ 1`);
    }
    if (outputType === 'oss' && authTimeout > MAX_OSS_AUTH_TIMEOUT) {
      throw new LookupInputError('authTimeout', `${authTimeout} is more than ${MAX_OSS_AUTH_TIMEOUT} seconds (30 days), the most VOD allows for oss URLs`);
    }
    if (authTimeout > MAX_CDN_AUTH_TIMEOUT) {
      throw new LookupInputError('authTimeout', `${authTimeout} is more than ${MAX_CDN_AUTH_TIMEOUT} seconds, the most that can be sent exactly ` +
        '(VOD documents no maximum for cdn URLs, only the minimum, 1)');
    }
  }
  const { httpMethod, timeoutMs, maxResponseBytes, retry } = resolveTransport(props);

  const orSdkEquivalent = (envVar: string) => `${envVar} (or its ALIBABA_CLOUD_* equivalent)`;
  checkCredentialProp(props.accessKeyId, 'accessKeyId', orSdkEquivalent('ALICLOUD_ACCESS_KEY'));
  checkCredentialProp(props.accessKeySecret, 'accessKeySecret', orSdkEquivalent('ALICLOUD_SECRET_KEY'));
  checkCredentialProp(props.securityToken, 'securityToken', orSdkEquivalent('ALICLOUD_SECURITY_TOKEN'));
  const found = findCredentials(props, env);
  const credentials = (): AliyunCredentials => {
    if (!found.accessKeyId || !found.accessKeySecret) {
      throw new LookupInputError('credentials',
        `Alibaba Cloud credentials are needed to look up VOD images in ${region}, but no ${!found.accessKeyId ? 'AccessKey ID' : 'AccessKey secret'} is set. ` +
        'Set ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY (or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or the accessKeyId and accessKeySecret props), ' +
        'or run offline from a committed cache (IMAGE_LOOKUPS_MODE=offline).');
    }
    return { accessKeyId: found.accessKeyId, accessKeySecret: found.accessKeySecret, securityToken: found.securityToken };
  };
  return {
    region, endpoint, outputType, authTimeout, httpMethod, timeoutMs, maxResponseBytes, retry, credentials,
    // Needed only to group pending fetches: hashing the key ID for every construct of a warm synth is waste.
    get fingerprint() {
      const keyIdHash = found.accessKeyId ? createHash('sha256').update(found.accessKeyId).digest('hex').slice(0, 12) : 'none';
      return [region, endpoint.url, outputType, authTimeout, httpMethod, timeoutMs, keyIdHash].join('|');
    },
  };
}

/**
Props first; then the Terraform provider's ALICLOUD_* variables; then the SDKs' ALIBABA_CLOUD_*.
A family is taken whole (never an ID from one and a secret from the other), so a pair always matches.
*/
function findCredentials(props: AliyunVodClientProps, env: NodeJS.ProcessEnv): Partial<AliyunCredentials> {
  if (props.accessKeyId !== undefined || props.accessKeySecret !== undefined) {
    return { accessKeyId: props.accessKeyId, accessKeySecret: props.accessKeySecret, securityToken: props.securityToken };
  }
  // An empty env var counts as unset (a CI template's `VAR=`): the family falls through to the next.
  const family = env.ALICLOUD_ACCESS_KEY
    ? { accessKeyId: env.ALICLOUD_ACCESS_KEY, accessKeySecret: env.ALICLOUD_SECRET_KEY, securityToken: env.ALICLOUD_SECURITY_TOKEN }
    : { accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID, accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET, securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN };
  return { ...family, securityToken: props.securityToken ?? (family.securityToken || undefined) };
}
