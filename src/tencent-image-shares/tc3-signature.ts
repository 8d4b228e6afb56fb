import { createHash, createHmac } from 'node:crypto';

/** The algorithm's name, first in the string to sign and in the Authorization header. */
export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

/** What TC3-HMAC-SHA256 signs of one API 3.0 request: a POST with a body, as this library sends it. */
export interface Tc3SigningInput {
  readonly secretId: string;
  readonly secretKey: string;
  /** The product's service name: the host's first label for the vendor's endpoints (`cvm`). An emulator's host does not say it. */
  readonly service: string;
  /** The Host header exactly as sent, a port included (`127.0.0.1:8787`): the server rebuilds the canonical request from what it receives. */
  readonly host: string;
  /** The Content-Type header exactly as sent: a library that adds `; charset=…` changes what must be signed. */
  readonly contentType: string;
  /** The body exactly as sent. */
  readonly payload: string | Buffer;
  /** Unix time in seconds, as sent in X-TC-Timestamp. Its UTC date is part of the signing key. */
  readonly timestamp: number;
}

/** The signature and the steps that lead to it (tests compare each step with the official example). */
export interface Tc3Signature {
  readonly canonicalRequest: string;
  /** `<UTC date>/<service>/tc3_request`. */
  readonly credentialScope: string;
  readonly stringToSign: string;
  /** Lower-case hex. */
  readonly signature: string;
  /** The Authorization header's value. */
  readonly authorization: string;
}

/** The headers every signature covers: `content-type` and `host`, sorted, as the official SDK signs them. */
export const TC3_SIGNED_HEADERS = 'content-type;host';
const SIGNED_HEADERS = TC3_SIGNED_HEADERS;

/**
Signs one POST as API 3.0 documents TC3-HMAC-SHA256: the canonical request (method, URI `/`, an
empty query, the signed headers and the body's SHA-256), the string to sign with the credential
scope of the timestamp's UTC date, and a key derived from `TC3` + SecretKey through that date, the
service and `tc3_request`.
*/
export function signTc3(input: Tc3SigningInput): Tc3Signature {
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalRequest = [
    'POST', '/', '',
    `content-type:${input.contentType.trim()}\nhost:${input.host.trim()}\n`,
    SIGNED_HEADERS,
    sha256Hex(input.payload),
  ].join('\n');
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const stringToSign = [TC3_ALGORITHM, String(input.timestamp), credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = [date, input.service, 'tc3_request'].reduce<Buffer>((key, part) => hmac(key, part), Buffer.from(`TC3${input.secretKey}`, 'utf8'));
  const signature = hmac(signingKey, stringToSign).toString('hex');
  return {
    canonicalRequest,
    credentialScope,
    stringToSign,
    signature,
    authorization: `${TC3_ALGORITHM} Credential=${input.secretId}/${credentialScope}, SignedHeaders=${SIGNED_HEADERS}, Signature=${signature}`,
  };
}

/** The parts of an Authorization header, or undefined when it is not a TC3 one. The emulator checks requests with it. */
export function parseTc3Authorization(header: string | undefined): { secretId: string; credentialScope: string; signedHeaders: string; signature: string } | undefined {
  const match = /^TC3-HMAC-SHA256 Credential=([^/,\s]+)\/([^,\s]+), ?SignedHeaders=([^,\s]+), ?Signature=([0-9a-f]+)$/.exec(header?.trim() ?? '');
  return match ? { secretId: match[1], credentialScope: match[2], signedHeaders: match[3], signature: match[4] } : undefined;
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}
