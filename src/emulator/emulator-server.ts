import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { aliyunVodImagesRoute } from '../aliyun-vod-images/emulator-route';
import { isLoopbackHost } from '../http/endpoint';
import { tencentImageSharesRoute } from '../tencent-image-shares/emulator-route';
import { loadEmulatorData, parseEmulatorData, type EmulatorData, type EmulatorDataInput } from './emulator-data';
import type { ApiFault, EmulatorRequest, EmulatorResponse, EmulatorRoute } from './emulator-route';
import { NonceStore } from './nonce-store';

/** Every emulated API. A new cloud API adds its route (kept in its own folder) here. */
export const BUILT_IN_ROUTES: readonly EmulatorRoute[] = [tencentImageSharesRoute, aliyunVodImagesRoute];

/**
- `throttle`: the API's throttling answer (Tencent: HTTP 200, code 4400; VOD: HTTP 400, Throttling.User);
- `internalError`: the API's internal error (Tencent: HTTP 200, code 6000; VOD: HTTP 500, InternalError);
- `serverError`: HTTP 503 with an HTML body, as a load balancer would send;
- `networkDrop`: the socket is destroyed without an answer.
*/
export type EmulatorFault = ApiFault | 'serverError' | 'networkDrop';

const FAULTS: readonly EmulatorFault[] = ['throttle', 'internalError', 'serverError', 'networkDrop'];

export interface EmulatorOptions {
  /** The accounts and resources to serve: an object, or the path of a JSON file. */
  readonly data: EmulatorDataInput | EmulatorData | string;
  /**
  @default 0 (a free port, see `origin`)
  */
  readonly port?: number;
  /**
  Must be a loopback address: the emulator accepts made-up credentials.
  @default '127.0.0.1'
  */
  readonly host?: string;
  /**
  Delay before every answer, in milliseconds.
  @default 0
  */
  readonly latencyMs?: number;
  /**
  Probability (0 to 1) of answering a request with the API's throttling error.
  @default 0
  */
  readonly throttleRate?: number;
  /**
  Probability (0 to 1) of answering a request with HTTP 503.
  @default 0
  */
  readonly serverErrorRate?: number;
  /**
  Largest accepted distance between a request's timestamp and the clock, in seconds; nonces are
  remembered as long. The current legacy Tencent doc says 5 minutes (an older one said 2 hours).
  Alibaba VOD keeps its own documented 15 minutes.
  @default 300
  */
  readonly replayWindowSeconds?: number;
  /**
  The clock, in milliseconds.
  @default Date.now
  */
  readonly now?: () => number;
  /**
  The APIs to emulate.
  @default BUILT_IN_ROUTES
  */
  readonly routes?: readonly EmulatorRoute[];
}

/** Request counters. Every HTTP request counts, rejected and faulted ones included. */
export interface EmulatorStats {
  readonly requests: number;
  /** Requests per API action named by the request, whatever the answer. */
  readonly byAction: Readonly<Record<string, number>>;
}

/**
A local HTTP server that answers like the real cloud APIs (signatures, replay checks, errors and
faults included), so clients can be tested end to end without network access or real accounts.
*/
export class Emulator {
  /** Starts listening; resolves once `origin` is known. */
  static async start(options: EmulatorOptions): Promise<Emulator> {
    const host = options.host ?? '127.0.0.1';
    checkLoopback(host);
    const port = options.port ?? 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`Emulator port ${port} is not 0 to 65535`);
    const data = typeof options.data === 'string' ? loadEmulatorData(options.data) : parseEmulatorData(options.data);
    const emulator = new Emulator(data, options);
    await emulator.listen(host, port);
    return emulator;
  }

  private readonly server: Server;
  private readonly routes: readonly EmulatorRoute[];
  private readonly now: () => number;
  private readonly replayWindowSeconds: number;
  private readonly throttleRate: number;
  private readonly serverErrorRate: number;
  private readonly nonces = new NonceStore();
  private readonly pendingFaults: EmulatorFault[] = [];
  /** Aborts latency sleeps on stop, so stopping never waits for them. */
  private readonly stopping = new AbortController();
  private currentLatencyMs: number;
  private requestCount = 0;
  private actionCounts = new Map<string, number>();
  private listeningOrigin = '';

  private constructor(private readonly data: EmulatorData, options: EmulatorOptions) {
    this.routes = options.routes ?? BUILT_IN_ROUTES;
    this.now = options.now ?? Date.now;
    this.replayWindowSeconds = options.replayWindowSeconds ?? 300;
    if (!(this.replayWindowSeconds > 0)) throw new RangeError(`replayWindowSeconds ${this.replayWindowSeconds} is not positive`);
    this.throttleRate = checkRate('throttleRate', options.throttleRate ?? 0);
    this.serverErrorRate = checkRate('serverErrorRate', options.serverErrorRate ?? 0);
    this.currentLatencyMs = checkLatency(options.latencyMs ?? 0);
    this.server = createServer((req, res) => void this.onRequest(req, res));
  }

  /** Where clients send requests, e.g. `http://127.0.0.1:40123` (no trailing slash). */
  get origin(): string {
    return this.listeningOrigin;
  }

  /** A snapshot of the counters since start (or `resetStats`). */
  get stats(): EmulatorStats {
    return { requests: this.requestCount, byAction: Object.fromEntries(this.actionCounts) };
  }

  /** The current delay before every answer, in milliseconds. */
  get latencyMs(): number {
    return this.currentLatencyMs;
  }

  /**
  Answers the next `count` API requests with `fault`, after any faults injected earlier (first in,
  first out) and before the random rates apply. Requests to unknown paths consume none.
  */
  injectFaults(fault: EmulatorFault, count = 1): void {
    if (!FAULTS.includes(fault)) throw new Error(`Unknown emulator fault ${JSON.stringify(fault)}; expected one of ${FAULTS.join(', ')}`);
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`Fault count ${count} is not a non-negative integer`);
    for (let i = 0; i < count; i++) this.pendingFaults.push(fault);
  }

  setLatency(ms: number): void {
    this.currentLatencyMs = checkLatency(ms);
  }

  resetStats(): void {
    this.requestCount = 0;
    this.actionCounts = new Map();
  }

  /** Stops listening and closes open connections, including answers still waiting out their latency. */
  async stop(): Promise<void> {
    if (!this.server.listening) return;
    this.stopping.abort();
    const closed = new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
    this.server.closeAllConnections();
    await closed;
  }

  private async listen(host: string, port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.listeningOrigin = `http://${hostPart}:${address.port}`;
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.requestCount++;
    try {
      const request: EmulatorRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', this.origin),
        headers: req.headers,
        body: await readBody(req),
      };
      const route = this.routes.find((candidate) => candidate.matches(request.method, request.url.pathname));
      if (route === undefined) {
        await this.waitLatency();
        send(res, { status: 404, headers: { 'content-type': 'text/plain' }, body: `No emulated API at ${request.method} ${request.url.pathname}\n` });
        return;
      }
      const action = route.actionOf(request);
      if (action !== undefined) this.actionCounts.set(action, (this.actionCounts.get(action) ?? 0) + 1);
      const fault = this.nextFault();
      await this.waitLatency();
      if (fault === 'networkDrop') {
        req.socket.destroy();
      } else if (fault === 'serverError') {
        send(res, { status: 503, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>\n' });
      } else {
        const context = { data: this.data, now: this.now, replayWindowSeconds: this.replayWindowSeconds, nonces: this.nonces, fault };
        send(res, await route.handle(request, context));
      }
    } catch (error) {
      if (this.stopping.signal.aborted) {
        req.socket.destroy();
        return;
      }
      // A bug in a route: answer plainly rather than hang the client.
      send(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: `Emulator error: ${(error as Error).message}\n` });
    }
  }

  private nextFault(): EmulatorFault | undefined {
    const injected = this.pendingFaults.shift();
    if (injected !== undefined) return injected;
    if (Math.random() < this.serverErrorRate) return 'serverError';
    if (Math.random() < this.throttleRate) return 'throttle';
    return undefined;
  }

  private async waitLatency(): Promise<void> {
    if (this.currentLatencyMs > 0) await sleep(this.currentLatencyMs, undefined, { signal: this.stopping.signal });
  }
}

function checkLoopback(host: string): void {
  if (!isLoopbackHost(host) || (host.startsWith('127.') && isIP(host) !== 4)) {
    throw new Error(`Emulator refuses host ${JSON.stringify(host)}: it accepts made-up credentials, so it must listen on a loopback address only (127.0.0.1, ::1 or localhost)`);
  }
}

function checkRate(name: string, rate: number): number {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${name} ${rate} is not a probability from 0 to 1`);
  return rate;
}

function checkLatency(ms: number): number {
  if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError(`Latency ${ms} is not a non-negative number of milliseconds`);
  return ms;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, response: EmulatorResponse): void {
  if (res.destroyed) return; // the client went away (or stop() closed the connection)
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}
