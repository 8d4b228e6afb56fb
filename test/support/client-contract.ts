import { inspect } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Emulator, EmulatorFault } from '../../src/emulator';
import { LookupInputError } from '../../src/engine/errors';
import { describeImageIds } from '../../src/http/call-context';
import {
  LookupCallError, RedirectRefusedError, RequestFailedError, RequestTimeoutError, ResponseInvalidError, ResponseTooLargeError,
} from '../../src/http/errors';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../src/http/transport-options';
import { FAST_RETRY, type CloudUnderTest, type ContractCredentials, type ContractOptions } from './cloud-under-test';
import { asRecorded, startContractEmulator } from './clouds-under-test';
import { rejection } from './expect-errors';
import { answer, endlessBody, redirect, startFaultFront, type FaultFront, type WrittenBytes } from './fault-front';
import { closedPort, startRecordingProxy, type RecordingProxy } from './loopback-http';

/**
The contract of every signed client, run by each API's client test (`describeClientContract(cloud)`):
bounded attempts, no redirects, one retry policy (a stale signature re-signed once, an auth refusal
never retried), one batch skeleton, errors that name the call, secrets kept out of URLs, errors and
the debug log, and temporary credentials. Each test talks real HTTP to the emulator, whose fault
knobs stall, cut, reset, redirect or replace its answers.

A few tests go through a front on 127.0.0.1 instead, for what an emulator should not do: answer
with a body of the test's choosing (an API error with a chosen RequestId, an auth code inside a 503,
a malformed body), redirect to a relative Location, or count on the server side how much of an
endless body the client's socket accepted before it hung up.
*/

const NO_RETRY = { ...FAST_RETRY, retries: 0 };
const MiB = 1024 * 1024;
/** Refused by every cloud's emulator: a secret no key has, and a key ID nobody has. */
const WRONG_SECRET = 'notTheRightSecret0001';
const UNKNOWN_KEY_ID = 'nobodyHasThisKeyId0001';

export function describeClientContract(cloud: CloudUnderTest): void {
  describe(`${cloud.cloud} ${cloud.action} client: the contract of every signed client`, () => contract(cloud));
}

function contract(cloud: CloudUnderTest): void {
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
  /** GET where it is selectable (its signed query is what the URL-redaction tests are about); otherwise the API's POST. */
  const getIfSelectable: ContractOptions = cloud.getSelectable ? { httpMethod: 'GET' } : {};
  /** A test of GET's own behaviour: not run for an API that always POSTs. */
  const getTest = cloud.getSelectable ? test : undefined;
  /** Signatures of every request sent, to the emulator or to the front. */
  const signaturesSent = () => [...front.requests, ...emulator.recordedRequests.map(asRecorded)]
    .map(cloud.signatureOf).filter((value): value is string => Boolean(value));

  describe('every attempt is bounded', () => {
    test('a body that stalls after the headers ends the attempt at timeoutMs, not when the body resumes', async () => {
      emulator.injectFaults('stalledBody');
      // 2 s: long enough for the headers on a loaded CI machine, far shorter than the 10 s stall.
      const error = await rejection(cloud.fetch(emulator.origin, known(), { timeoutMs: 2000, retry: NO_RETRY }), RequestTimeoutError);
      expect(error).toMatchObject({ code: 'RequestTimeout', phase: 'body', status: 200, timeoutMs: 2000, timedOut: true, retryable: true, attempt: 1 });
      expect(error).toBeInstanceOf(RequestFailedError);
      expect(error.message).toContain('timeoutMs 2000');
      expect(emulator.stats.requests).toBe(1);
    });

    test('a stalled body is retried, and the retry brings the data', async () => {
      emulator.injectFaults('stalledBody');
      await expect(cloud.fetch(emulator.origin, known(), { timeoutMs: 2000 })).resolves.toEqual(known());
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

    getTest?.('a GET\'s Location carries its signed query: the error names the origin only', async () => {
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
      ['the API\'s internal error', 'internalError'],
      ['HTTP 503 with an HTML error page', 'serverError'],
    ];

    test.each(RETRIED)('%s, twice: retried, every attempt signed afresh, then the data', async (_what, fault) => {
      emulator.injectFaults(fault, 2);
      await expect(cloud.fetch(emulator.origin, known())).resolves.toEqual(known());
      expect(emulator.faultsAnswered).toEqual({ [fault]: 2 });
      const sent = emulator.recordedRequests.map(asRecorded);
      expect(sent).toHaveLength(3);
      if (cloud.nonceOf) {
        expect(new Set(sent.map(cloud.nonceOf)).size).toBe(3);
        expect(new Set(sent.map(cloud.signatureOf)).size).toBe(3);
      }
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

    test('an API error code in a 503 body is kept: the API\'s error, not InvalidResponse; an auth code there is not retried', async () => {
      const refusal = cloud.apiError('auth', 'req-in-503');
      front.inject(answer(503, refusal.body), 4);
      const error = await rejection(cloud.fetch(front.origin, known()), cloud.ApiError);
      expect(error).toMatchObject({ apiCode: refusal.apiCode, requestId: 'req-in-503', retryable: false });
      expect(error.message).toContain('503');
      expect(front.requests).toHaveLength(1);
    });
    test('mixed faults until the retries run out: retries + 1 requests, then the last error is thrown', async () => {
      const retries = 2;
      emulator.injectFaults('throttle', retries);
      emulator.injectFaults('internalError', 1);
      const [apiCode, status] = cloud.codes.internal;
      const error = await rejection(cloud.fetch(emulator.origin, known(), { retry: { ...FAST_RETRY, retries } }), cloud.ApiError);
      expect(error).toMatchObject({ apiCode, retryable: true, details: { status } });
      expect(emulator.stats.requests).toBe(retries + 1);
    });

    test('by default, 3 retries: 4 requests', async () => {
      emulator.injectFaults('throttle', 4);
      const [apiCode, status] = cloud.codes.throttle;
      const error = await rejection(cloud.fetch(emulator.origin, known(), { retry: { baseDelayMs: 1, maxDelayMs: 5 } }), cloud.ApiError);
      expect(error).toMatchObject({ apiCode, details: { status } });
      expect(emulator.stats.requests).toBe(4);
    });

    test('retries: 0 makes one request only', async () => {
      emulator.injectFaults('throttle', 1);
      await rejection(cloud.fetch(emulator.origin, known(), { retry: NO_RETRY }), cloud.ApiError);
      expect(emulator.stats.requests).toBe(1);
    });

    test('HTTP 503 on every attempt ends in a retryable ResponseInvalidError', async () => {
      emulator.injectFaults('serverError', 2);
      const error = await rejection(cloud.fetch(emulator.origin, known(), { retry: { ...FAST_RETRY, retries: 1 } }), ResponseInvalidError);
      expect(error).toMatchObject({ code: 'InvalidResponse', status: 503, retryable: true });
      expect(emulator.stats.requests).toBe(2);
    });

    test('dropped connections on every attempt end in RequestFailedError naming the endpoint only', async () => {
      emulator.injectFaults('networkDrop', 2);
      const error = await rejection(cloud.fetch(emulator.origin, known(), { ...getIfSelectable, retry: { ...FAST_RETRY, retries: 1 } }), RequestFailedError);
      expect(error).toMatchObject({ code: 'RequestFailed', timedOut: false });
      expect(error.message).toContain(`${emulator.origin}${cloud.apiPath}`);
      expect(inspect(error)).not.toContain(cloud.markers.keyId);
      expect(inspect(error)).not.toContain('Signature=');
      expect(emulator.stats.requests).toBe(2);
    });

    test(cloud.replayRefusal.resignsOnce
      ? 'a signature refused as stale (a server clock far ahead) is re-signed and sent exactly once more, then the refusal is thrown'
      : 'a signature refused as stale (a server clock far ahead) is an auth failure: thrown at once, naming the clock', async () => {
      const { apiCode, clockSkewMs, resignsOnce, props } = cloud.replayRefusal;
      const skewed = await startContractEmulator({ now: () => Date.now() + clockSkewMs });
      try {
        const error = await rejection(cloud.fetch(skewed.origin, known(), { retry: { ...FAST_RETRY, retries: 5 } }), cloud.ApiError);
        expect(error).toMatchObject({ apiCode, needsResign: resignsOnce, ...props });
        expect(skewed.stats.requests).toBe(resignsOnce ? 2 : 1);
        if (!resignsOnce) expect(error.message).toContain('clock');
      } finally {
        await skewed.stop();
      }
    });
  });

  describe('one batch skeleton: calls of at most maxIdsPerCall, bounded concurrency, an outcome per ID', () => {
    /** `maxIdsPerCall` unknown IDs and then the known one: two calls, run one after the other. */
    async function twoCalls(endpoint: string, options: ContractOptions = {}) {
      const outcomes = await cloud.lookup(endpoint, [...cloud.unknownImageIds(cloud.maxIdsPerCall), cloud.knownImageId], { concurrency: 1, ...options });
      return { first: outcomes.slice(0, cloud.maxIdsPerCall), second: outcomes[cloud.maxIdsPerCall] };
    }

    test('exactly maxIdsPerCall distinct IDs take one call, one more takes two', async () => {
      await cloud.lookup(emulator.origin, cloud.unknownImageIds(cloud.maxIdsPerCall));
      expect(emulator.stats.byAction).toEqual({ [cloud.action]: 1 });
      emulator.resetStats();
      await cloud.lookup(emulator.origin, cloud.unknownImageIds(cloud.maxIdsPerCall + 1));
      expect(emulator.stats.byAction).toEqual({ [cloud.action]: 2 });
    });

    // A one-call entry point of one image per call takes a string, not a list: nothing to refuse.
    if (cloud.maxIdsPerCall > 1) {
      test.each([0, cloud.maxIdsPerCall + 1])(`%i IDs are refused by the one-call entry point with a RangeError naming ${cloud.batchEntryPoint}, before any request`, async (count) => {
        const error = await rejection(cloud.fetch(emulator.origin, cloud.unknownImageIds(count)), RangeError);
        expect(error.message).toContain(cloud.batchEntryPoint);
        expect(emulator.stats.requests).toBe(0);
      });
    }

    test('a malformed ID in a later call stops every call: the error names it and its index', async () => {
      const imageIds = [...cloud.unknownImageIds(cloud.maxIdsPerCall + 4), cloud.malformedImageId];
      const error = await rejection(cloud.lookup(emulator.origin, imageIds), LookupInputError);
      expect(error.input).toBe(`imageIds[${cloud.maxIdsPerCall + 4}]`);
      expect(error.message).toContain(JSON.stringify(cloud.malformedImageId));
      expect(emulator.stats.requests).toBe(0);
    });

    test('onRequest is called once per HTTP request, retries included', async () => {
      let sent = 0;
      emulator.injectFaults('throttle', 1);
      await cloud.lookup(emulator.origin, cloud.unknownImageIds(cloud.maxIdsPerCall + 1), { concurrency: 1, onRequest: () => sent++ });
      expect(sent).toBe(3);
      expect(emulator.stats.requests).toBe(3);
    });

    test('progress is told of the calls planned and finished, of every retry, and of the throttled answers only', async () => {
      const told = { planned: 0, finished: 0, retries: 0, throttled: 0 };
      const progress = {
        callsPlanned: (count: number) => { told.planned += count; },
        callsFinished: (count = 1) => { told.finished += count; },
        retrying: () => { told.retries++; },
        throttled: () => { told.throttled++; },
      };
      // Three calls, one at a time: the API's throttling, a gateway's 429, then a server fault that is not throttling.
      emulator.injectFaults('throttle', 1);
      emulator.injectFaults('http429', 1);
      emulator.injectFaults('serverError', 1);
      await cloud.lookup(emulator.origin, cloud.unknownImageIds(cloud.maxIdsPerCall * 2 + 1), { concurrency: 1, progress });
      expect(told).toEqual({ planned: 3, finished: 3, retries: 3, throttled: 2 });
      expect(emulator.stats.requests).toBe(6);
      expect(emulator.faultsAnswered).toEqual({ throttle: 1, http429: 1, serverError: 1 });
    });

    test('a call that runs out of retries fails only its own IDs; the next call\'s answers are kept', async () => {
      emulator.injectFaults('serverError', 2); // the first call's two attempts
      const { first, second } = await twoCalls(emulator.origin, { retry: { ...FAST_RETRY, retries: 1 } });
      for (const outcome of first) {
        expect(outcome.outcome).toBe('error');
        expect(outcome.error).toBeInstanceOf(ResponseInvalidError);
        expect(outcome.error).toMatchObject({ status: 503, retryable: true });
      }
      expect(second).toMatchObject({ imageId: cloud.knownImageId, outcome: 'found' });
      expect(emulator.stats.requests).toBe(3);
    });

    test('an answer of the wrong shape: InvalidResponse naming the field, not retried, and it fails only its own call', async () => {
      const { body, field } = cloud.malformedAnswer();
      front.inject(answer(200, body));
      const { first, second } = await twoCalls(front.origin);
      for (const outcome of first) {
        expect(outcome.outcome).toBe('error');
        expect(outcome.error).toBeInstanceOf(ResponseInvalidError);
        expect(outcome.error).toMatchObject({ code: 'InvalidResponse', field, retryable: false, status: 200, attempt: 1 });
      }
      // The next call was still sent, and its answer kept.
      expect(second).toMatchObject({ imageId: cloud.knownImageId, outcome: 'found' });
      expect(front.requests).toHaveLength(2);
    });

    test('a refusal no retry can fix is reported for every ID, and the calls not started yet are not sent', async () => {
      const imageIds = cloud.unknownImageIds(3 * cloud.maxIdsPerCall);
      const outcomes = await cloud.lookup(emulator.origin, imageIds, { concurrency: 1, credentials: { keySecret: WRONG_SECRET } });
      expect(outcomes.map((outcome) => outcome.imageId)).toEqual(imageIds);
      for (const outcome of outcomes) {
        expect(outcome.outcome).toBe('error');
        expect(outcome.error).toBeInstanceOf(cloud.ApiError);
        expect(outcome.error).toMatchObject({ apiCode: cloud.codes.wrongSecret[0] });
      }
      // With concurrency 1 the second call waits for the first; after a refusal no retry can fix, it is not sent.
      expect(emulator.stats.requests).toBe(1);
    });

    describe('bounded concurrency', () => {
      /** Long enough that calls started together overlap at the proxy; nothing asserts on time. */
      const LATENCY_MS = 150;
      let proxy: RecordingProxy;
      beforeEach(async () => {
        emulator.setLatency(LATENCY_MS);
        proxy = await startRecordingProxy(emulator.origin);
      });
      afterEach(async () => {
        await proxy.stop();
      });

      test.each([
        [1, 1],
        [2, 2],
        [undefined, 4],
      ])('concurrency %p: at most %i calls in flight, same result', async (concurrency, bound) => {
        const fiveCallsOfIds = cloud.unknownImageIds(5 * cloud.maxIdsPerCall);
        const outcomes = await cloud.lookup(proxy.origin, fiveCallsOfIds, { concurrency });
        expect(outcomes.map((outcome) => outcome.imageId)).toEqual(fiveCallsOfIds);
        expect(emulator.stats.requests).toBe(5);
        expect(proxy.maxInFlight).toBeLessThanOrEqual(bound);
        // Calls are really run side by side up to the bound (5 calls are ready at once).
        expect(proxy.maxInFlight).toBe(bound);
      });
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
      // The hint names the setting to check.
      expect(error.message).toContain(`The endpoint ${endpoint} comes from the endpoint prop.`);
    });

    test(`a refused connection to an endpoint from ${cloud.env.endpoint}: the hint names the env var`, async () => {
      const endpoint = `http://127.0.0.1:${await closedPort()}`;
      const error = await rejection(cloud.fetch(undefined, known(), { retry: NO_RETRY }, { [cloud.env.endpoint]: endpoint }), RequestFailedError);
      expect(error.networkCode).toBe('ECONNREFUSED');
      expect(error.message).toContain(`is the server running (for a loopback endpoint, the emulator`);
      expect(error.message).toContain(`The endpoint ${endpoint} comes from ${cloud.env.endpoint}.`);
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
      await capture(cloud.fetch(front.origin, known(), getIfSelectable));
      emulator.injectFaults('redirect307');
      await capture(cloud.fetch(emulator.origin, known(), getIfSelectable));
      emulator.injectFaults('stalledBody');
      await capture(cloud.fetch(emulator.origin, known(), { ...getIfSelectable, timeoutMs: 100, retry: NO_RETRY }));
      emulator.injectFaults('connectionReset');
      await capture(cloud.fetch(emulator.origin, known(), { ...getIfSelectable, retry: NO_RETRY }));
      await capture(cloud.fetch(`http://127.0.0.1:${await closedPort()}`, known(), { ...getIfSelectable, retry: NO_RETRY }));
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
      ['httpMethod', { httpMethod: 'PUT' }],
      ['timeoutMs', { timeoutMs: 0 }],
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
      // GET, where selectable: the signature and key ID are in the URL, which must not be logged as sent.
      await cloud.fetch(front.origin, known(), getIfSelectable, { IMAGE_LOOKUPS_DEBUG: '1' });
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

  describe('timeouts', () => {
    const TIMEOUT_MS = 50;
    /** Far above the timeout; the emulator's stop() cuts it short. */
    const SLOW_ANSWER_MS = 10_000;
    beforeEach(() => {
      emulator.setLatency(SLOW_ANSWER_MS);
    });

    test('no answer within timeoutMs: RequestFailedError with code RequestTimeout, naming the endpoint', async () => {
      const error = await rejection(cloud.fetch(emulator.origin, known(), { timeoutMs: TIMEOUT_MS, retry: NO_RETRY }), RequestFailedError);
      expect(error).toMatchObject({ code: 'RequestTimeout', timedOut: true, retryable: true, endpoint: `${emulator.origin}${cloud.apiPath}` });
      expect(emulator.stats.requests).toBe(1);
    });

    test('a timeout is retried', async () => {
      await rejection(cloud.fetch(emulator.origin, known(), { timeoutMs: TIMEOUT_MS, retry: { ...FAST_RETRY, retries: 1 } }), RequestFailedError);
      expect(emulator.stats.requests).toBe(2);
    });

    getTest?.('a GET timeout message names the endpoint without the query (which holds the key ID and the signature)', async () => {
      const error = await rejection(cloud.fetch(emulator.origin, known(), { httpMethod: 'GET', timeoutMs: TIMEOUT_MS, retry: NO_RETRY }), RequestFailedError);
      expect(error.message).not.toContain(cloud.markers.keyId);
      expect(error.message).not.toContain('Signature');
    });

    // ky's TimeoutError says `Request timed out: GET <full URL>`, query included: it must not be kept as the cause.
    getTest?.('a GET timeout error carries neither the key ID nor the signature, cause included', async () => {
      const error = await rejection(cloud.fetch(emulator.origin, known(), { httpMethod: 'GET', timeoutMs: TIMEOUT_MS, retry: NO_RETRY }), RequestFailedError);
      const printed = inspect(error);
      expect(printed).not.toContain(cloud.markers.keyId);
      expect(printed).not.toContain('Signature=');
    });
  });

  describe('secrets in the request', () => {
    test('POST, the default, keeps the key ID and the signature out of the URL (in the body or the headers)', async () => {
      await cloud.fetch(emulator.origin, known());
      const [sent] = emulator.recordedRequests.map(asRecorded);
      expect(sent.method).toBe('POST');
      expect(sent.url).toBe(cloud.apiPath);
      expect(sent.headers['content-type']).toBe(cloud.contentType);
      expect(cloud.keyIdOf(sent)).toBe(cloud.markers.keyId);
      expect(cloud.signatureOf(sent)).toBeTruthy();
    });

    getTest?.('GET, by contrast, puts them in the URL', async () => {
      await cloud.fetch(emulator.origin, known(), { httpMethod: 'GET' });
      const sent = asRecorded(emulator.recordedRequests[0]);
      const url = new URL(sent.url, 'http://recorded');
      expect(url.pathname).toBe(cloud.apiPath);
      expect(cloud.keyIdOf(sent)).toBe(cloud.markers.keyId);
      expect(url.searchParams.get('Signature')).toBeTruthy();
    });
  });

  describe('refusals that are never retried', () => {
    test.each<[string, 'wrongSecret' | 'unknownKeyId', ContractCredentials]>([
      ['a signature made with the wrong secret', 'wrongSecret', { keySecret: WRONG_SECRET }],
      ['an unknown key ID', 'unknownKeyId', { keyId: UNKNOWN_KEY_ID }],
    ])('%s: one request, the API\'s error naming the call and the credential env vars, without a secret', async (_what, refusal, credentials) => {
      const [apiCode, status] = cloud.codes[refusal];
      // Two images where a call takes a list, to see the error name them all.
      const imageIds = [cloud.knownImageId, ...cloud.unknownImageIds(Math.min(1, cloud.maxIdsPerCall - 1))];
      const error = await rejection(cloud.fetch(emulator.origin, imageIds, { credentials, retry: { ...FAST_RETRY, retries: 5 } }), cloud.ApiError);

      expect(error).toMatchObject({ code: cloud.ApiError.name, apiCode, retryable: false, needsResign: false, attempt: 1 });
      expect(error).toMatchObject({ details: { apiCode, status, action: cloud.action, region: cloud.region, imageIds } });
      for (const part of [String(apiCode), cloud.knownImageId, ...cloud.credentialHints]) expect(error.message).toContain(part);
      expect(emulator.stats.requests).toBe(1);

      // Neither message nor error holds the secret, the key ID or the signature sent, nor the token.
      const sent = asRecorded(emulator.recordedRequests[0]);
      const printed = `${error.message}\n${inspect(error)}`;
      for (const secret of [credentials.keySecret ?? cloud.markers.keySecret, cloud.keyIdOf(sent)!, cloud.signatureOf(sent)!, cloud.markers.securityToken]) {
        expect(printed).not.toContain(secret);
      }
    });
  });

  describe('temporary credentials (security token)', () => {
    const tokenSent = () => cloud.tokenOf(asRecorded(emulator.recordedRequests[0]));

    test('the securityToken prop is sent and accepted', async () => {
      await expect(cloud.fetch(emulator.origin, known())).resolves.toEqual(known());
      expect(tokenSent()).toBe(cloud.markers.securityToken);
    });

    test(`the securityToken prop wins over ${cloud.env.token}`, async () => {
      await expect(cloud.fetch(emulator.origin, known(), {}, { [cloud.env.token]: 'stale-token' })).resolves.toEqual(known());
      expect(tokenSent()).toBe(cloud.markers.securityToken);
    });

    test('a plain key sends no token', async () => {
      await expect(cloud.fetch(emulator.origin, known(), { credentials: { ...cloud.plainKey, securityToken: undefined } })).resolves.toEqual(known());
      expect(tokenSent()).toBeNull();
    });

    test.each([
      ['without a token', undefined],
      ['with another token', 'stale-token'],
    ])('%s: the API\'s refusal, not retried, naming the token env var, without a secret', async (_what, securityToken) => {
      const error = await rejection(cloud.fetch(emulator.origin, known(), { credentials: { securityToken }, retry: { ...FAST_RETRY, retries: 5 } }), cloud.ApiError);
      expect(error).toMatchObject({ apiCode: cloud.codes.tokenMismatch[0], retryable: false });
      expect(emulator.stats.requests).toBe(1);
      expect(error.message).toContain(cloud.env.token);
      for (const secret of [...cloud.secrets, 'stale-token']) expect(inspect(error)).not.toContain(secret);
    });
  });
}
