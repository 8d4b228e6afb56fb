import ky, { TimeoutError } from 'ky';
import type { Endpoint } from './endpoint';
import { RequestFailedError, ResponseInvalidError } from './errors';

/** The answer to one request: status, parsed JSON body and headers. */
export interface FormResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

/**
Sends already-signed parameters once, as a POST form body or a GET query string, and parses the
JSON answer whatever the status (both clouds put error details in the body; the caller classifies).

Each value is percent-encoded exactly once (encodeURIComponent): double encoding breaks signatures.
No retries here: ky's are off, because every retry needs a fresh signature (see `withRetries`).
*/
export async function sendForm(options: {
  readonly endpoint: Endpoint;
  readonly method: 'GET' | 'POST';
  readonly params: Readonly<Record<string, string>>;
  /** Per-attempt timeout in milliseconds. */
  readonly timeoutMs: number;
}): Promise<FormResponse> {
  const { endpoint, method, params, timeoutMs } = options;
  const encoded = Object.entries(params).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  let response: Response;
  try {
    response = method === 'GET'
      ? await ky.get(`${endpoint.url}?${encoded}`, { retry: 0, timeout: timeoutMs, throwHttpErrors: false })
      : await ky.post(endpoint.url, {
        body: encoded,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        retry: 0,
        timeout: timeoutMs,
        throwHttpErrors: false,
      });
  } catch (error) {
    throw new RequestFailedError(endpoint.url, error instanceof TimeoutError, error);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new RequestFailedError(endpoint.url, false, error);
  }
  try {
    return { status: response.status, body: JSON.parse(text), headers: response.headers };
  } catch {
    throw new ResponseInvalidError(endpoint.url, response.status, `the body is not JSON (${text.length} bytes)`);
  }
}
