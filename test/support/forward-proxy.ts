import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { close, isLoopbackAuthority, listen } from './loopback-http';

/** A small HTTP proxy on 127.0.0.1, as corporate networks have: CONNECT tunnels and absolute-URI forwarding. */
export interface ForwardProxy {
  /** e.g. `http://127.0.0.1:40123`: the value for HTTPS_PROXY / HTTP_PROXY. */
  readonly origin: string;
  /** `host:port` of every CONNECT tunnel it opened, in order. */
  readonly tunnels: readonly string[];
  /** `METHOD origin/path` of every absolute-URI request it relayed (queries left out). */
  readonly forwarded: readonly string[];
  /** Tunnels and forwarded requests together: how many times the proxy relayed something. */
  readonly relayed: number;
  stop(): Promise<void>;
}

/**
Relays to loopback targets only (anything else gets 403), so a test through it can never reach the
network. It sees tunnelled bytes, not their content: for https they are TLS.
*/
export async function startForwardProxy(): Promise<ForwardProxy> {
  const tunnels: string[] = [];
  const forwarded: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const url = safeUrl(req.url);
    if (url === undefined || url.protocol !== 'http:' || !isLoopbackAuthority(url.host)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('this test proxy relays to loopback only\n');
      return;
    }
    forwarded.push(`${req.method} ${url.origin}${url.pathname}`);
    const upstream = httpRequest({ host: url.hostname, port: url.port, method: req.method, path: `${url.pathname}${url.search}`, headers: req.headers }, (answer: IncomingMessage) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.socket?.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const authority = req.url ?? '';
    if (!isLoopbackAuthority(authority)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    tunnels.push(authority);
    const [host, port] = splitAuthority(authority);
    const upstream = connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const origin = await listen(server);
  return {
    origin,
    tunnels,
    forwarded,
    get relayed() { return tunnels.length + forwarded.length; },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await close(server);
    },
  };
}

function safeUrl(text: string | undefined): URL | undefined {
  try {
    return new URL(text ?? '');
  } catch {
    return undefined;
  }
}

/** `127.0.0.1:8443` → ['127.0.0.1', 8443]; `[::1]:8443` → ['::1', 8443]. */
function splitAuthority(authority: string): [string, number] {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(authority);
  return match ? [match[1], Number(match[2])] : [authority, 443];
}
