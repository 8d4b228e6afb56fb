import { LookupInputError } from '../../src/engine/errors';
import { isLoopbackHost, resolveEndpoint } from '../../src/http/endpoint';

const DEFAULT_ORIGIN = 'https://image.api.qcloud.com';
const API_PATH = '/v2/index.php';
const OVERRIDE_INPUT = 'TENCENTCLOUD_IMAGE_ENDPOINT';

function resolve(override?: string) {
  return resolveEndpoint({ override, overrideInput: OVERRIDE_INPUT, defaultOrigin: DEFAULT_ORIGIN, path: API_PATH });
}

/** Calls `resolve` and returns what it threw (failing the test if it did not throw a LookupInputError). */
function refusal(override: string): LookupInputError {
  try {
    resolve(override);
  } catch (error) {
    expect(error).toBeInstanceOf(LookupInputError);
    return error as LookupInputError;
  }
  throw new Error(`resolveEndpoint accepted ${override}`);
}

describe('resolveEndpoint: the URL, host and path requests go to', () => {
  test('without an override, the default origin with the API path appended', () => {
    expect(resolve()).toEqual({ url: 'https://image.api.qcloud.com/v2/index.php', host: 'image.api.qcloud.com', path: API_PATH });
  });

  test('an override origin gets the API path appended, and names where it came from (for errors)', () => {
    expect(resolve('https://image.example.test')).toEqual({
      url: 'https://image.example.test/v2/index.php', host: 'image.example.test', path: API_PATH, source: OVERRIDE_INPUT,
    });
  });

  test('a trailing slash on the origin is not doubled', () => {
    expect(resolve('http://127.0.0.1:8787/').url).toBe('http://127.0.0.1:8787/v2/index.php');
  });

  test('the host keeps a non-default port (signatures cover it)', () => {
    expect(resolve('https://image.example.test:8443')).toMatchObject({ url: 'https://image.example.test:8443/v2/index.php', host: 'image.example.test:8443' });
    expect(resolve('http://127.0.0.1:8787').host).toBe('127.0.0.1:8787');
  });

  test('the host drops the default port, as the Host header does', () => {
    expect(resolve('https://image.example.test:443').host).toBe('image.example.test');
  });
});

describe('resolveEndpoint: plain http only to loopback hosts', () => {
  test.each([
    ['http://127.0.0.1:8787', '127.0.0.1:8787'],
    ['http://127.10.20.30:9000', '127.10.20.30:9000'],
    ['http://localhost:8787', 'localhost:8787'],
    ['http://[::1]:8787', '[::1]:8787'],
  ])('%s is allowed', (origin, host) => {
    expect(resolve(origin)).toEqual({ url: `${origin}${API_PATH}`, host, path: API_PATH, source: OVERRIDE_INPUT });
  });

  test.each([
    ['http://example.com', 'example.com'],
    ['http://10.0.0.1', '10.0.0.1'],
    ['http://10.0.0.1:8787', '10.0.0.1'],
    ['http://0.0.0.0:8787', '0.0.0.0'],
    ['http://localhost.example.com', 'localhost.example.com'],
    ['http://127.0.0.1.nip.io', '127.0.0.1.nip.io'],
  ])('%s is refused, naming the input and the host', (origin, hostname) => {
    const error = refusal(origin);
    expect(error.input).toBe(OVERRIDE_INPUT);
    expect(error.message).toMatch(new RegExp(`^${OVERRIDE_INPUT}: `));
    expect(error.message).toContain('plain http');
    expect(error.message).toContain(hostname);
  });

  test('the error names whichever input the caller says the override came from', () => {
    const error = (() => {
      try {
        resolveEndpoint({ override: 'http://example.com', overrideInput: 'endpoint', defaultOrigin: DEFAULT_ORIGIN, path: API_PATH });
      } catch (caught) {
        return caught as LookupInputError;
      }
      throw new Error('not refused');
    })();
    expect(error.input).toBe('endpoint');
    expect(error.message).toMatch(/^endpoint: /);
  });

  test('https to any host is allowed', () => {
    expect(resolve('https://10.0.0.1').url).toBe('https://10.0.0.1/v2/index.php');
  });
});

describe('resolveEndpoint: only a bare origin is accepted', () => {
  test.each([
    ['a path', 'https://image.example.test/v2'],
    ['the API path itself', 'https://image.example.test/v2/index.php'],
    ['a query', 'https://image.example.test?region=ap-guangzhou'],
    ['a fragment', 'https://image.example.test#top'],
    ['a user name', 'https://someone@image.example.test'],
    ['a user name and password', 'https://someone:hunter2@image.example.test'],
  ])('an origin with %s is refused', (_what, origin) => {
    const error = refusal(origin);
    expect(error.input).toBe(OVERRIDE_INPUT);
    expect(error.message).toContain('origin only');
    expect(error.message).toContain(API_PATH);
  });

  test.each([
    ['not a URL', 'image.example.test'],
    ['an empty string', ''],
    ['an IP and port without a scheme', '127.0.0.1:8787'],
  ])('%s is refused, quoting the input', (_what, origin) => {
    const error = refusal(origin);
    expect(error.input).toBe(OVERRIDE_INPUT);
    expect(error.message).toContain(JSON.stringify(origin));
    expect(error.message).toContain('not a URL');
  });

  test.each(['ftp://image.example.test', 'ws://127.0.0.1:8787'])('a scheme other than http(s) is refused: %s', (origin) => {
    const error = refusal(origin);
    expect(error.input).toBe(OVERRIDE_INPUT);
    expect(error.message).toContain('must use https');
  });
});

describe('isLoopbackHost', () => {
  test.each(['127.0.0.1', '127.0.0.53', '127.255.255.254', 'localhost', '[::1]', '::1'])('%s is loopback', (hostname) => {
    expect(isLoopbackHost(hostname)).toBe(true);
  });

  test.each([
    '128.0.0.1', '10.0.0.1', '0.0.0.0', '192.168.1.1', 'example.com', 'localhost.example.com', '127.0.0.1.nip.io',
    'evil127.0.0.1', '127.0.0', '[::2]', '', 'LOCALHOST.',
  ])('%s is not loopback', (hostname) => {
    expect(isLoopbackHost(hostname)).toBe(false);
  });
});

test('an endpoint with credentials is refused without repeating the password', () => {
  expect(() => resolveEndpoint({ override: 'https://someone:hunter2@host.example', overrideInput: 'endpoint', defaultOrigin: 'https://x', path: '/' }))
    .toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
});
