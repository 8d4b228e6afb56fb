import { signV1, type SignatureMethod } from '../../src/tencent-image-shares/signature';

/** What to send; every field has a valid default, so a test changes only what it is about. */
export interface TencentCallOptions {
  readonly method?: 'GET' | 'POST';
  readonly secretId?: string;
  readonly secretKey?: string;
  /** `undefined` leaves the parameter out (the server then uses HmacSHA1). */
  readonly signatureMethod?: SignatureMethod;
  readonly action?: string;
  readonly region?: string;
  readonly imageIds?: readonly string[];
  /** Unix seconds. @default the current time */
  readonly timestamp?: number;
  /** @default a fresh one */
  readonly nonce?: string;
  readonly token?: string;
  /** More parameters, signed with the rest. */
  readonly extraParams?: Readonly<Record<string, string>>;
  /** Changes the parameters after signing (to break the signature). */
  readonly afterSigning?: (params: Record<string, string>) => void;
}

export const TEST_SECRET_ID = 'AKIDemulatorExample01';
export const TEST_SECRET_KEY = 'emulatorSecretKey01';

let lastNonce = Math.floor(Math.random() * 1e6) + 1;

/** Signs and sends GetImageShareUinInfo to the emulator like a real client, and returns the parsed answer. */
export async function callTencent(origin: string, options: TencentCallOptions = {}): Promise<{ status: number; body: any }> {
  const method = options.method ?? 'POST';
  const params: Record<string, string> = {
    Action: options.action ?? 'GetImageShareUinInfo',
    SecretId: options.secretId ?? TEST_SECRET_ID,
    Timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
    Nonce: options.nonce ?? String(++lastNonce),
  };
  if ('signatureMethod' in options) {
    if (options.signatureMethod !== undefined) params.SignatureMethod = options.signatureMethod;
  } else {
    params.SignatureMethod = 'HmacSHA256';
  }
  if (options.region !== '') params.Region = options.region ?? 'ap-guangzhou';
  (options.imageIds ?? ['img-jgggrva9']).forEach((imageId, index) => (params[`imageIds.${index}`] = imageId));
  if (options.token !== undefined) params.Token = options.token;
  Object.assign(params, options.extraParams);
  const url = new URL('/v2/index.php', origin);
  params.Signature = signV1(method, url.host, url.pathname, params, options.secretKey ?? TEST_SECRET_KEY);
  options.afterSigning?.(params);

  const encoded = Object.entries(params).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  const response = method === 'GET'
    ? await fetch(`${url}?${encoded}`)
    : await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: encoded });
  const text = await response.text();
  return { status: response.status, body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}
