import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Emulator } from '../../src/emulator';
import { LookupInputError } from '../../src/engine/errors';
import { RequestFailedError } from '../../src/http/errors';
import { CLOUDS_UNDER_TEST, startContractEmulator, type CloudUnderTest } from '../support/clouds-under-test';
import { rejection } from '../support/expect-errors';
import { startFaultFront, type FaultFront } from '../support/fault-front';
import { tempDirs } from '../support/fixtures';
import { startForwardProxy, type ForwardProxy } from '../support/forward-proxy';
import { closedPort } from '../support/loopback-http';
import { makeTestCertificate, type TestCertificate } from '../support/test-certificate';

/**
HTTPS_PROXY, HTTP_PROXY and NO_PROXY, honoured through undici's EnvHttpProxyAgent, tested through a
real proxy on 127.0.0.1 that counts what it relays. Each client is handed its env explicitly, so
the runner's own proxy settings play no part.
*/

const ONE_ATTEMPT = { retries: 0, baseDelayMs: 1, maxDelayMs: 1 };
const execFileAsync = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const CHILD = path.join(ROOT, 'test/support/lookup-child.ts');

/** What lookup-child.ts prints. */
type ChildResult = { ok: true; found: string[] } | { ok: false; code?: string; networkCode?: string; message?: string };

/** Runs one lookup in a fresh process with exactly `env` (plus PATH). */
async function lookupInChild(cloud: CloudUnderTest, endpoint: string, env: Record<string, string>): Promise<ChildResult> {
  const { stdout } = await execFileAsync(process.execPath, ['-r', 'ts-node/register/transpile-only', CHILD,
    JSON.stringify({ cloud: cloud.cloud, endpoint, imageIds: [cloud.knownImageId] })], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildResult;
}

const tempDir = tempDirs();

describe.each(CLOUDS_UNDER_TEST)('$cloud client behind a proxy', (cloud: CloudUnderTest) => {
  let emulator: Emulator;
  let proxy: ForwardProxy;
  beforeEach(async () => {
    emulator = await startContractEmulator();
    proxy = await startForwardProxy();
  });
  afterEach(async () => {
    await proxy.stop();
    await emulator.stop();
  });

  const emulatorAuthority = () => new URL(emulator.origin).host;

  test.each(['HTTP_PROXY', 'http_proxy'])('%s: an http endpoint is reached through the proxy, with the right data', async (name) => {
    const found = await cloud.fetch(emulator.origin, [cloud.knownImageId], {}, { [name]: proxy.origin });
    expect(found).toEqual([cloud.knownImageId]);
    expect(proxy.relayed).toBeGreaterThanOrEqual(1);
    expect([...proxy.tunnels, ...proxy.forwarded.map((line) => new URL(line.split(' ')[1]).host)]).toEqual(Array(proxy.relayed).fill(emulatorAuthority()));
    expect(emulator.stats.requests).toBe(1);
  });

  test('NO_PROXY=127.0.0.1 bypasses the proxy', async () => {
    const found = await cloud.fetch(emulator.origin, [cloud.knownImageId], {}, { HTTP_PROXY: proxy.origin, NO_PROXY: '127.0.0.1' });
    expect(found).toEqual([cloud.knownImageId]);
    expect(proxy.relayed).toBe(0);
    expect(emulator.stats.requests).toBe(1);
  });

  test('a proxy that is down: the request fails with ECONNREFUSED, and nothing reaches the API', async () => {
    const deadProxy = `http://127.0.0.1:${await closedPort()}`;
    const error = await rejection(cloud.fetch(emulator.origin, [cloud.knownImageId], { retry: ONE_ATTEMPT }, { HTTP_PROXY: deadProxy }), RequestFailedError);
    expect(error.networkCode).toBe('ECONNREFUSED');
    expect(emulator.stats.requests).toBe(0);
  });

  test('a malformed HTTPS_PROXY is an input error naming it, without its password, before any request', async () => {
    const error = await rejection(cloud.fetch(emulator.origin, [cloud.knownImageId], {}, { HTTPS_PROXY: 'http://proxyuser:s3cretPassw0rd@[not-a-host' }), LookupInputError);
    expect(error.input).toBe('HTTPS_PROXY');
    expect(error.message).not.toContain('s3cretPassw0rd');
    expect(emulator.stats.requests).toBe(0);
  });

  test('a proxy URL of another scheme is refused, its password hidden', async () => {
    const error = await rejection(cloud.fetch(emulator.origin, [cloud.knownImageId], {}, { http_proxy: 'ftp://proxyuser:s3cretPassw0rd@127.0.0.1:2121' }), LookupInputError);
    expect(error.input).toBe('http_proxy');
    expect(error.message).toContain('ftp://***@127.0.0.1:2121');
    expect(error.message).not.toContain('s3cretPassw0rd');
  });

  describe('https, with a certificate made at test time', () => {
    let certificate: TestCertificate;
    let tlsFront: FaultFront;
    beforeEach(async () => {
      certificate = makeTestCertificate(tempDir());
      tlsFront = await startFaultFront(emulator.origin, { tls: certificate });
    });
    afterEach(async () => {
      await tlsFront.stop();
    });

    test('HTTPS_PROXY tunnels to the https endpoint; the certificate, trusted with NODE_EXTRA_CA_CERTS, is verified end to end', async () => {
      const result = await lookupInChild(cloud, tlsFront.origin, { HTTPS_PROXY: proxy.origin, NODE_EXTRA_CA_CERTS: certificate.certPath });
      expect(result).toEqual({ ok: true, found: [cloud.knownImageId] });
      expect(proxy.tunnels).toEqual([new URL(tlsFront.origin).host]);
      expect(tlsFront.requests).toHaveLength(1);
      expect(emulator.stats.requests).toBe(1);
    });

    // In this process the certificate is not trusted: the TLS error shows whether the proxy was asked.
    test('NO_PROXY bypasses the proxy for https too', async () => {
      const error = await rejection(cloud.fetch(tlsFront.origin, [cloud.knownImageId], { retry: ONE_ATTEMPT }, { HTTPS_PROXY: proxy.origin, NO_PROXY: '127.0.0.1' }), RequestFailedError);
      expect(error.networkCode).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
      expect(proxy.relayed).toBe(0);
    });

    test('without trusting the certificate: a certificate error, through the proxy, not retried, with the NODE_EXTRA_CA_CERTS hint', async () => {
      const error = await rejection(cloud.fetch(tlsFront.origin, [cloud.knownImageId], { retry: { retries: 3, baseDelayMs: 1, maxDelayMs: 1 } }, { HTTPS_PROXY: proxy.origin }), RequestFailedError);
      expect(error.networkCode).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/);
      expect(error.retryable).toBe(false);
      expect(error.message).toContain('NODE_EXTRA_CA_CERTS');
      expect(proxy.tunnels).toEqual([new URL(tlsFront.origin).host]);
      expect(tlsFront.requests).toHaveLength(0);
    });
  });
});
