/** A network failure, reduced to what is safe and useful to show. */
export interface NetworkCause {
  /** The most specific code in the error's cause chain: ECONNREFUSED, ECONNRESET, ENOTFOUND, UND_ERR_SOCKET, … */
  readonly code?: string;
  /** The innermost message, with any URL's query string dropped (a GET query holds the key ID and signature). */
  readonly message: string;
  /** What to check, when the code says something useful. */
  readonly hint?: string;
  /** False for faults another attempt cannot fix (an untrusted certificate, a proxy refusing the credentials). */
  readonly retryable: boolean;
}

/** Certificate codes from Node's TLS layer: no retry fixes them. */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_UNTRUSTED', 'CERT_REVOKED', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
Walks `error`'s cause chain (fetch wraps the socket's error: `TypeError: fetch failed` ← `connect
ECONNREFUSED …`) and picks its code and innermost message.
*/
export function networkCauseOf(error: unknown): NetworkCause {
  const chain: Array<{ code?: unknown; message?: unknown }> = [];
  for (let link: unknown = error; typeof link === 'object' && link !== null && chain.length < 10; link = (link as { cause?: unknown }).cause) {
    chain.push(link as { code?: unknown; message?: unknown });
  }
  const codes = chain.map((link) => link.code).filter((code): code is string => typeof code === 'string');
  // An OS or TLS code says more than undici's generic ones (UND_ERR_SOCKET), which say more than none.
  const code = codes.find((candidate) => /^E[A-Z]+$/.test(candidate) || CERTIFICATE_CODES.has(candidate)) ?? codes[0];
  const innermost = [...chain].reverse().find((link) => typeof link.message === 'string' && link.message !== '');
  const message = withoutQueryStrings(innermost ? String(innermost.message) : String(error));
  return { code, message, ...adviceFor(code, message) };
}

function adviceFor(code: string | undefined, message: string): { hint?: string; retryable: boolean } {
  const proxyStatus = /Proxy response \((\d{3})\)/.exec(message)?.[1];
  if (proxyStatus !== undefined) {
    return {
      hint: `The proxy refused the tunnel with HTTP ${proxyStatus}: check HTTPS_PROXY / HTTP_PROXY (address and credentials), or list the host in NO_PROXY`,
      retryable: proxyStatus !== '407' && proxyStatus !== '403',
    };
  }
  switch (code) {
    case 'ECONNREFUSED':
      return { hint: 'Nothing accepted the connection: is the endpoint right, and is the server running (for a loopback endpoint, the emulator; behind a proxy, the proxy)?', retryable: true };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { hint: 'The host name did not resolve: check the endpoint and DNS, or set HTTPS_PROXY if only a proxy reaches the API', retryable: true };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return { hint: 'The connection was closed before the answer was complete (by the server, a load balancer or a proxy)', retryable: true };
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return { hint: 'Connecting took too long: check the network path, firewall or proxy', retryable: true };
    default:
      if (code !== undefined && CERTIFICATE_CODES.has(code)) {
        return {
          hint: "The server's TLS certificate was not accepted: behind a TLS-inspecting proxy, trust its CA with NODE_EXTRA_CA_CERTS=/path/to/ca.pem",
          retryable: false,
        };
      }
      return { retryable: true };
  }
}

/** Drops the query string and fragment of any URL in a text. */
export function withoutQueryStrings(text: string): string {
  return text.replace(/(https?:\/\/[^\s?#]*)[?#]\S*/g, '$1');
}
