import { inspect } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Emulator } from '../../src/emulator';
import { LookupInputError } from '../../src/engine/errors';
import { describeImageIds } from '../../src/http/call-context';
import {
  LookupCallError, RedirectRefusedError, RequestFailedError, RequestTimeoutError, ResponseInvalidError, ResponseTooLargeError,
} from '../../src/http/errors';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../src/http/transport-options';
import { CLOUDS_UNDER_TEST, FAST_RETRY, startContractEmulator, type CloudUnderTest } from '../support/clouds-under-test';
import { rejection } from '../support/expect-errors';
import {
  answer, endlessBody, htmlPage, redirect, resetConnection, stallBody, startFaultFront, truncatedBody, type FaultFront, type FrontFault, type WrittenBytes,
} from '../support/fault-front';
import { closedPort, startCannedServer, type LoopbackServer } from '../support/loopback-http';

/**
The transport contract of every signed client, run once per cloud: bounded attempts, no redirects,
one retry policy, errors that name the call, and a debug log without secrets. Each test talks real
HTTP to the emulator, through a front on 127.0.0.1 that replaces scripted answers with faults.
*/

const NO_RETRY = { ...FAST_RETRY, retries: 0 };
const MiB = 1024 * 1024;

describe.each(CLOUDS_UNDER_TEST)('$cloud client', (cloud: CloudUnderTest) => {
  let emulator: Emulator;
  let front: FaultFront;
  beforeEach(async () => {
    emulator = await startContractEmulator();
    front = await startFaultFront(emulator.origin);
  });
  afterEach(async () => {
    await front.stop();
    await emulator.stop();
  });

  const known = () => [cloud.knownImageId];

  describe('every attempt is bounded', () => {
    /** Far longer than the timeout: if the timeout stopped at the headers, the call would wait it out and then succeed. */
    const STALL_MS = 10_000;

    test('a body that stalls after the headers ends the attempt at timeoutMs, not when the body resumes', async () => {
      front.inject(stallBody(STALL_MS));
      const error = await rejection(cloud.fetch(front.origin, known(), { timeoutMs: 200, retry: NO_RETRY }), RequestTimeoutError);
      expect(error).toMatchObject({ code: 'RequestTimeout', phase: 'body', status: 200, timeoutMs: 200, timedOut: true, retryable: true, attempt: 1 });
      expect(error).toBeInstanceOf(RequestFailedError);
      expect(error.message).toContain('timeoutMs 200');
      expect(front.requests).toHaveLength(1);
    });

    test('a stalled body is retried, and the retry brings the data', async () => {
      front.inject(stallBody(STALL_MS));
      await expect(cloud.fetch(front.origin, known(), { timeoutMs: 300 })).resolves.toEqual(known());
      expect(front.requests).toHaveLength(2);
    });

    test('an endless body is cut as soon as it passes maxResponseBytes, and not retried', async () => {
      const written: WrittenBytes = { bytes: 0, clientClosed: false };
      const cap = 64 * 1024;
      front.inject(endlessBody(256 * MiB, written), 4);
      const error = await rejection(cloud.fetch(front.origin, known(), { maxResponseBytes: cap }), ResponseTooLargeError);
      expect(error).toMatchObject({ code: 'ResponseTooLarge', status: 200, maxResponseBytes: cap, retryable: false, attempt: 1 });
      expect(error.receivedBytes).toBeGreaterThan(cap);
      expect(error.receivedBytes).toBeLessThan(MiB);
      expect(error.message).toContain('maxResponseBytes');
      expect(front.requests).toHaveLength(1);
      // The client hung up: the server could only push what the sockets buffer, nowhere near the 256 MiB on offer.
      for (let waited = 0; !written.clientClosed && waited < 100; waited++) await sleep(50);
      expect(written.clientClosed).toBe(true);
      expect(written.bytes).toBeLessThan(32 * MiB);
    });

    test('an announced Content-Length over the cap is refused unread', async () => {
      const written: WrittenBytes = { bytes: 0, clientClosed: false };
      front.inject(endlessBody(60 * MiB, written, true));
      const error = await rejection(cloud.fetch(front.origin, known(), { maxResponseBytes: MiB }), ResponseTooLargeError);
      expect(error).toMatchObject({ declaredBytes: 60 * MiB, receivedBytes: 0, maxResponseBytes: MiB });
      expect(error.message).toContain(String(60 * MiB));
    });

    test('the default cap is 10 MiB', async () => {
      const written: WrittenBytes = { bytes: 0, clientClosed: false };
      front.inject(endlessBody(64 * MiB, written));
      const error = await rejection(cloud.fetch(front.origin, known()), ResponseTooLargeError);
      expect(error.maxResponseBytes).toBe(DEFAULT_MAX_RESPONSE_BYTES);
      expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(10 * MiB);
      expect(error.receivedBytes).toBeGreaterThan(10 * MiB);
    });
  });

  describe('redirects are never followed', () => {
    let elsewhere: LoopbackServer;
    beforeEach(async () => {
      elsewhere = await startCannedServer(() => ({ body: { code: 0 } }));
    });
    afterEach(async () => {
      await elsewhere.stop();
    });

    test.each([301, 302, 303, 307, 308])('HTTP %i: RedirectRefused naming the status and the Location origin only; nothing re-sent', async (status) => {
      front.inject(redirect(status, `${elsewhere.origin}/collect?token=leak-marker#frag`), 4);
      const error = await rejection(cloud.fetch(front.origin, known(), { httpMethod: 'POST' }), RedirectRefusedError);
      expect(error).toMatchObject({ code: 'RedirectRefused', status, locationOrigin: elsewhere.origin, retryable: false, attempt: 1 });
      expect(error.message).toContain(`HTTP ${status}`);
      expect(error.message).toContain(elsewhere.origin);
      for (const leak of ['leak-marker', '/collect', 'token=']) expect(inspect(error)).not.toContain(leak);
      expect(elsewhere.requests).toHaveLength(0);
      expect(front.requests).toHaveLength(1);
    });

    test('a relative Location is reported as the endpoint\'s own origin', async () => {
      front.inject(redirect(302, '/elsewhere?Signature=abc'));
      const error = await rejection(cloud.fetch(front.origin, known()), RedirectRefusedError);
      expect(error.locationOrigin).toBe(front.origin);
      expect(error.message).not.toContain('Signature=abc');
    });
  });

  describe('one retry policy: 429, 5xx, connection faults, timeouts, truncated and non-JSON bodies', () => {
    const RETRIED: Array<[string, () => FrontFault]> = [
      ['HTTP 429 without a body', () => answer(429, '')],
      ['HTTP 429 with the API\'s throttling body', () => answer(429, cloud.apiError('throttle').body)],
      ['HTTP 200 with the API\'s throttling body', () => answer(200, cloud.apiError('throttle').body)],
      ['HTTP 500 with an HTML page', () => htmlPage(500)],
      ['HTTP 502 with an HTML page', () => htmlPage(502)],
      ['HTTP 503 with an HTML page', () => htmlPage(503)],
      ['HTTP 503 with the API\'s internal-error body', () => answer(503, cloud.apiError('internal').body)],
      ['HTTP 200 with an HTML page', () => htmlPage(200)],
      ['HTTP 200 with an empty body', () => answer(200, '')],
      ['a truncated body', () => truncatedBody()],
      ['a connection reset', () => resetConnection()],
    ];

    test.each(RETRIED)('%s, twice: retried, every attempt signed afresh, then the data', async (_what, fault) => {
      front.inject(fault(), 2);
      await expect(cloud.fetch(front.origin, known())).resolves.toEqual(known());
      expect(front.requests).toHaveLength(3);
      expect(new Set(front.requests.map(cloud.nonceOf)).size).toBe(3);
      expect(new Set(front.requests.map(cloud.signatureOf)).size).toBe(3);
    });

    test('retries exhausted: the last error, counting every attempt', async () => {
      front.inject(htmlPage(200), 3);
      const error = await rejection(cloud.fetch(front.origin, known(), { retry: { ...FAST_RETRY, retries: 2 } }), ResponseInvalidError);
      expect(error).toMatchObject({ code: 'InvalidResponse', status: 200, retryable: true, attempt: 3 });
      expect(error.message).toContain('attempt 3');
      expect(error.message).toContain('not JSON');
      expect(front.requests).toHaveLength(3);
    });

    test('an auth refusal is never retried, whatever the retry budget', async () => {
      const refusal = cloud.apiError('auth');
      front.inject(answer(400, refusal.body), 5);
      const error = await rejection(cloud.fetch(front.origin, known(), { retry: { ...FAST_RETRY, retries: 5 } }), cloud.ApiError);
      expect(error).toMatchObject({ apiCode: refusal.apiCode, retryable: false, attempt: 1 });
      expect(front.requests).toHaveLength(1);
    });

    test('an answer of the wrong shape: InvalidResponse naming the field, not retried, and it fails only its own call', async () => {
      const { body, field } = cloud.malformedAnswer();
      front.inject(answer(200, body));
      const imageIds = [...cloud.unknownImageIds(cloud.maxIdsPerCall), cloud.knownImageId];
      const outcomes = await cloud.lookup(front.origin, imageIds, { concurrency: 1 });
      const firstCall = outcomes.slice(0, cloud.maxIdsPerCall);
      for (const outcome of firstCall) {
        expect(outcome.outcome).toBe('error');
        expect(outcome.error).toBeInstanceOf(ResponseInvalidError);
        expect(outcome.error).toMatchObject({ code: 'InvalidResponse', field, retryable: false, status: 200, attempt: 1 });
      }
      // The next call was still sent, and its answer kept.
      expect(outcomes[cloud.maxIdsPerCall]).toMatchObject({ imageId: cloud.knownImageId, outcome: 'found' });
      expect(front.requests).toHaveLength(2);
    });

    test('an API error code in a 503 body is kept: the API\'s error, not InvalidResponse; an auth code there is not retried', async () => {
      const refusal = cloud.apiError('auth', 'req-in-503');
      front.inject(answer(503, refusal.body), 4);
      const error = await rejection(cloud.fetch(front.origin, known()), cloud.ApiError);
      expect(error).toMatchObject({ apiCode: refusal.apiCode, requestId: 'req-in-503', retryable: false });
      expect(error.message).toContain('503');
      expect(front.requests).toHaveLength(1);
    });
  });

  describe('errors name the call', () => {
    test('a refused connection: ECONNREFUSED, a hint, and the cloud, action, region, endpoint, images and attempts', async () => {
      const port = await closedPort();
      const endpoint = `http://127.0.0.1:${port}`;
      const error = await rejection(cloud.fetch(endpoint, known(), { retry: { ...FAST_RETRY, retries: 1 } }), RequestFailedError);
      expect(error).toMatchObject({ code: 'RequestFailed', networkCode: 'ECONNREFUSED', phase: 'headers', retryable: true, attempt: 2 });
      expect(error.context).toEqual({ cloud: cloud.cloud, action: cloud.action, region: cloud.region, endpoint: `${endpoint}${cloud.apiPath}`, imageIds: known() });
      for (const part of [cloud.cloud, cloud.action, cloud.region, `${endpoint}${cloud.apiPath}`, cloud.knownImageId, 'attempt 2', 'ECONNREFUSED', 'emulator']) {
        expect(error.message).toContain(part);
      }
    });

    test('a reset connection: ECONNRESET', async () => {
      front.inject(resetConnection());
      const error = await rejection(cloud.fetch(front.origin, known(), { retry: NO_RETRY }), RequestFailedError);
      expect(error).toMatchObject({ networkCode: 'ECONNRESET', retryable: true });
      expect(error.message).toContain('ECONNRESET');
    });

    test('an API error carries its RequestId, in the message too', async () => {
      const refusal = cloud.apiError('auth', 'req-contract-42');
      front.inject(answer(400, refusal.body));
      const error = await rejection(cloud.fetch(front.origin, known()), cloud.ApiError);
      expect(error.requestId).toBe('req-contract-42');
      expect(error.message).toContain('RequestId req-contract-42');
      expect(error.message).toContain(cloud.cloud);
      expect(error.message).toContain(cloud.region);
    });

    test('a batch error names the call\'s images, or their count and the first few', async () => {
      const imageIds = cloud.unknownImageIds(cloud.maxIdsPerCall);
      front.inject(answer(400, cloud.apiError('auth').body));
      const outcomes = await cloud.lookup(front.origin, imageIds, { concurrency: 1 });
      const { error } = outcomes[0] as { error: LookupCallError };
      expect(error.context.imageIds).toEqual(imageIds);
      expect(error.message).toContain(describeImageIds(imageIds));
      expect(error.message).toContain(imageIds[0]);
    });

    test('no error holds a key ID, key, token or signature', async () => {
      const errors: unknown[] = [];
      const capture = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => { errors.push(error); });
      front.inject(answer(400, cloud.apiError('auth').body));
      await capture(cloud.fetch(front.origin, known(), { httpMethod: 'GET' }));
      front.inject(redirect(307, `${front.origin}/?again=1`));
      await capture(cloud.fetch(front.origin, known(), { httpMethod: 'GET' }));
      front.inject(stallBody(10_000));
      await capture(cloud.fetch(front.origin, known(), { httpMethod: 'GET', timeoutMs: 100, retry: NO_RETRY }));
      front.inject(resetConnection());
      await capture(cloud.fetch(front.origin, known(), { httpMethod: 'GET', retry: NO_RETRY }));
      await capture(cloud.fetch(`http://127.0.0.1:${await closedPort()}`, known(), { httpMethod: 'GET', retry: NO_RETRY }));
      expect(errors).toHaveLength(5);
      const printed = errors.map((error) => `${inspect(error)}\n${(error as Error).message}`).join('\n');
      const signatures = front.requests.map(cloud.signatureOf).filter((value): value is string => Boolean(value));
      expect(signatures.length).toBeGreaterThanOrEqual(4);
      for (const secret of [...cloud.secrets, ...signatures, ...signatures.map(encodeURIComponent)]) expect(printed).not.toContain(secret);
    });
  });

  describe('transport inputs are checked before any request', () => {
    test.each<[string, object]>([
      ['retry.retries', { retry: { retries: Number.NaN } }],
      ['retry.baseDelayMs', { retry: { baseDelayMs: -1 } }],
      ['timeoutMs', { timeoutMs: 2 ** 31 }],
      ['maxResponseBytes', { maxResponseBytes: 0 }],
    ])('a bad %s is refused by the client, naming it', async (input, options) => {
      const error = await rejection(cloud.fetch(front.origin, known(), options), LookupInputError);
      expect(error).toMatchObject({ code: 'InvalidLookupInput', input });
      expect(front.requests).toHaveLength(0);
    });
  });

  describe('IMAGE_LOOKUPS_DEBUG', () => {
    let written: string[];
    let stderrWrite: jest.SpyInstance;
    beforeEach(() => {
      written = [];
      stderrWrite = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      });
    });
    afterEach(() => {
      stderrWrite.mockRestore();
    });

    test('=1 logs every request and answer on stderr with action, region, IDs, status, RequestId, attempt and timing; no secret', async () => {
      front.inject(answer(429, cloud.apiError('throttle', 'req-debug-429').body));
      // GET: the signature and key ID are in the URL, which must not be logged as sent.
      await cloud.fetch(front.origin, known(), { httpMethod: 'GET' }, { IMAGE_LOOKUPS_DEBUG: '1' });
      const log = written.join('');
      const lines = log.split('\n').filter((line) => line.startsWith('image-lookups debug:'));
      expect(lines.filter((line) => / request (GET|POST) /.test(line))).toHaveLength(2);
      expect(lines.filter((line) => / answer status=/.test(line))).toHaveLength(2);
      expect(lines.filter((line) => / retrying in ms=\d+ after code=/.test(line))).toEqual([expect.stringContaining(`apiCode=${cloud.apiError('throttle').apiCode}`)]);
      for (const part of [cloud.cloud, cloud.action, `region=${cloud.region}`, `images=${cloud.knownImageId}`, 'attempt=1', 'attempt=2',
        'status=429', 'status=200', 'requestId=req-debug-429', 'ms=']) {
        expect(log).toContain(part);
      }
      const signatures = front.requests.map(cloud.signatureOf).filter((value): value is string => Boolean(value));
      expect(signatures).toHaveLength(2);
      for (const secret of [...cloud.secrets, ...signatures, ...signatures.map(encodeURIComponent)]) expect(log).not.toContain(secret);
      expect(log).not.toContain('?');
    });

    test('off by default: nothing is written', async () => {
      await cloud.fetch(front.origin, known(), {}, {});
      expect(written.join('')).not.toContain('image-lookups debug');
    });

    test('an unknown value is an input error naming IMAGE_LOOKUPS_DEBUG, before any request', async () => {
      const error = await rejection(cloud.fetch(front.origin, known(), {}, { IMAGE_LOOKUPS_DEBUG: 'verbose' }), LookupInputError);
      expect(error.input).toBe('IMAGE_LOOKUPS_DEBUG');
      expect(front.requests).toHaveLength(0);
    });
  });
});
