import { createServer as createHttpServer, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { close, forward, listen, readRequest, type RecordedRequest } from './loopback-http';

/** What a fault gets to misbehave with: the request (read in full), the raw answer and its socket. */
export interface FaultExchange {
  readonly request: RecordedRequest;
  readonly res: ServerResponse;
  readonly socket: Socket;
  /** Aborted when the front stops, so a stall never outlives its test. */
  readonly stopping: AbortSignal;
}

/** One scripted misbehaviour, answering one request in place of the real server. */
export type FrontFault = (exchange: FaultExchange) => void | Promise<void>;

/** A real HTTP(S) server on 127.0.0.1 in front of another, answering scripted requests with faults. */
export interface FaultFront {
  /** e.g. `http://127.0.0.1:40123`, or `https://127.0.0.1:40123` with `tls`. */
  readonly origin: string;
  /** Every request received, faulted or forwarded, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Answers the next `count` requests with `fault` (after faults injected earlier); the others are forwarded. */
  inject(fault: FrontFault, count?: number): void;
  stop(): Promise<void>;
}

/**
Forwards every request to `targetOrigin` (the emulator) unchanged, Host header included (signatures
cover it), except those `inject` scripts: those get a fault made here with real sockets and bytes,
such as a body that stalls after the headers, an endless body, a reset or a redirect.
*/
export async function startFaultFront(targetOrigin: string, options: { readonly tls?: { readonly key: string; readonly cert: string } } = {}): Promise<FaultFront> {
  const target = new URL(targetOrigin);
  const requests: RecordedRequest[] = [];
  const pending: FrontFault[] = [];
  const stopping = new AbortController();
  const handler = (req: import('node:http').IncomingMessage, res: ServerResponse) => {
    void readRequest(req).then(async (request) => {
      requests.push(request);
      const fault = pending.shift();
      if (fault === undefined) {
        forward(target, request, res, () => undefined);
        return;
      }
      try {
        await fault({ request, res, socket: req.socket, stopping: stopping.signal });
      } catch {
        req.socket.destroy(); // stopped mid-fault
      }
    });
  };
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler) : createHttpServer(handler);
  const origin = await listen(server, options.tls ? 'https' : 'http');
  return {
    origin,
    requests,
    inject(fault, count = 1) {
      for (let index = 0; index < count; index++) pending.push(fault);
    },
    async stop() {
      stopping.abort();
      await close(server);
    },
  };
}

/** A complete answer with this status and body (a string as is, anything else as JSON). */
export function answer(status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): FrontFault {
  return ({ res }) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html' : 'application/json', ...headers });
    res.end(text);
  };
}

/** A load balancer's HTML error page. */
export function htmlPage(status: number): FrontFault {
  return answer(status, `<html><body><h1>${status}</h1><p>Service temporarily unavailable</p></body></html>\n`);
}

/** Headers and the first bytes of a JSON body at once, then nothing for `stallMs`, then the rest. */
export function stallBody(stallMs: number): FrontFault {
  return async ({ res, stopping }) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"code":0,');
    await sleep(stallMs, undefined, { signal: stopping });
    res.end('"message":""}');
  };
}

/** Counts what `endlessBody` managed to write before the client hung up. */
export interface WrittenBytes {
  bytes: number;
  /** True once the client closed the connection. */
  clientClosed: boolean;
}

/**
A 200 whose body goes on for up to `totalBytes`, written with backpressure (the next chunk only once
the socket took the last), so `written.bytes` shows how much the client accepted before cutting it.
With `declareLength`, a Content-Length of `totalBytes` is announced first.
*/
export function endlessBody(totalBytes: number, written: WrittenBytes, declareLength = false): FrontFault {
  const chunk = Buffer.alloc(64 * 1024, 0x20); // spaces: valid JSON whitespace, however long
  return async ({ res, socket, stopping }) => {
    res.writeHead(200, { 'content-type': 'application/json', ...(declareLength ? { 'content-length': String(totalBytes) } : {}) });
    const closed = new Promise<void>((resolve) => socket.once('close', () => {
      written.clientClosed = true;
      resolve();
    }));
    while (written.bytes < totalBytes && !written.clientClosed && !stopping.aborted) {
      const accepted = res.write(chunk);
      written.bytes += chunk.length;
      if (!accepted) await Promise.race([new Promise<void>((resolve) => res.once('drain', resolve)), closed]);
    }
    if (!written.clientClosed) res.end();
  };
}

/** Announces a 200 of 400 bytes, sends the first 12 and closes the connection. */
export function truncatedBody(): FrontFault {
  return ({ res, socket }) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '400' });
    res.write('{"code":0,"d', () => socket.destroy());
  };
}

/** A TCP reset (RST) instead of an answer: the client sees ECONNRESET. */
export function resetConnection(): FrontFault {
  return ({ socket }) => {
    socket.resetAndDestroy();
  };
}

/** A redirect to `location`. */
export function redirect(status: number, location: string): FrontFault {
  return ({ res }) => {
    res.writeHead(status, { location, 'content-type': 'text/plain' });
    res.end(`Moved to ${location}\n`);
  };
}
