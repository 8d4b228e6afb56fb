import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import { API_LIST } from '../apis';
import { isLoopbackHost } from '../http/endpoint';
import { emulatorDataSchemaOf, readEmulatorData, type EmulatorData, type EmulatorDataInput } from './emulator-data';
import {
  EMULATOR_FAULT_KINDS, isApiFault, isEmulatorFault, TRANSIENT_FAULT_KINDS, type EmulatorFault, type TransientFault,
} from './emulator-faults';
import type { EmulatorRequest, EmulatorResponse, EmulatorRoute, RouteContext } from './emulator-route';
import type { EmulatorSection } from './emulator-section';
import { NonceStore } from './nonce-store';
import { requestLogLine, type RequestLogEntry } from './request-log';
import { TRANSPORT_FAULT_ANSWERS, type TransportFaultSettings } from './transport-faults';

/** The routes of every API in the registry (src/apis.ts); each route lives in its API's folder. */
export const BUILT_IN_ROUTES: readonly EmulatorRoute[] = API_LIST.flatMap((api) => api.emulator.routes);

const MiB = 1024 * 1024;

/** The data as the server holds it: each section's data under its name, its keys under `credentials.<name>`. */
interface SectionedData {
  readonly credentials: Readonly<Record<string, unknown>>;
  readonly [name: string]: unknown;
}

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
  Probability (0 to 1) of answering a request with HTTP 503 (the `serverError` fault).
  @default 0
  */
  readonly serverErrorRate?: number;
  /**
  Probability (0 to 1) of each transient fault, per request: e.g. `{ connectionReset: 0.01,
  truncatedBody: 0.01 }`. Each rate is drawn on its own, `serverErrorRate` first, then
  `throttleRate`, then these in the order of `EMULATOR_FAULT_KINDS`; the first that hits answers the
  request. `throttleRate` and `serverErrorRate` are shorthands for `throttle` and `serverError`
  here: give each rate one way only.
  @default {}
  */
  readonly faultRates?: Readonly<Partial<Record<TransientFault, number>>>;
  /**
  How long a `stalledBody` fault waits after the first half of the body before it sends the rest,
  in milliseconds (less if the client hangs up first).
  @default 30000
  */
  readonly stallMs?: number;
  /**
  How many bytes of whitespace an `oversizedBody` fault streams before the real answer: past the
  clients' default cap (`maxResponseBytes`, 10 MiB), while the whole stays valid JSON.
  @default 11 MiB (11534336)
  */
  readonly oversizeBytes?: number;
  /**
  The origin redirect faults point to (the request's path and query are kept). Must be on loopback:
  a redirect carries a GET request's signed query.
  @default `http://localhost:<port>`: another origin, by name, of this same emulator, so a client
  that wrongly followed a redirect shows up in `stats`
  */
  readonly redirectOrigin?: string;
  /**
  Keep every request received in `recordedRequests`, for tests that check what clients send (a
  fresh nonce and signature on every attempt). Off by default: a long-running emulator would grow.
  @default false
  */
  readonly recordRequests?: boolean;
  /**
  Called with one line per request once it is answered: action, region, image IDs, outcome and the
  fault that answered it, if any (see `requestLogLine`). Never a key ID, key, signature or token.
  The CLI prints them; a test rarely needs them.
  @default none (silent)
  */
  readonly log?: (line: string) => void;
  /**
  Largest accepted distance between a request's timestamp and the clock, in seconds; nonces are
  remembered as long. An API whose documentation fixes its own window keeps that one (see its route).
  @default 300
  */
  readonly replayWindowSeconds?: number;
  /**
  The clock, in milliseconds.
  @default Date.now
  */
  readonly now?: () => number;
  /**
  The APIs to emulate. The data is validated against the sections of these routes. Internal (left
  out of the published types): the route interface is not part of the package's surface yet.
  @default BUILT_IN_ROUTES
  @internal
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
    const emulator = new Emulator(options);
    await emulator.listen(host, port);
    return emulator;
  }

  private readonly server: Server;
  private readonly routes: readonly EmulatorRoute[];
  /** The data file's schema for the sections of `routes`. */
  private readonly dataSchema: z.ZodType;
  private readonly now: () => number;
  private readonly replayWindowSeconds: number;
  /** Each random fault with its rate, in the order they are drawn. */
  private readonly faultRates: ReadonlyArray<readonly [TransientFault, number]>;
  private readonly stallMs: number;
  private readonly oversizeBytes: number;
  private readonly redirectOriginOption?: string;
  private readonly nonces = new NonceStore();
  /** What `RouteContext.state` lends the routes, by owner: this emulator's own. */
  private readonly routeState = new WeakMap<object, unknown>();
  private readonly pendingFaults: EmulatorFault[] = [];
  private answeredFaults = new Map<EmulatorFault, number>();
  private readonly requestLog?: EmulatorRequest[];
  private readonly log?: (line: string) => void;
  private data: SectionedData;
  /** Aborts latency sleeps on stop, so stopping never waits for them. */
  private readonly stopping = new AbortController();
  private currentLatencyMs: number;
  private requestCount = 0;
  private actionCounts = new Map<string, number>();
  private listeningOrigin = '';

  private constructor(options: EmulatorOptions) {
    this.routes = options.routes ?? BUILT_IN_ROUTES;
    this.dataSchema = emulatorDataSchemaOf([...new Set(this.routes.map((route) => route.section))]);
    this.data = this.readData(options.data);
    this.now = options.now ?? Date.now;
    this.replayWindowSeconds = options.replayWindowSeconds ?? 300;
    if (!(this.replayWindowSeconds > 0)) throw new RangeError(`replayWindowSeconds ${this.replayWindowSeconds} is not positive`);
    this.faultRates = resolveFaultRates(options);
    this.currentLatencyMs = checkLatency(options.latencyMs ?? 0);
    this.stallMs = checkMilliseconds('stallMs', options.stallMs ?? 30_000);
    this.oversizeBytes = options.oversizeBytes ?? 11 * MiB;
    if (!Number.isSafeInteger(this.oversizeBytes) || this.oversizeBytes < 1) throw new RangeError(`oversizeBytes ${this.oversizeBytes} is not a positive integer`);
    if (options.redirectOrigin !== undefined) this.redirectOriginOption = checkRedirectOrigin(options.redirectOrigin);
    if (options.recordRequests) this.requestLog = [];
    this.log = options.log;
    this.server = createServer((req, res) => void this.onRequest(req, res));
    // Keep idle connections longer than any client pool does (undici: 4 s), as cloud front ends
    // do: closing first races with a client reusing the socket, which then fails a request that
    // never arrived (and is retried), so the client's call count and this server's stats disagree.
    this.server.keepAliveTimeout = 65_000;
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
  Answers the next `count` API requests with `fault` (see `EmulatorFault` for every kind), after any
  faults injected earlier (first in, first out) and before the random rates apply. Requests to
  unknown paths consume none.
  */
  injectFaults(fault: EmulatorFault, count = 1): void {
    if (!isEmulatorFault(fault)) throw new Error(`Unknown emulator fault ${JSON.stringify(fault)}; expected one of ${EMULATOR_FAULT_KINDS.join(', ')}`);
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`Fault count ${count} is not a non-negative integer`);
    for (let i = 0; i < count; i++) this.pendingFaults.push(fault);
  }

  /** Injected faults not answered yet. */
  get faultsPending(): number {
    return this.pendingFaults.length;
  }

  /** How many requests each fault answered (injected or at random), since start or `resetStats`. */
  get faultsAnswered(): Readonly<Partial<Record<EmulatorFault, number>>> {
    return Object.fromEntries(this.answeredFaults);
  }

  /** Every request received, in order, with `recordRequests` (else empty); `resetStats` clears it. */
  get recordedRequests(): readonly EmulatorRequest[] {
    return [...(this.requestLog ?? [])];
  }

  /** The origin redirect faults point to. */
  get redirectOrigin(): string {
    return this.redirectOriginOption ?? `http://localhost:${new URL(this.origin).port}`;
  }

  /**
  Serves `data` from the next request on, as when the cloud's facts change (an image is shared
  with another account, a title is edited). Validated like the data given to `start`.
  */
  replaceData(data: EmulatorDataInput | EmulatorData | string): void {
    this.data = this.readData(data);
  }

  /** The keys the data lists for a section (`credentials.<name>`), e.g. to tell clients which key to sign with. */
  credentialsOf(sectionName: string): readonly unknown[] {
    const listed = this.data.credentials[sectionName];
    return Array.isArray(listed) ? listed : [];
  }

  setLatency(ms: number): void {
    this.currentLatencyMs = checkLatency(ms);
  }

  resetStats(): void {
    this.requestCount = 0;
    this.actionCounts = new Map();
    this.answeredFaults = new Map();
    this.requestLog?.splice(0);
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
    const receivedAtMs = this.now();
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    const entry: { -readonly [K in keyof RequestLogEntry]: RequestLogEntry[K] } = { at: 0, method: req.method ?? 'GET', path, outcome: 'no answer' };
    try {
      const request: EmulatorRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', this.origin),
        headers: req.headers,
        body: await readBody(req),
        receivedAtMs,
      };
      this.requestLog?.push(request);
      const route = this.routes.find((candidate) => candidate.matches(request.method, request.url.pathname, request.headers));
      if (route === undefined) {
        await this.waitLatency();
        entry.outcome = 'HTTP 404 (no emulated API at this path)';
        send(res, { status: 404, headers: { 'content-type': 'text/plain' }, body: `No emulated API at ${request.method} ${request.url.pathname}\n` });
        return;
      }
      const action = route.actionOf(request);
      if (action !== undefined) this.actionCounts.set(action, (this.actionCounts.get(action) ?? 0) + 1);
      if (this.log !== undefined) Object.assign(entry, { action }, route.factsOf?.(request));
      const fault = this.nextFault();
      entry.fault = fault;
      await this.waitLatency();
      const context: RouteContext = {
        ...this.sectionOf(route.section), now: this.now, replayWindowSeconds: this.replayWindowSeconds, nonces: this.nonces,
        state: (owner, create) => this.routeStateOf(owner, create),
      };
      if (fault === undefined) {
        entry.outcome = sendAnswer(res, await route.handle(request, context));
        return;
      }
      this.answeredFaults.set(fault, (this.answeredFaults.get(fault) ?? 0) + 1);
      if (isApiFault(fault)) {
        entry.outcome = sendAnswer(res, await route.handle(request, { ...context, fault }));
        return;
      }
      let realOutcome: string | undefined;
      await TRANSPORT_FAULT_ANSWERS[fault]({
        request, res, socket: req.socket, settings: this.transportFaultSettings(), stopping: this.stopping.signal,
        realAnswer: async () => {
          const answer = await route.handle(request, context);
          realOutcome = outcomeOf(answer);
          return answer;
        },
      });
      // The real answer's outcome when the fault delivers it (damaged: the fault says how), else what was sent.
      entry.outcome = realOutcome ?? (res.headersSent ? `HTTP ${res.statusCode}` : 'no answer');
    } catch (error) {
      if (this.stopping.signal.aborted) {
        entry.outcome = 'no answer (the emulator stopped)';
        req.socket.destroy();
        return;
      }
      // A bug in a route: answer plainly rather than hang the client.
      if (res.headersSent) {
        req.socket.destroy();
        return;
      }
      entry.outcome = 'HTTP 500 (emulator error)';
      send(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: `Emulator error: ${(error as Error).message}\n` });
    } finally {
      this.logRequest(entry);
    }
  }

  private logRequest(entry: RequestLogEntry): void {
    if (this.log === undefined) return;
    try {
      this.log(requestLogLine({ ...entry, at: this.now() }));
    } catch {
      // A failing log (a closed stdout) must not take the server down with it.
    }
  }

  private readData(data: EmulatorOptions['data']): SectionedData {
    // The schema gives every section a default and `credentials` a list per section.
    return readEmulatorData(this.dataSchema, data) as SectionedData;
  }

  /** A route is lent its own section of the data and its keys, never the whole file. */
  private sectionOf(section: EmulatorSection): Pick<RouteContext, 'data' | 'credentials'> {
    return { data: this.data[section.name], credentials: this.data.credentials[section.name] as unknown[] };
  }

  private routeStateOf<T>(owner: object, create: () => T): T {
    if (!this.routeState.has(owner)) this.routeState.set(owner, create());
    return this.routeState.get(owner) as T;
  }

  private transportFaultSettings(): TransportFaultSettings {
    return { stallMs: this.stallMs, oversizeBytes: this.oversizeBytes, redirectOrigin: this.redirectOrigin };
  }

  private nextFault(): EmulatorFault | undefined {
    const injected = this.pendingFaults.shift();
    if (injected !== undefined) return injected;
    for (const [fault, rate] of this.faultRates) {
      if (rate > 0 && Math.random() < rate) return fault;
    }
    return undefined;
  }

  private async waitLatency(): Promise<void> {
    if (this.currentLatencyMs > 0) await sleep(this.currentLatencyMs, undefined, { signal: this.stopping.signal });
  }
}

/** The random faults in the order they are drawn: serverErrorRate, throttleRate, then `faultRates` in kind order. */
function resolveFaultRates(options: EmulatorOptions): ReadonlyArray<readonly [TransientFault, number]> {
  const given = options.faultRates ?? {};
  for (const name of Object.keys(given)) {
    if (!(TRANSIENT_FAULT_KINDS as readonly string[]).includes(name)) {
      throw new RangeError(`faultRates.${name} is not a transient fault; rates take one of ${TRANSIENT_FAULT_KINDS.join(', ')}`);
    }
  }
  if (options.serverErrorRate !== undefined && given.serverError !== undefined) throw new RangeError('Give serverErrorRate or faultRates.serverError, not both');
  if (options.throttleRate !== undefined && given.throttle !== undefined) throw new RangeError('Give throttleRate or faultRates.throttle, not both');
  const rates: Array<readonly [TransientFault, number]> = [
    ['serverError', checkRate(given.serverError === undefined ? 'serverErrorRate' : 'faultRates.serverError', options.serverErrorRate ?? given.serverError ?? 0)],
    ['throttle', checkRate(given.throttle === undefined ? 'throttleRate' : 'faultRates.throttle', options.throttleRate ?? given.throttle ?? 0)],
  ];
  for (const fault of TRANSIENT_FAULT_KINDS) {
    const rate = given[fault];
    if (rate !== undefined && fault !== 'serverError' && fault !== 'throttle') rates.push([fault, checkRate(`faultRates.${fault}`, rate)]);
  }
  return rates;
}

/** A redirect target must stay on this machine: it receives a GET request's signed query. */
function checkRedirectOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new RangeError(`redirectOrigin ${JSON.stringify(origin)} is not a URL`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin.replace(/\/$/, '') || !isLoopbackHost(url.hostname)) {
    throw new RangeError(`redirectOrigin ${JSON.stringify(origin)} must be an http(s) origin on loopback, e.g. http://localhost:8787`);
  }
  return url.origin;
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

function checkMilliseconds(name: string, ms: number): number {
  if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError(`${name} ${ms} is not a non-negative number of milliseconds`);
  return ms;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Sends a route's answer; returns its outcome for the log. */
function sendAnswer(res: ServerResponse, response: EmulatorResponse): string {
  send(res, response);
  return outcomeOf(response);
}

function outcomeOf(response: EmulatorResponse): string {
  return response.outcome ?? `HTTP ${response.status}`;
}

/** A whole answer, with its Content-Length, as the real APIs send them. */
function send(res: ServerResponse, response: EmulatorResponse): void {
  if (res.destroyed) return; // the client went away (or stop() closed the connection)
  res.writeHead(response.status, { ...response.headers, 'content-length': String(Buffer.byteLength(response.body)) });
  res.end(response.body);
}
