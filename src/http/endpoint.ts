import { LookupInputError } from '../engine/errors';

/** Where a client sends its requests. */
export interface Endpoint {
  /** Full URL of the API, e.g. `https://image.api.qcloud.com/v2/index.php`. Recorded in cache entries. */
  readonly url: string;
  /** The Host header exactly as sent (with a port when it is not the default one): signatures cover it. */
  readonly host: string;
  /** The URL path, e.g. `/v2/index.php`. */
  readonly path: string;
  /** The prop or env var that set it (e.g. `TENCENTCLOUD_IMAGE_ENDPOINT`), for errors to name; absent for the vendor's own. */
  readonly source?: string;
}

/**
Resolves an API endpoint from an optional override (a bare origin such as `http://127.0.0.1:8787`)
and the vendor's default origin, then appends the API's path.

Plain http is refused except for loopback hosts: requests carry a signature and the SecretId, and
tests and emulators run on loopback.
*/
export function resolveEndpoint(options: {
  /** The override, from a prop or an env var. */
  readonly override?: string;
  /** Names the override in errors, e.g. `endpoint` or `TENCENTCLOUD_IMAGE_ENDPOINT`. */
  readonly overrideInput: string;
  readonly defaultOrigin: string;
  readonly path: string;
}): Endpoint {
  const origin = options.override ?? options.defaultOrigin;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new LookupInputError(options.overrideInput, `${JSON.stringify(origin)} is not a URL; give an origin such as https://host or http://127.0.0.1:8787`);
  }
  if (url.username || url.password) {
    // Do not repeat the input: it holds a password.
    throw new LookupInputError(options.overrideInput,
      `the endpoint must be an origin only (scheme, host and port), without credentials (user:password@); the client appends ${options.path}`);
  }
  if (url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new LookupInputError(options.overrideInput,
      `${JSON.stringify(origin)} must be an origin only (scheme, host and port), without path or query; the client appends ${options.path}`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new LookupInputError(options.overrideInput,
      `plain http is only allowed to loopback hosts (127.0.0.0/8, localhost, [::1]); use https for ${url.hostname}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LookupInputError(options.overrideInput, `${JSON.stringify(origin)} must use https (or http to a loopback host)`);
  }
  return { url: `${url.origin}${options.path}`, host: url.host, path: options.path, ...(options.override !== undefined ? { source: options.overrideInput } : {}) };
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
