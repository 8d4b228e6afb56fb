import { createHmac } from 'node:crypto';

/** The two HMACs of Tencent Cloud signature v1 (legacy v2 API and API 3.0 "v1"). */
export type SignatureMethod = 'HmacSHA256' | 'HmacSHA1';

/**
The string to sign: `METHOD + host + path + '?' + name=value&…`, with every parameter except
`Signature`, sorted by name in byte (ASCII) order and with RAW values: the vendor signs the values
before URL encoding, and encoding them here would make every signature with `/`, `+` or `=` wrong.

`host` is exactly the Host header sent (a port included, e.g. `127.0.0.1:8787`), since the server
rebuilds this string from what it receives.
*/
export function stringToSignV1(httpMethod: 'GET' | 'POST', host: string, path: string, params: Readonly<Record<string, string>>): string {
  // Plain `<` comparison, not localeCompare: the documented order is by code, so `InstanceIds.12`
  // comes before `InstanceIds.2` and upper-case names before lower-case ones.
  const names = Object.keys(params).filter((name) => name !== 'Signature').sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const query = names.map((name) => `${name}=${params[name]}`).join('&');
  return `${httpMethod}${host}${path}?${query}`;
}

/**
Base64 HMAC of `stringToSignV1(...)` with the secret key. The documented rule: SHA-256 only when
`params.SignatureMethod` is exactly `HmacSHA256`, SHA-1 otherwise (including when it is absent).
*/
export function signV1(
  httpMethod: 'GET' | 'POST',
  host: string,
  path: string,
  params: Readonly<Record<string, string>>,
  secretKey: string,
): string {
  const algorithm = params.SignatureMethod === 'HmacSHA256' ? 'sha256' : 'sha1';
  return createHmac(algorithm, secretKey).update(stringToSignV1(httpMethod, host, path, params), 'utf8').digest('base64');
}
