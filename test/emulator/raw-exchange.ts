import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { signV1 } from '../../src/tencent-image-shares/signature';
import { TEST_SECRET_ID, TEST_SECRET_KEY } from '../tencent-image-shares/signed-request';

/** What a plain HTTP client saw, down to the bytes: faults break answers in ways fetch hides. */
export interface RawAnswer {
  /** Undefined when no answer began. */
  readonly status?: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** True when the body ended normally (its announced length, or the end of a chunked body). */
  readonly complete: boolean;
  /** The socket error's code and message, when the exchange broke. */
  readonly error?: { readonly code?: string; readonly message: string };
}

export interface RawRequest {
  readonly method: 'GET' | 'POST';
  /** Path and query. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/**
Sends one request with node:http (which never follows redirects) and resolves with whatever came
back, never rejecting. With `hangUpAfterBytes`, the client closes the connection once it has that
many body bytes, as a client that gave up would.
*/
export function rawExchange(origin: string, request: RawRequest, options: { readonly hangUpAfterBytes?: number } = {}): Promise<RawAnswer> {
  const url = new URL(request.path, origin);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let status: number | undefined;
    let headers: IncomingHttpHeaders = {};
    let settled = false;
    const finish = (complete: boolean, error?: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      resolve({ status, headers, body: Buffer.concat(chunks), complete, error: error && { code: error.code, message: error.message } });
    };
    const outgoing = httpRequest({ host: url.hostname, port: url.port, method: request.method, path: `${url.pathname}${url.search}`, headers: request.headers }, (answer) => {
      status = answer.statusCode;
      headers = answer.headers;
      answer.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
        if (options.hangUpAfterBytes !== undefined && received >= options.hangUpAfterBytes) {
          finish(false);
          outgoing.destroy();
        }
      });
      answer.on('end', () => finish(answer.complete));
      answer.on('aborted', () => finish(false));
      answer.on('error', (error: NodeJS.ErrnoException) => finish(false, error));
      answer.on('close', () => finish(answer.complete));
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => finish(false, error));
    outgoing.end(request.body);
  });
}

let lastNonce = Math.floor(Math.random() * 1e6) + 1;

/** A correctly signed GetImageShareUinInfo POST for the test emulator's example key: the route answers it with data. */
export function signedTencentRequest(origin: string, imageIds: readonly string[], region = 'ap-guangzhou'): RawRequest {
  const params: Record<string, string> = {
    Action: 'GetImageShareUinInfo',
    Region: region,
    SecretId: TEST_SECRET_ID,
    SignatureMethod: 'HmacSHA256',
    Timestamp: String(Math.floor(Date.now() / 1000)),
    Nonce: String(++lastNonce),
  };
  imageIds.forEach((imageId, index) => { params[`imageIds.${index}`] = imageId; });
  params.Signature = signV1('POST', new URL(origin).host, '/v2/index.php', params, TEST_SECRET_KEY);
  const body = Object.entries(params).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
  return { method: 'POST', path: '/v2/index.php', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body };
}
