import { inspect } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Emulator, EmulatorFault } from '../../src/emulator';
import { LookupInputError } from '../../src/engine/errors';
import { describeImageIds } from '../../src/http/call-context';
import {
  LookupCallError, RedirectRefusedError, RequestFailedError, RequestTimeoutError, ResponseInvalidError, ResponseTooLargeError,
} from '../../src/http/errors';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../src/http/transport-options';
import { asRecorded, CLOUDS_UNDER_TEST, FAST_RETRY, startContractEmulator, type CloudUnderTest } from '../support/clouds-under-test';
import { rejection } from '../support/expect-errors';
import { answer, endlessBody, redirect, startFaultFront, type FaultFront, type WrittenBytes } from '../support/fault-front';
import { closedPort } from '../support/loopback-http';

/**
The transport contract of every signed client, run once per cloud: bounded attempts, no redirects,
one retry policy, errors that name the call, and a debug log without secrets. Each test talks real
HTTP to the emulator, whose fault knobs stall, cut, reset, redirect or replace its answers.

A few tests go through a front on 127.0.0.1 instead, for what an emulator should not do: answer
with a body of the test's choosing (an API error with a chosen RequestId, an auth code inside a 503,
a malformed body), redirect to a relative Location, or count on the server side how much of an
endless body the client's socket accepted before it hung up.
*/

const NO_RETRY = { ...FAST_RETRY, retries: 0 };
const MiB = 1024 * 1024;

describe.each(CLOUDS_UNDER_TEST)('$cloud client', (cloud: CloudUnderTest) => {
  let emulator: Emulator;
  let front: FaultFront;
  beforeEach(async () => {
    // stallMs: far longer than any timeout below: if the timeout stopped at the headers, the call would wait it out and then succeed.
    emulator = await startContractEmulator({ recordRequests: true, stallMs: 10_000 });
    front = await startFaultFront(emulator.origin);
  });
  afterEach(async () => {
    await front.stop();
    await emulator.stop();
  });

  const known = () => [cloud.knownImageId];
  /** Signatures of every request sent, to the emulator or to the front. */
  const signaturesSent = () => [...front.requests, ...emulator.recordedRequests.map(asRecorded)]
    .map(cloud.signatureOf).filter((value): value is string => Boolean(value));

  describe('every attempt is bounded', () => {
    
    test('a body that stalls after the headers ends the attempt at timeoutMs, not when the body resumes', async () => {
      emulator.injectFaults('stalledBody');
      const error = await rejection(cloud.fetch(emulator.origin, known(), { timeoutMs: 200, retry: NO_RETRY }), RequestTimeoutError);
      expect(error).toMatchObject({ code: 'RequestTimeout', phase: 'body', status: 200, timeoutMs: 200, timedOut: true, retryable: true, attempt: 1 });
      expect(error).toBeInstanceOf(RequestFailedError);
      expect(error.message).toContain('timeoutMs 200');
      expect(emulator.stats.requests).toBe(1);
    });

    test('a stalled body is retried, and the retry brings the data', async () => {
      emulator.injectFaults('stalledBody');
      await expect(cloud.fetch(emulator.origin, known(), { timeoutMs: 300 })).resolves.toEqual(known());
      expect(emulator.stats.requests).toBe(2);
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
      emulator.injectFaults('oversizedBodyDeclared');
      const error = await rejection(cloud.fetch(emulator.origin, known(), { maxResponseBytes: MiB }), ResponseTooLargeError);
      expect(error).toMatchObject({ receivedBytes: 0, maxResponseBytes: MiB });
      // The emulator's 11 MiB of whitespace, plus the answer itself.
      expect(error.declaredBytes).toBeGreaterThan(11 * MiB);
      expect(error.message).toContain(String(error.declaredBytes));
    });

    test('the default cap is 10 MiB', async () => {
      emulator.injectFaults('oversizedBody');
      const error = await rejection(cloud.fetch(emulator.origin, known()), ResponseTooLargeError);
      expect(error.maxResponseBytes).toBe(DEFAULT_MAX_RESPONSE_BYTES);
      expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(10 * MiB);
      expect(error.receivedBytes).toBeGreaterThan(10 * MiB);
    });

    test('the same oversized body under a larger cap is read: it is valid, only large', async () => {
      emulator.injectFaults('oversizedBody');
      await expect(cloud.fetch(emulator.origin, known(), { maxResponseBytes: 16 * MiB })).resolves.toEqual(known());
    });
  });

  describe('redirects are never followed', () => {
    // The emulator redirects to itself under another name (localhost): a followed redirect would be a second request.
    test.each([301, 302, 303, 307, 308] as const)('HTTP %i: RedirectRefused naming the status and the Location origin only; nothing re-sent', async (status) => {
      emulator.injectFaults(`redirect${status}`, 4);
      const error = await rejection(cloud.fetch(emulator.origin, known(), { httpMethod: 'POST' }), RedirectRefusedError);
      expect(error).toMatchObject({ code: 'RedirectRefused', status, locationOrigin: emulator.redirectOrigin, retryable: false, attempt: 1 });
      expect(emulator.redirectOrigin).not.toBe(emulator.origin);
      expect(error.message).toContain(`HTTP ${status}`);
      expect(error.message).toContain(emulator.redirectOrigin);
      expect(emulator.stats.requests).toBe(1);
    });

    test('a GET\'s Location carries its signed query: the error names the origin only', async () => {
      emulator.injectFaults('redirect302');
      const error = await rejection(cloud.fetch(emulator.origin, known(), { httpMethod: 'GET' }), RedirectRefusedError);
      const [sent] = emulator.recordedRequests;
      expect(sent.url.search).toContain('Signature=');
      const printed = `${inspect(error)}\n${error.message}`;
      for (const leak of [sent.url.search, cloud.signatureOf(asRecorded(sent))!, ...cloud.secrets]) expect(printed).not.toContain(leak);
      expect(emulator.stats.requests).toBe(1);
    });

    test('a relative Location is reported as the endpoint\'s own origin', async () => {
      front.inject(redirect(302, '/elsewhere?Signature=abc'));
      const error = await rejection(cloud.fetch(front.origin, known()), RedirectRefusedError);
      expect(error.locationOrigin).toBe(front.origin);
      expect(error.message).not.toContain('Signature=abc');
    });
  });

  describe('one retry policy: 429, 5xx, connection faults, timeouts, truncated and non-JSON bodies', () => {
    const RETRIED: Array<[string, EmulatorFault]> = [
      ['HTTP 429 with a gateway\'s page, no API body', 'http429'],
      ['HTTP 429 with the API\'s throttling body', 'apiError429'],
      ['HTTP 200 with the API\'s throttling body', 'errorWith200'],
      ['the API\'s own throttling answer', 'throttle'],
      ['HTTP 500 with an HTML page', 'http500'],
      ['HTTP 502 with an HTML page', 'http502'],
      ['HTTP 503 with an HTML page', 'http503'],
      ['HTTP 500 with the API\'s internal-error body', 'apiError500'],
      ['HTTP 503 with the API\'s unavailable body', 'apiError503'],
      ['HTTP 200 with an HTML page', 'htmlPage'],
      ['HTTP 200 with an empty body', 'emptyBody'],
      ['HTTP 200 with malformed JSON', 'malformedJson'],
      ['a truncated body', 'truncatedBody'],
      ['a connection reset', 'connectionReset'],
      ['a dropped connection', 'networkDrop'],
    ];

    test.each(RETRIED)('%s, twice: retried, every attempt signed afresh, then the data', async (_what, fault) => {
      emulator.injectFaults(fault, 2);
      await expect(cloud.fetch(emulator.origin, known())).resolves.toEqual(known());
      expect(emulator.faultsAnswered).toEqual({ [fault]: 2 });
      const sent = emulator.recordedRequests.map(asRecorded);
      expect(sent).toHaveLength(3);
      expect(new Set(sent.map(cloud.nonceOf)).size).toBe(3);
      expect(new Set(sent.map(cloud.signatureOf)).size).toBe(3);
    });

    test('retries exhausted: the last error, counting every attempt', async () => {
      emulator.injectFaults('htmlPage', 3);
      const error = await rejection(cloud.fetch(emulator.origin, known(), { retry: { ...FAST_RETRY, retries: 2 } }), ResponseInvalidError);
      expect(error).toMatchObject({ code: 'InvalidResponse', status: 200, retryable: true, attempt: 3 });
      expect(error.message).toContain('attempt 3');
      expect(error.message).toContain('not JSON');
      expect(emulator.stats.requests).toBe(3);
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
      emulator.injectFaults('connectionReset');
      const error = await rejection(cloud.fetch(emulator.origin, known(), { retry: NO_RETRY }), RequestFailedError);
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
      emulator.injectFaults('redirect307');
      await capture(cloud.fetch(emulator.origin, known(), { httpMethod: 'GET' }));
      emulator.injectFaults('stalledBody');
      await capture(cloud.fetch(emulator.origin, known(), { httpMethod: 'GET', timeoutMs: 100, retry: NO_RETRY }));
      emulator.injectFaults('connectionReset');
      await capture(cloud.fetch(emulator.origin, known(), { httpMethod: 'GET', retry: NO_RETRY }));
      await capture(cloud.fetch(`http://127.0.0.1:${await closedPort()}`, known(), { httpMethod: 'GET', retry: NO_RETRY }));
      expect(errors).toHaveLength(5);
      const printed = errors.map((error) => `${inspect(error)}\n${(error as Error).message}`).join('\n');
      const signatures = signaturesSent();
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
      const error = await rejection(cloud.fetch(emulator.origin, known(), options), LookupInputError);
      expect(error).toMatchObject({ code: 'InvalidLookupInput', input });
      expect(emulator.stats.requests).toBe(0);
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
      await cloud.fetch(emulator.origin, known(), {}, {});
      expect(written.join('')).not.toContain('image-lookups debug');
    });

    test('an unknown value is an input error naming IMAGE_LOOKUPS_DEBUG, before any request', async () => {
      const error = await rejection(cloud.fetch(emulator.origin, known(), {}, { IMAGE_LOOKUPS_DEBUG: 'verbose' }), LookupInputError);
      expect(error.input).toBe('IMAGE_LOOKUPS_DEBUG');
      expect(emulator.stats.requests).toBe(0);
    });
  });
});
