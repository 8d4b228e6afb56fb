import { randomUUID } from 'node:crypto';
import { percentEncode, signRpc } from '../../src/aliyun-vod-images/signature';

/** What to send; every field has a valid default, so a test changes only what it is about. */
export interface VodCallOptions {
  /** @default 'GET' */
  readonly method?: 'GET' | 'POST';
  /** @default TEST_ACCESS_KEY_ID */
  readonly accessKeyId?: string;
  /** @default TEST_ACCESS_KEY_SECRET */
  readonly accessKeySecret?: string;
  readonly securityToken?: string;
  /** @default 'GetImageInfo' */
  readonly action?: string;
  /** The action's own parameters (ImageId, ImageIds, OutputType, AuthTimeout). @default {} */
  readonly params?: Readonly<Record<string, string>>;
  /** Milliseconds (formatted as `yyyy-MM-ddTHH:mm:ssZ`), or a string sent as it is. @default the current time */
  readonly timestamp?: number | string;
  /** @default a fresh UUID */
  readonly nonce?: string;
  /** Common parameters to leave out, e.g. `['Format']`. */
  readonly omit?: readonly string[];
  /** Changes the parameters after signing (to break the signature). */
  readonly afterSigning?: (params: Record<string, string>) => void;
}

export const TEST_ACCESS_KEY_ID = 'LTAIemulatorExample01';
export const TEST_ACCESS_KEY_SECRET = 'emulatorSecret01';

/** Signs and sends a VOD RPC request to the emulator like a real client, and returns the parsed answer. */
export async function callVod(origin: string, options: VodCallOptions = {}): Promise<{ status: number; body: any }> {
  const method = options.method ?? 'GET';
  const timestamp = options.timestamp ?? Date.now();
  const params: Record<string, string> = {
    Action: options.action ?? 'GetImageInfo',
    Format: 'JSON',
    Version: '2017-03-21',
    AccessKeyId: options.accessKeyId ?? TEST_ACCESS_KEY_ID,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: options.nonce ?? randomUUID(),
    Timestamp: typeof timestamp === 'string' ? timestamp : new Date(timestamp).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ...options.params,
  };
  if (options.securityToken !== undefined) params.SecurityToken = options.securityToken;
  for (const name of options.omit ?? []) delete params[name];
  params.Signature = signRpc(method, params, options.accessKeySecret ?? TEST_ACCESS_KEY_SECRET);
  options.afterSigning?.(params);

  // percentEncode, as the vendor SDK sends it: the server must decode %20 and %2A like any form value.
  const encoded = Object.entries(params).map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
  const url = new URL('/', origin);
  const response = method === 'GET'
    ? await fetch(`${url}?${encoded}`)
    : await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: encoded });
  const text = await response.text();
  return { status: response.status, body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}
