import { networkCauseOf, withoutQueryStrings } from '../../src/http/network-cause';

/** An error chain shaped like fetch's: `TypeError: fetch failed` caused by the socket's error. */
function fetchFailure(cause: { code?: string; message: string }): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(cause.message), cause.code ? { code: cause.code } : {}) });
}

describe('networkCauseOf', () => {
  test.each([
    ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9', /emulator/],
    ['ECONNRESET', 'read ECONNRESET', /closed before the answer was complete/],
    ['UND_ERR_SOCKET', 'other side closed', /closed before the answer was complete/],
    ['ENOTFOUND', 'getaddrinfo ENOTFOUND vod.example.invalid', /did not resolve/],
    ['ETIMEDOUT', 'connect ETIMEDOUT 10.0.0.1:443', /took too long/],
  ])('%s: the code, the innermost message, a hint, retryable', (code, message, hint) => {
    expect(networkCauseOf(fetchFailure({ code, message }))).toEqual({ code, message, hint: expect.stringMatching(hint), retryable: true });
  });

  test.each(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID'])('%s: not retryable, hints NODE_EXTRA_CA_CERTS', (code) => {
    const cause = networkCauseOf(fetchFailure({ code, message: 'certificate problem' }));
    expect(cause).toMatchObject({ code, retryable: false, hint: expect.stringContaining('NODE_EXTRA_CA_CERTS') });
  });

  test('an OS code deeper in the chain wins over a generic undici one', () => {
    const socket = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    const undici = Object.assign(new Error('other side closed', { cause: socket }), { code: 'UND_ERR_SOCKET' });
    expect(networkCauseOf(new TypeError('terminated', { cause: undici })).code).toBe('ECONNRESET');
  });

  test('a proxy refusing the tunnel with 407 is not retried and names the proxy env vars', () => {
    const cause = networkCauseOf(fetchFailure({ code: 'UND_ERR_ABORTED', message: 'Proxy response (407) !== 200 when HTTP Tunneling' }));
    expect(cause).toMatchObject({ retryable: false, hint: expect.stringContaining('HTTPS_PROXY') });
  });

  test('no code at all: the message, retryable', () => {
    expect(networkCauseOf(new Error('something odd'))).toEqual({ code: undefined, message: 'something odd', retryable: true });
  });

  test('a URL in the message loses its query (a GET query holds the key ID and signature)', () => {
    const cause = networkCauseOf(fetchFailure({ message: 'Request to http://127.0.0.1:1/?SecretId=AKIDsecret&Signature=abc failed' }));
    expect(cause.message).toBe('Request to http://127.0.0.1:1/ failed');
  });
});

test('withoutQueryStrings drops queries and fragments, keeping the rest', () => {
  expect(withoutQueryStrings('GET https://h.example/p?a=1#f and http://x/y?z')).toBe('GET https://h.example/p and http://x/y');
});
