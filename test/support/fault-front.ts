import { createServer as createHttpServer, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
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
cover it), except those `inject` scripts: those get an answer made here with real sockets and bytes.

Faults a real server can make (stalls, truncation, resets, gateway pages, oversized bodies,
redirects to another origin) are the emulator's own knobs: see `Emulator.injectFaults`. This front
is for what an emulator should not do: serve https in front of it (a TLS endpoint for proxy
tests), answer with a body of the test's choosing (an API error with a chosen RequestId, an auth
code inside a 503, a malformed body), redirect to any Location (a relative one, another server),
and count on the server side how much of an endless body a client accepted before it hung up.
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

/** Counts what `endlessBody` managed to write before the client hung up. */
export interface WrittenBytes {
  bytes: number;
  /** True once the client closed the connection. */
  clientClosed: boolean;
}

/**
A 200 whose body goes on for up to `totalBytes`, written with backpressure (the next chunk only once
the socket took the last), so `written.bytes` shows how much the client accepted before cutting it.
*/
export function endlessBody(totalBytes: number, written: WrittenBytes): FrontFault {
  const chunk = Buffer.alloc(64 * 1024, 0x20); // spaces: valid JSON whitespace, however long
  return async ({ res, socket, stopping }) => {
    res.writeHead(200, { 'content-type': 'application/json' });
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

/** A redirect to `location`. */
export function redirect(status: number, location: string): FrontFault {
  return ({ res }) => {
    res.writeHead(status, { location, 'content-type': 'text/plain' });
    res.end(`Moved to ${location}\n`);
  };
}
