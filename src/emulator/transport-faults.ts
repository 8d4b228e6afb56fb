import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultStatus, RedirectStatus, TransportFault } from './emulator-faults';
import type { EmulatorRequest, EmulatorResponse } from './emulator-route';

/** The settings transport faults read (the emulator's options, defaults applied). */
export interface TransportFaultSettings {
  /** How long `stalledBody` waits before the rest of the body. */
  readonly stallMs: number;
  /** How much whitespace `oversizedBody` sends before the real answer. */
  readonly oversizeBytes: number;
  /** Where redirects point (an origin, no trailing slash). */
  readonly redirectOrigin: string;
}

/** What a transport fault works with for one request. */
export interface FaultExchange {
  readonly request: EmulatorRequest;
  readonly res: ServerResponse;
  readonly socket: Socket;
  /** The route's real answer to the request. Computing it runs every check, so it consumes the nonce. */
  readonly realAnswer: () => Promise<EmulatorResponse>;
  readonly settings: TransportFaultSettings;
  /** Aborted when the emulator stops, so no fault outlives it. */
  readonly stopping: AbortSignal;
}

/** One transport fault: answers (or refuses to answer) one request. */
export type TransportFaultAnswer = (exchange: FaultExchange) => void | Promise<void>;

/** Written in chunks, with backpressure, so an oversized body costs the emulator no memory. */
const WHITESPACE_CHUNK = Buffer.alloc(64 * 1024, 0x20);

/** The answer of each transport fault; see `TransportFault` for what each one sends. */
export const TRANSPORT_FAULT_ANSWERS: Readonly<Record<TransportFault, TransportFaultAnswer>> = {
  networkDrop: ({ socket }) => { socket.destroy(); },
  connectionReset: ({ socket }) => { socket.resetAndDestroy(); },
  serverError: gatewayPage(503),
  http429: gatewayPage(429),
  http500: gatewayPage(500),
  http502: gatewayPage(502),
  http503: gatewayPage(503),
  htmlPage: ({ res }) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<html><head><title>Sign in to the network</title></head><body><p>Please sign in to continue.</p></body></html>\n');
  },
  emptyBody: ({ res }) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': '0' });
    res.end();
  },
  malformedJson: async ({ res, realAnswer }) => {
    const { status, headers, body } = await realAnswer();
    // `{…,}`: complete and of the right length, but no JSON parser accepts it.
    const broken = /\}\s*$/.test(body) ? body.replace(/\}\s*$/, ',}') : `${body},`;
    res.writeHead(status, headers);
    res.end(broken);
  },
  truncatedBody: async ({ res, socket, realAnswer }) => {
    const { status, headers, bytes } = await realBytes(realAnswer);
    res.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => socket.destroy());
  },
  stalledBody: async ({ res, socket, realAnswer, settings, stopping }) => {
    const { status, headers, bytes } = await realBytes(realAnswer);
    const half = Math.floor(bytes.length / 2);
    res.writeHead(status, { ...headers, 'content-length': String(bytes.length) });
    res.write(bytes.subarray(0, half));
    await pauseWhileConnected(settings.stallMs, socket, stopping);
    if (!socket.destroyed) res.end(bytes.subarray(half));
  },
  oversizedBody: (exchange) => oversized(exchange, false),
  oversizedBodyDeclared: (exchange) => oversized(exchange, true),
  redirect301: redirect(301),
  redirect302: redirect(302),
  redirect303: redirect(303),
  redirect307: redirect(307),
  redirect308: redirect(308),
};

/** A status with the HTML page a load balancer or gateway in front of the API sends: no API body. */
function gatewayPage(status: FaultStatus): TransportFaultAnswer {
  const title = `${status} ${STATUS_CODES[status]}`;
  return ({ res }) => {
    res.writeHead(status, { 'content-type': 'text/html' });
    res.end(`<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>gateway</center></body></html>\n`);
  };
}

/** The request's own path and query at another origin, as an http-to-https or host move would send. */
function redirect(status: RedirectStatus): TransportFaultAnswer {
  return ({ res, request, settings }) => {
    const location = `${settings.redirectOrigin}${request.url.pathname}${request.url.search}`;
    res.writeHead(status, { location, 'content-type': 'text/plain' });
    res.end(`${status} ${STATUS_CODES[status]}\n`);
  };
}

/** `oversizeBytes` of whitespace, then the real answer: valid JSON, only too large. Stops when the client hangs up. */
async function oversized({ res, socket, realAnswer, settings, stopping }: FaultExchange, declareLength: boolean): Promise<void> {
  const { headers, bytes } = await realBytes(realAnswer);
  const padding = settings.oversizeBytes;
  res.writeHead(200, { ...headers, ...(declareLength ? { 'content-length': String(padding + bytes.length) } : {}) });
  for (let written = 0; written < padding;) {
    if (socket.destroyed || stopping.aborted) return;
    const chunk = WHITESPACE_CHUNK.subarray(0, Math.min(WHITESPACE_CHUNK.length, padding - written));
    written += chunk.length;
    if (!res.write(chunk)) await drainedOrClosed(res, socket);
  }
  if (!socket.destroyed) res.end(bytes);
}

async function realBytes(realAnswer: () => Promise<EmulatorResponse>): Promise<{ status: number; headers: Readonly<Record<string, string>>; bytes: Buffer }> {
  const { status, headers = {}, body } = await realAnswer();
  return { status, headers, bytes: Buffer.from(body, 'utf8') };
}

/** Sleeps `ms`, less if the client hangs up first (nobody is left to answer); throws if the emulator stops. */
async function pauseWhileConnected(ms: number, socket: Socket, stopping: AbortSignal): Promise<void> {
  if (socket.destroyed) return;
  const hungUp = new AbortController();
  const onClose = () => hungUp.abort();
  socket.once('close', onClose);
  try {
    await sleep(ms, undefined, { signal: AbortSignal.any([stopping, hungUp.signal]) });
  } catch (error) {
    if (stopping.aborted) throw error;
  } finally {
    socket.off('close', onClose);
  }
}

/** Resolves once the socket took what was written, or the client hung up. */
async function drainedOrClosed(res: ServerResponse, socket: Socket): Promise<void> {
  if (socket.destroyed) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    res.once('drain', done);
    socket.once('close', done);
  });
}
