import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopbackHost } from '../../src/http/endpoint';

/** One request a loopback server received, read in full. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query exactly as sent, e.g. `/v2/index.php?Action=…`. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A canned answer. */
export interface CannedResponse {
  readonly status?: number;
  readonly contentType?: string;
  /** A string is sent as is; anything else as JSON. */
  readonly body: unknown;
}

/** A real HTTP peer on 127.0.0.1 for answers the emulator cannot produce. */
export interface LoopbackServer {
  /** e.g. `http://127.0.0.1:40123`. */
  readonly origin: string;
  readonly requests: readonly RecordedRequest[];
  stop(): Promise<void>;
}

/** Answers every request with `answer(request)`, recording each request. */
export async function startCannedServer(answer: (request: RecordedRequest) => CannedResponse): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    void readRequest(req).then((recorded) => {
      requests.push(recorded);
      const canned = answer(recorded);
      const body = typeof canned.body === 'string' ? canned.body : JSON.stringify(canned.body);
      res.writeHead(canned.status ?? 200, { 'content-type': canned.contentType ?? 'application/json; charset=utf-8' });
      res.end(body);
    });
  });
  const origin = await listen(server);
  return { origin, requests, stop: () => close(server) };
}

/** Canned servers for tests: the function returned starts one (see `startCannedServer`); each is stopped after its test. */
export function cannedServers(): (answer: (request: RecordedRequest) => CannedResponse) => Promise<LoopbackServer> {
  const started: LoopbackServer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.stop()));
  });
  return async (answer) => {
    const server = await startCannedServer(answer);
    started.push(server);
    return server;
  };
}

/** A transparent proxy in front of another loopback server; also tracks how many requests are in flight through it. */
export interface RecordingProxy extends LoopbackServer {
  /** Requests received and not answered yet. */
  readonly inFlight: number;
  /** The largest `inFlight` seen. */
  readonly maxInFlight: number;
}

/**
Forwards every request to `targetOrigin` unchanged, the Host header included (signatures cover it,
so the client signs the proxy's host and the target checks against the same header).
*/
export async function startRecordingProxy(targetOrigin: string): Promise<RecordingProxy> {
  const target = new URL(targetOrigin);
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    void readRequest(req).then((recorded) => {
      requests.push(recorded);
      forward(target, recorded, res, () => inFlight--);
    });
  });
  const origin = await listen(server);
  return {
    origin,
    requests,
    get inFlight() { return inFlight; },
    get maxInFlight() { return maxInFlight; },
    stop: () => close(server),
  };
}

/** Sends `recorded` to `target` and relays the answer; `done` runs before the answer is written, so the client never sees it first. */
export function forward(target: URL, recorded: RecordedRequest, res: ServerResponse, done: () => void): void {
  const upstream = httpRequest({
    host: target.hostname,
    port: target.port,
    method: recorded.method,
    path: recorded.url,
    headers: recorded.headers,
  }, (answer) => {
    const chunks: Buffer[] = [];
    answer.on('data', (chunk: Buffer) => chunks.push(chunk));
    answer.on('end', () => {
      done();
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      res.end(Buffer.concat(chunks));
    });
  });
  upstream.on('error', () => {
    done();
    res.socket?.destroy();
  });
  upstream.end(recorded.body);
}

export async function readRequest(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
}

/** Listens on a free port of 127.0.0.1; resolves to the origin, e.g. `http://127.0.0.1:40123` (`https:` for a TLS server). */
export async function listen(server: Server, scheme: 'http' | 'https' = 'http'): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes the server and every connection still open on it. */
export async function close(server: Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  server.closeAllConnections();
  await closed;
}

/** A port on 127.0.0.1 with nothing listening (it was free a moment ago): connections to it are refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await listen(server);
  const { port } = server.address() as AddressInfo;
  await close(server);
  return port;
}

/** True for `127.0.0.1:8443`, `localhost:80`, `[::1]:8443`: a `host:port` on this machine. */
export function isLoopbackAuthority(authority: string): boolean {
  try {
    return isLoopbackHost(new URL(`http://${authority}`).hostname);
  } catch {
    return false;
  }
}

/** The form parameters of a recorded request (POST body or GET query). */
export function paramsOf(request: RecordedRequest): URLSearchParams {
  return request.method === 'POST' ? new URLSearchParams(request.body) : new URL(request.url, 'http://recorded').searchParams;
}
