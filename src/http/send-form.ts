import { performance } from 'node:perf_hooks';
import ky, { type KyInstance } from 'ky';
import type { CallContext } from './call-context';
import { isTransientStatus } from './call-context';
import { DebugLog, type LoggedAttempt } from './debug-log';
import type { Endpoint } from './endpoint';
import { RedirectRefusedError, RequestFailedError, RequestTimeoutError, ResponseInvalidError, ResponseTooLargeError } from './errors';
import { networkCauseOf, type NetworkCause } from './network-cause';
import { describeProxySettings, proxiedFetchFor, proxySettingsFrom } from './proxy-fetch';
import { readCappedBody } from './read-body';

/** One signed request, ready to send. */
export interface FormRequest {
  /** What the call is about, for errors and the debug log. */
  readonly context: CallContext;
  /** The attempt number, from 1. */
  readonly attempt: number;
  readonly endpoint: Endpoint;
  readonly method: 'GET' | 'POST';
  /** Already signed: sent as they are, as a query (GET) or a form (POST). Ignored with `payload`. */
  readonly params: Readonly<Record<string, string>>;
  /**
  A POST body already encoded and signed, with the headers it was signed with (API 3.0's JSON and
  its X-TC-* headers), sent as they are instead of `params`.
  @default none: `params` is sent
  */
  readonly payload?: SignedPayload;
  /** The whole attempt's budget: connect, headers and the last byte of the body. */
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  /** Key ID, key, token and signature of this attempt: redacted from the debug log. */
  readonly secrets: ReadonlyArray<string | undefined>;
  /** Where the API keeps its request ID in a body: the answer's `requestId` and the debug log take it from there. */
  readonly requestIdOf: (body: unknown) => string | undefined;
}

/** A body and its headers, signed: nothing may change them on the way. */
export interface SignedPayload {
  readonly body: string;
  /** Content-Type included, exactly as signed. */
  readonly headers: Readonly<Record<string, string>>;
}

/** The answer to one request: status, parsed JSON body and headers. */
export interface FormResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
  /** The API's request ID, when the body has one (as the request's `requestIdOf` finds it). */
  readonly requestId?: string;
}

/**
Sends signed forms over ky with undici's fetch, so HTTPS_PROXY, HTTP_PROXY and NO_PROXY apply, and
bounds every attempt: one timeout from connect to the body's last byte, a cap on the body's size,
and no redirects followed. No retries here (ky's are off): every retry needs a fresh signature,
see `withRetries`.
*/
export class FormTransport {
  /** Reads the proxy env vars and IMAGE_LOOKUPS_DEBUG from `env` now; bad values are input errors. */
  static fromEnv(env: NodeJS.ProcessEnv): FormTransport {
    const debug = DebugLog.fromEnv(env);
    const { fetch } = proxiedFetchFor(env);
    debug?.note(`proxy settings: ${describeProxySettings(proxySettingsFrom(env))}`);
    return new FormTransport(ky.create({ fetch, retry: 0, timeout: false, throwHttpErrors: false, redirect: 'manual' }), debug);
  }

  private constructor(private readonly ky: KyInstance, readonly debug: DebugLog | undefined) {}

  /**
  Sends `request` once and parses the JSON answer whatever the status (both clouds put error details
  in the body; the caller classifies). Each value is percent-encoded exactly once: double encoding
  breaks signatures.
  */
  async send(request: FormRequest): Promise<FormResponse> {
    const { endpoint, method, params, timeoutMs } = request;
    const logged: LoggedAttempt = request;
    const encoded = request.payload ? '' : Object.entries(params).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    // One signal bounds the whole attempt: fetch ties it to the body stream too, which ky's own timeout does not cover.
    const controller = new AbortController();
    const timeout = new Error('attempt timed out');
    const timer = setTimeout(() => controller.abort(timeout), timeoutMs);
    this.debug?.request(logged, request.payload ? 'POST' : method, endpoint.url);
    try {
      const answer = await this.exchange(request, encoded, controller.signal, timeout);
      this.debug?.answer(logged, answer.status, answer.requestId, answer.bytes, elapsed());
      return answer;
    } catch (error) {
      this.debug?.failure(logged, error, elapsed());
      throw error;
    } finally {
      clearTimeout(timer);
      // Frees the connection of any answer left unread (a redirect, a refused body).
      controller.abort();
    }
  }

  private async exchange(request: FormRequest, encoded: string, signal: AbortSignal, timeout: Error): Promise<FormResponse & { bytes: number }> {
    const { context, attempt, endpoint, method, timeoutMs, maxResponseBytes } = request;
    const call = { context, attempt };
    let response: Response;
    try {
      const { payload } = request;
      response = payload
        ? await this.ky.post(endpoint.url, { body: payload.body, headers: payload.headers, signal })
        : method === 'GET'
          ? await this.ky.get(`${endpoint.url}?${encoded}`, { signal })
          : await this.ky.post(endpoint.url, { body: encoded, headers: { 'content-type': 'application/x-www-form-urlencoded' }, signal });
    } catch (error) {
      if (signal.reason === timeout) throw new RequestTimeoutError({ ...call, timeoutMs, phase: 'headers' });
      throw new RequestFailedError({ ...call, cause: withEndpointSource(networkCauseOf(error), endpoint), phase: 'headers' });
    }
    const { status } = response;
    if (status >= 300 && status < 400) {
      throw new RedirectRefusedError({ ...call, status, locationOrigin: originOf(response.headers.get('location'), endpoint.url) });
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > maxResponseBytes) {
      throw new ResponseTooLargeError({ ...call, status, maxResponseBytes, declaredBytes: declared, receivedBytes: 0 });
    }
    let received = 0;
    let read: Awaited<ReturnType<typeof readCappedBody>>;
    try {
      read = await readCappedBody(response.body, maxResponseBytes, (bytes) => { received = bytes; });
    } catch (error) {
      if (signal.reason === timeout) throw new RequestTimeoutError({ ...call, timeoutMs, phase: 'body', status, receivedBytes: received });
      throw new RequestFailedError({ ...call, cause: networkCauseOf(error), phase: 'body', status });
    }
    if ('tooLargeAfter' in read) throw new ResponseTooLargeError({ ...call, status, maxResponseBytes, receivedBytes: read.tooLargeAfter });
    const text = read.bytes.toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      // A page from a proxy or load balancer, or a cut-off body: usually passing, even with a 200.
      const contentType = response.headers.get('content-type');
      throw new ResponseInvalidError({
        ...call, status, retryable: status === 200 || isTransientStatus(status),
        reason: `the body is not JSON (${read.bytes.length} bytes${contentType ? `, ${contentType}` : ''})`,
        hint: status === 404 ? 'Check the endpoint: give the API\'s origin only' : undefined,
      });
    }
    return { status, body, headers: response.headers, requestId: request.requestIdOf(body), bytes: read.bytes.length };
  }
}

/**
A request ID worth recording: a string of 1 to 128 characters, else undefined. Each API's
`requestIdOf` finds the candidate in its own answers.
*/
export function boundedRequestId(candidate: unknown): string | undefined {
  return typeof candidate === 'string' && candidate.length > 0 && candidate.length <= 128 ? candidate : undefined;
}

/** A refused connection's hint also names where the endpoint came from: that is the setting to check. */
function withEndpointSource(cause: NetworkCause, endpoint: Endpoint): NetworkCause {
  if (cause.code !== 'ECONNREFUSED' || cause.hint === undefined || endpoint.source === undefined) return cause;
  const source = endpoint.source === 'endpoint' ? 'the endpoint prop' : endpoint.source;
  return { ...cause, hint: `${cause.hint} The endpoint ${new URL(endpoint.url).origin} comes from ${source}.` };
}

/** The origin a Location names (resolved against the endpoint); never its path or query. */
function originOf(location: string | null, base: string): string | undefined {
  if (!location) return undefined;
  try {
    const { origin } = new URL(location, base);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
