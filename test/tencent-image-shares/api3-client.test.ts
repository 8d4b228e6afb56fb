import { performance } from 'node:perf_hooks';
import { inspect } from 'node:util';
import { Emulator, type EmulatorFault } from '../../src/emulator';
import { LookupInputError } from '../../src/engine/errors';
import type { FetchProgress } from '../../src/engine/lookup-provider';
import { ResponseInvalidError } from '../../src/http/errors';
import { TencentImageShareClient, TencentApiError, resolveTencentClientConfig, type TencentImageShareClientOptions } from '../../src/tencent-image-shares';
import { TencentSharePermissionClient } from '../../src/tencent-image-shares/api3-client';
import { TencentApi3Error } from '../../src/tencent-image-shares/api3-error';
import { parseTc3Authorization, signTc3 } from '../../src/tencent-image-shares/tc3-signature';
import { describeClientContract } from '../support/client-contract';
import { rejection } from '../support/expect-errors';
import { isolateEnv } from '../support/fixtures';
import { cannedServers, closedPort, type CannedResponse, type LoopbackServer, type RecordedRequest } from '../support/loopback-http';
import { findLeaks } from '../support/secret-scan';
import { cloudUnderTest as API3_CLOUD } from './api3-cloud-under-test';
import { OFFICIAL_EXAMPLE_IMAGE_ID, TEST_CREDENTIALS, TEST_DATA } from './fixtures';

const REGION = 'ap-guangzhou';
/** A region the emulator data does not have: API 3.0 answers UnsupportedRegion. */
const REGION_NOT_IN_DATA = 'ap-beijing';
const ACTION = 'DescribeImageSharePermission';
/** Tiny backoff so retried tests stay fast; no test measures time. */
const FAST_RETRY = { retries: 3, baseDelayMs: 1, maxDelayMs: 5 } as const;
/** As fast as the client allows, for tests not about pacing (their emulator enforces no limit). */
const UNPACED = 1000;

const SHARED_TWICE = OFFICIAL_EXAMPLE_IMAGE_ID;
const SHARED_ONCE = 'img-6pb6lrmy';
const SHARED_WITH_NOBODY = 'img-2xk9q7dm';
const UNKNOWN = 'img-unk00001';

/** A temporary key: its token is required. */
const TEMPORARY_KEY = { secretId: 'AKIDapi3TemporaryKey01', secretKey: 'api3TemporarySecretKey01', securityToken: 'api3TemporaryToken0001' };
/** One key per pacing test, so no test inherits another's pacer. */
const PACING_KEYS = Array.from({ length: 4 }, (_, index) => ({ secretId: `AKIDapi3Pacing0000${index}`, secretKey: `api3PacingSecretKey0${index}` }));

/** The test account, with API 3.0's rate limit as given (off unless a test is about it). */
function emulatorData(tencent: { api3RequestsPerSecond?: number; legacyApiRetired?: boolean } = {}) {
  return {
    credentials: {
      tencent: [
        TEST_CREDENTIALS,
        { secretId: TEMPORARY_KEY.secretId, secretKey: TEMPORARY_KEY.secretKey, token: TEMPORARY_KEY.securityToken },
        ...PACING_KEYS,
      ],
    },
    tencent: { ...TEST_DATA.tencent, api3RequestsPerSecond: 0, ...tencent },
  };
}

/** What API 3.0 answers for an image of the test data: v2's Beijing share times as UTC, and v2's text derived back. */
const EXPECTED_SHARES: Record<string, unknown> = {
  [SHARED_TWICE]: [
    { uin: '1621874004', sharedAt: '2016-01-13T07:16:53Z', shareTimeStamp: '2016-01-13 15:16:53' },
    { uin: '877354327', sharedAt: '2016-01-18T05:14:17Z', shareTimeStamp: '2016-01-18 13:14:17' },
  ],
  [SHARED_ONCE]: [{ uin: '3000000001', sharedAt: '2024-03-04T02:21:08Z', shareTimeStamp: '2024-03-04 10:21:08' }],
  [SHARED_WITH_NOBODY]: [],
};

/** Counts of what a client tells its `progress`. */
function progressCounter() {
  const told = { planned: 0, finished: 0, retries: 0, throttled: 0 };
  const progress: FetchProgress = {
    callsPlanned: (count) => { told.planned += count; },
    callsFinished: (count = 1) => { told.finished += count; },
    retrying: () => { told.retries++; },
    throttled: () => { told.throttled++; },
  };
  return { told, progress };
}

/** The header of a recorded request, as one string. */
function headerOf(request: RecordedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Checks a recorded request's Authorization the way the server does, from what was received. */
function expectSignedAsReceived(request: RecordedRequest, credentials: { secretId: string; secretKey: string }): string {
  const authorization = parseTc3Authorization(headerOf(request, 'authorization'));
  expect(authorization).toBeDefined();
  const timestamp = Number(headerOf(request, 'x-tc-timestamp'));
  const expected = signTc3({
    ...credentials, service: 'cvm', host: headerOf(request, 'host')!, contentType: headerOf(request, 'content-type')!, payload: request.body, timestamp,
  });
  expect(headerOf(request, 'authorization')).toBe(expected.authorization);
  expect(authorization!.credentialScope).toBe(`${new Date(timestamp * 1000).toISOString().slice(0, 10)}/cvm/tc3_request`);
  return authorization!.signature;
}

// Retries, faults, timeouts, refusals, secrets, tokens and batching: what every signed client does.
describeClientContract(API3_CLOUD);

isolateEnv();

describe('TencentSharePermissionClient (CVM API 3.0 DescribeImageSharePermission)', () => {
  let emulator: Emulator;
  let emulatorLog: string[];
  beforeEach(async () => {
    emulatorLog = [];
    emulator = await Emulator.start({ data: emulatorData(), recordRequests: true, log: (line) => emulatorLog.push(line) });
  });
  afterEach(async () => {
    await emulator.stop();
  });

  function client(options: Partial<TencentImageShareClientOptions> = {}, env: NodeJS.ProcessEnv = {}): TencentSharePermissionClient {
    return new TencentSharePermissionClient({
      region: REGION, endpoint: emulator.origin, ...TEST_CREDENTIALS, retry: FAST_RETRY, requestsPerSecond: UNPACED, ...options,
    }, env);
  }

  describe('answers', () => {
    test('describeImageSharePermission: AccountId as the uin, CreatedTime (UTC) as sharedAt, shareTimeStamp in the v2 form; one request', async () => {
      const answer = await client().describeImageSharePermission(SHARED_TWICE);
      expect(answer).toEqual({ imageId: SHARED_TWICE, shares: EXPECTED_SHARES[SHARED_TWICE], requestId: expect.any(String) });
      // The v2 API's own text for the same data: the same sharing reads alike on both APIs.
      expect(answer.shares.map((share) => share.shareTimeStamp))
        .toEqual(TEST_DATA.tencent.regions[REGION][SHARED_TWICE].map((share) => share.shareTimeStamp));
      expect(emulator.stats).toEqual({ requests: 1, byAction: { [ACTION]: 1 } });
    });

    test('lookupImageShares: one call per distinct image, every ID reported; unknown ones are not found, not errors', async () => {
      const { told, progress } = progressCounter();
      const result = await client({ progress }).lookupImageShares([SHARED_TWICE, UNKNOWN, SHARED_WITH_NOBODY, SHARED_TWICE, SHARED_ONCE, UNKNOWN]);
      const endpoint = `${emulator.origin}/`;
      expect(result).toEqual({
        calls: 4,
        images: [
          { imageId: SHARED_TWICE, outcome: 'found', value: { imageId: SHARED_TWICE, shares: EXPECTED_SHARES[SHARED_TWICE] }, endpoint },
          { imageId: UNKNOWN, outcome: 'notFound', endpoint },
          { imageId: SHARED_WITH_NOBODY, outcome: 'found', value: { imageId: SHARED_WITH_NOBODY, shares: [] }, endpoint },
          { imageId: SHARED_ONCE, outcome: 'found', value: { imageId: SHARED_ONCE, shares: EXPECTED_SHARES[SHARED_ONCE] }, endpoint },
        ],
      });
      expect(emulator.stats).toEqual({ requests: 4, byAction: { [ACTION]: 4 } });
      expect(emulatorLog.filter((line) => line.includes('InvalidImageId.NotFound'))).toHaveLength(1);
      expect(told).toEqual({ planned: 4, finished: 4, retries: 0, throttled: 0 });
    });

    test('describeImageSharePermission of an unknown image: InvalidImageId.NotFound, marked isNotFound, not retried', async () => {
      const error = await rejection(client().describeImageSharePermission(UNKNOWN), TencentApi3Error);
      expect(error).toMatchObject({ code: 'TencentApi3Error', apiCode: 'InvalidImageId.NotFound', isNotFound: true, retryable: false, requestId: expect.any(String) });
      expect(emulator.stats.requests).toBe(1);
    });

    test('an emptyResult answer is an image shared with nobody', async () => {
      emulator.injectFaults('emptyResult');
      await expect(client().describeImageSharePermission(SHARED_TWICE)).resolves.toMatchObject({ imageId: SHARED_TWICE, shares: [] });
    });

    test('no IDs: no request, no calls', async () => {
      await expect(client().lookupImageShares([])).resolves.toEqual({ images: [], calls: 0 });
      expect(emulator.stats.requests).toBe(0);
    });
  });

  describe('bad inputs are refused before any request', () => {
    test('lookupImageShares names the bad ID by its index', async () => {
      const error = await rejection(client().lookupImageShares([SHARED_TWICE, 'img-JGGGRVA9']), LookupInputError);
      expect(error.input).toBe('imageIds[1]');
      expect(emulator.stats.requests).toBe(0);
    });

    test.each(['', 'img-1234567', ' img-jgggrva9', 'ami-12345678'])('describeImageSharePermission refuses %j', async (imageId) => {
      const error = await rejection(client().describeImageSharePermission(imageId), LookupInputError);
      expect(error.input).toBe('imageId');
      expect(emulator.stats.requests).toBe(0);
    });

    test('an unchecked malformed ID reaches the API: InvalidImageId.Malformed, not retried, the hint gives the shape', async () => {
      const result = await client({ retry: { ...FAST_RETRY, retries: 5 } }).lookupImageSharesUnchecked(['img-BAD00001']);
      const { error } = result.images[0] as { error: TencentApi3Error };
      expect(error).toBeInstanceOf(TencentApi3Error);
      expect(error).toMatchObject({ apiCode: 'InvalidImageId.Malformed', retryable: false, isNotFound: false });
      expect(error.message).toContain('img- followed by 8 lowercase letters or digits');
      expect(emulator.stats.requests).toBe(1);
    });
  });

  describe('configuration: always API 3.0', () => {
    test('IMAGE_LOOKUPS_TENCENT_API does not change this client\'s API, and only TENCENTCLOUD_CVM_ENDPOINT overrides its endpoint', async () => {
      const env = { IMAGE_LOOKUPS_TENCENT_API: 'GetImageShareUinInfo', TENCENTCLOUD_CVM_ENDPOINT: emulator.origin, TENCENTCLOUD_IMAGE_ENDPOINT: 'http://127.0.0.1:1' };
      const viaEnv = client({ endpoint: undefined }, env);
      expect(viaEnv.config).toMatchObject({ api: ACTION, httpMethod: 'POST', endpoint: { url: `${emulator.origin}/`, source: 'TENCENTCLOUD_CVM_ENDPOINT' } });
      await expect(viaEnv.describeImageSharePermission(SHARED_ONCE)).resolves.toMatchObject({ imageId: SHARED_ONCE });
      expect(emulator.stats.requests).toBe(1);
    });

    test('the vendor\'s endpoint by default, the regional one in a finance region', () => {
      expect(client({ endpoint: undefined }).config.endpoint).toMatchObject({ url: 'https://cvm.tencentcloudapi.com/', host: 'cvm.tencentcloudapi.com' });
      expect(client({ endpoint: undefined, region: 'ap-shanghai-fsi' }).config.endpoint.host).toBe('cvm.ap-shanghai-fsi.tencentcloudapi.com');
    });

    test('an api prop of the other API, or an engine config of it, is refused naming api', () => {
      expect(() => client({ api: 'GetImageShareUinInfo' })).toThrow(LookupInputError);
      const legacy = resolveTencentClientConfig({ region: REGION, endpoint: emulator.origin, ...TEST_CREDENTIALS }, {});
      let error: unknown;
      try {
        new TencentSharePermissionClient({ config: legacy }, {});
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(LookupInputError);
      expect(error).toMatchObject({ input: 'api' });
      expect((error as Error).message).toContain('TencentImageShareClient');
    });

    test('an engine config of API 3.0 is taken as it is', async () => {
      const config = resolveTencentClientConfig({ api: ACTION, region: REGION, endpoint: emulator.origin, ...TEST_CREDENTIALS, requestsPerSecond: UNPACED }, {});
      await expect(new TencentSharePermissionClient({ config }, {}).describeImageSharePermission(SHARED_ONCE)).resolves.toMatchObject({ imageId: SHARED_ONCE });
    });
  });

  describe('the request on the wire (a canned loopback server)', () => {
    const startCanned = cannedServers();
    const OK: CannedResponse = { body: { Response: { SharePermissionSet: [], RequestId: 'req-canned-ok' } } };

    test('POST / with a JSON body, the X-TC-* headers, and a TC3 Authorization that verifies over what was received', async () => {
      const canned = await startCanned(() => OK);
      await client({ endpoint: canned.origin }).describeImageSharePermission(SHARED_ONCE);
      expect(canned.requests).toHaveLength(1);
      const [sent] = canned.requests;
      expect(sent).toMatchObject({ method: 'POST', url: '/', body: `{"ImageId":"${SHARED_ONCE}"}` });
      expect(sent.headers).toMatchObject({
        'content-type': 'application/json; charset=utf-8',
        host: new URL(canned.origin).host,
        'x-tc-action': ACTION,
        'x-tc-version': '2017-03-12',
        'x-tc-region': REGION,
        'x-tc-language': 'en-US',
        'x-tc-timestamp': expect.stringMatching(/^\d{10}$/),
      });
      expect(Math.abs(Number(headerOf(sent, 'x-tc-timestamp')) - Date.now() / 1000)).toBeLessThan(60);
      expect(sent.headers['x-tc-token']).toBeUndefined();
      expectSignedAsReceived(sent, TEST_CREDENTIALS);
      // Nothing secret in the URL; the SecretId only in the Authorization header.
      expect(sent.url).not.toContain(TEST_CREDENTIALS.secretId);
      expect(sent.body).not.toContain(TEST_CREDENTIALS.secretId);
    });

    test('every attempt is signed afresh: a retry carries the timestamp of its own send, and its signature verifies for it', async () => {
      // The clock moves 2 s per request, so each attempt's X-TC-Timestamp must differ from the last.
      const realNow = Date.now.bind(Date);
      let skewMs = 0;
      const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + skewMs);
      try {
        const canned = await startCanned(() => {
          skewMs += 2000;
          return canned.requests.length < 3
            ? { body: { Response: { Error: { Code: 'InternalError', Message: 'retry later' }, RequestId: `req-${canned.requests.length}` } } }
            : OK;
        });
        await client({ endpoint: canned.origin }).describeImageSharePermission(SHARED_ONCE);
        expect(canned.requests).toHaveLength(3);
        const timestamps = canned.requests.map((request) => Number(headerOf(request, 'x-tc-timestamp')));
        expect(timestamps[1]).toBeGreaterThan(timestamps[0]);
        expect(timestamps[2]).toBeGreaterThan(timestamps[1]);
        const signatures = canned.requests.map((request) => expectSignedAsReceived(request, TEST_CREDENTIALS));
        expect(new Set(signatures).size).toBe(3);
      } finally {
        clock.mockRestore();
      }
    });

    test('IMAGE_LOOKUPS_DEBUG=1 logs the attempts without the Authorization header, its signature or any key', async () => {
      const written: string[] = [];
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      });
      try {
        const canned = await startCanned(() => (canned.requests.length === 1
          ? { status: 429, body: { Response: { Error: { Code: 'RequestLimitExceeded', Message: 'slow down' }, RequestId: 'req-debug-1' } } }
          : OK));
        await client({ endpoint: canned.origin, ...TEMPORARY_KEY }, { IMAGE_LOOKUPS_DEBUG: '1' }).describeImageSharePermission(SHARED_ONCE);
        const log = written.join('');
        expect(log).toContain(`Tencent Cloud ${ACTION} region=${REGION} images=${SHARED_ONCE} attempt=1 request POST ${canned.origin}/`);
        expect(log).toContain('apiCode=RequestLimitExceeded');
        expect(log).toContain('requestId=req-debug-1');
        const signatures = canned.requests.map((request) => parseTc3Authorization(headerOf(request, 'authorization'))!.signature);
        expect(findLeaks([{ where: 'stderr', text: log }], { ...TEMPORARY_KEY, signature0: signatures[0], signature1: signatures[1] })).toEqual([]);
        expect(log).not.toMatch(/authorization|TC3-HMAC/i);
      } finally {
        stderr.mockRestore();
      }
    });
  });

  // The credential refusals (wrong key, unknown SecretId, missing or stale token), the clock, and the
  // generic faults (HTML pages, empty and truncated bodies, resets) are the contract's, above.
  describe('refusals of the emulator', () => {
    test('a region the API does not serve: UnsupportedRegion, never retried; the hint names TENCENTCLOUD_REGION; RequestId kept; no secret', async () => {
      const error = await rejection(client({ region: REGION_NOT_IN_DATA, retry: { ...FAST_RETRY, retries: 5 } }).describeImageSharePermission(SHARED_TWICE), TencentApi3Error);
      expect(error).toMatchObject({ code: 'TencentApi3Error', apiCode: 'UnsupportedRegion', retryable: false, needsResign: false, throttled: false, attempt: 1 });
      expect(error.details).toMatchObject({ apiCode: 'UnsupportedRegion', status: 200, action: ACTION, region: REGION_NOT_IN_DATA, imageIds: [SHARED_TWICE] });
      expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(error.message).toContain(`RequestId ${error.requestId}`);
      expect(error.message).toContain('TENCENTCLOUD_REGION');
      expect(emulator.stats.requests).toBe(1);
      const signature = parseTc3Authorization(emulator.recordedRequests[0].headers.authorization as string)!.signature;
      expect(findLeaks([{ where: 'error', text: `${error.message}\n${inspect(error)}` }], { ...TEST_CREDENTIALS, signature })).toEqual([]);
    });
  });

  describe('API 3.0\'s own faults are retried until the data comes', () => {
    test.each<[EmulatorFault, boolean]>([
      ['throttle', true], ['throttleApi', true], ['throttleGeneric', true], ['errorWith200', true], ['apiError429', true],
      ['internalError', false], ['apiError502', false], ['apiError503', false],
    ])('%s, twice: three requests, then the data (throttled: %s)', async (fault, throttled) => {
      emulator.injectFaults(fault, 2);
      const { told, progress } = progressCounter();
      await expect(client({ progress }).describeImageSharePermission(SHARED_ONCE)).resolves.toMatchObject({ shares: EXPECTED_SHARES[SHARED_ONCE] });
      expect(emulator.faultsAnswered).toEqual({ [fault]: 2 });
      expect(emulator.stats.requests).toBe(3);
      expect(told).toMatchObject({ retries: 2, throttled: throttled ? 2 : 0 });
    });

    test('retries exhausted on throttling: throttled, and the hint names requestsPerSecond', async () => {
      emulator.injectFaults('throttle', 2);
      const error = await rejection(client({ retry: { ...FAST_RETRY, retries: 1 } }).describeImageSharePermission(SHARED_ONCE), TencentApi3Error);
      expect(error).toMatchObject({ apiCode: 'RequestLimitExceeded.UinLimitExceeded', retryable: true, throttled: true, attempt: 2 });
      expect(error.message).toContain('requestsPerSecond');
      expect(error.message).toContain('IMAGE_LOOKUPS_TENCENT_API3_RPS');
    });
  });

  describe('answers of the wrong shape are never data', () => {
    test.each<[EmulatorFault, string]>([
      ['wrongTypes', 'Response.SharePermissionSet[0].AccountId'],
      ['partialBatch', 'Response.SharePermissionSet'],
    ])('%s: an InvalidResponse naming %s, not retried, an error outcome (never "not found")', async (fault, field) => {
      emulator.injectFaults(fault);
      const result = await client().lookupImageShares([SHARED_TWICE]);
      const outcome = result.images[0] as { outcome: string; error: ResponseInvalidError };
      expect(outcome.outcome).toBe('error');
      expect(outcome.error).toBeInstanceOf(ResponseInvalidError);
      expect(outcome.error).toMatchObject({ code: 'InvalidResponse', field, retryable: false, status: 200, requestId: expect.any(String) });
      expect(outcome.error.message).toContain(field);
      expect(outcome.error.message).toContain(`${emulator.origin}/`);
      expect(emulator.stats.requests).toBe(1);
    });
  });

  describe('codes and answers only a canned server gives', () => {
    const startCanned = cannedServers();
    let canned: LoopbackServer | undefined;
    afterEach(() => {
      canned = undefined;
    });

    /** A client of a canned server answering `answer` to every request. */
    async function cannedClient(answer: CannedResponse | ((request: RecordedRequest) => CannedResponse), options: Partial<TencentImageShareClientOptions> = {}) {
      canned = await startCanned(typeof answer === 'function' ? answer : () => answer);
      return client({ endpoint: canned.origin, ...options });
    }
    const errorBody = (code: string, requestId = 'req-canned-1', message = `${code} answer`) => ({ Response: { Error: { Code: code, Message: message }, RequestId: requestId } });

    test.each<[string, number, string | undefined]>([
      ['UnauthorizedOperation', 200, 'cvm:DescribeImageSharePermission'],
      ['AuthFailure.UnauthorizedOperation', 200, 'cvm:DescribeImageSharePermission'],
      ['UnauthorizedOperation.CamNoAuth', 200, 'cvm:DescribeImageSharePermission'],
      ['AuthFailure.InvalidSecretId', 200, 'TENCENTCLOUD_SECRET_ID'],
      ['AuthFailure.InvalidAuthorization', 200, 'TENCENTCLOUD_SECRET_KEY'],
      ['AuthFailure.SomethingNew', 200, 'TENCENTCLOUD_SECRET_ID'],
      ['AuthFailure.SignatureFailure', 503, 'TENCENTCLOUD_SECRET_KEY'],
      ['InvalidImageId.Malformed', 200, 'img- followed by 8 lowercase letters or digits'],
      ['InvalidParameter', 200, 'report this with its RequestId'],
      ['InvalidParameterValue.Range', 500, 'report this with its RequestId'],
      ['MissingParameter', 200, 'report this with its RequestId'],
      ['UnsupportedRegion', 200, 'TENCENTCLOUD_REGION'],
      ['InvalidAction', 200, 'TENCENTCLOUD_CVM_ENDPOINT'],
      ['NoSuchVersion', 200, 'TENCENTCLOUD_CVM_ENDPOINT'],
      ['FailedOperation.Undocumented', 200, undefined],
    ])('%s (HTTP %i): never retried, with its hint and RequestId', async (apiCode, status, hint) => {
      const error = await rejection((await cannedClient({ status, body: errorBody(apiCode) }, { retry: { ...FAST_RETRY, retries: 5 } }))
        .describeImageSharePermission(SHARED_ONCE), TencentApi3Error);
      expect(error).toMatchObject({ apiCode, retryable: false, throttled: false, requestId: 'req-canned-1', details: { status, apiMessage: `${apiCode} answer` } });
      expect(error.message).toContain(`The API answered ${apiCode}`);
      expect(error.message).toContain('RequestId req-canned-1');
      if (status !== 200) expect(error.message).toContain(`HTTP ${status}`);
      if (hint) expect(error.message).toContain(hint);
      expect(canned!.requests).toHaveLength(1);
    });

    test('UnauthorizedOperation names the permission and the CAM policy that grants it', async () => {
      const error = await rejection((await cannedClient({ body: errorBody('UnauthorizedOperation') })).describeImageSharePermission(SHARED_ONCE), TencentApi3Error);
      expect(error.message).toContain('needs the permission cvm:DescribeImageSharePermission');
      expect(error.message).toContain('"action":["cvm:DescribeImageSharePermission"]');
    });

    test.each<[string, number, boolean]>([
      ['InternalError', 200, false],
      ['InternalError.DbFailure', 200, false],
      ['ServiceUnavailable', 200, false],
      ['RequestLimitExceeded', 200, true],
      ['RequestLimitExceeded.UinLimitExceeded', 200, true],
      ['RequestLimitExceeded.IPLimitExceeded', 200, true],
      ['RequestLimitExceeded.GlobalRegionUinLimitExceeded', 200, true],
      ['FailedOperation.Undocumented', 503, false],
      ['FailedOperation.Undocumented', 429, true],
    ])('%s (HTTP %i): retried to the last attempt (throttled: %s)', async (apiCode, status, throttled) => {
      const error = await rejection((await cannedClient({ status, body: errorBody(apiCode) }, { retry: { ...FAST_RETRY, retries: 2 } }))
        .describeImageSharePermission(SHARED_ONCE), TencentApi3Error);
      expect(error).toMatchObject({ apiCode, retryable: true, throttled, attempt: 3 });
      expect(canned!.requests).toHaveLength(3);
    });

    test('ResourceNotFound is a real "not found" too', async () => {
      const client = await cannedClient({ body: errorBody('ResourceNotFound') });
      await expect(client.lookupImageShares([SHARED_ONCE])).resolves.toEqual({ calls: 1, images: [{ imageId: SHARED_ONCE, outcome: 'notFound', endpoint: `${canned!.origin}/` }] });
      await expect(client.describeImageSharePermission(SHARED_ONCE)).rejects.toMatchObject({ apiCode: 'ResourceNotFound', isNotFound: true });
    });

    test('an API message that echoes the SecretId, key, token or signature is redacted', async () => {
      const client = await cannedClient((request) => {
        const signature = parseTc3Authorization(headerOf(request, 'authorization'))!.signature;
        const echoed = `bad request from ${TEMPORARY_KEY.secretId} key=${TEMPORARY_KEY.secretKey} token=${encodeURIComponent(TEMPORARY_KEY.securityToken)} ${headerOf(request, 'authorization')} sig ${signature}`;
        return { body: errorBody('AuthFailure.SignatureFailure', 'req-echo', echoed) };
      }, TEMPORARY_KEY);
      const error = await rejection(client.describeImageSharePermission(SHARED_ONCE), TencentApi3Error);
      const signature = parseTc3Authorization(headerOf(canned!.requests[0], 'authorization'))!.signature;
      expect(error.details.apiMessage).toContain('bad request from ***');
      expect(findLeaks([{ where: 'error', text: `${error.message}\n${inspect(error)}\n${JSON.stringify(error.details)}` }], { ...TEMPORARY_KEY, signature })).toEqual([]);
    });

    test.each<[string, CannedResponse, string | undefined]>([
      ['JSON without Response', { body: { code: 0, data: {} } }, 'Response'],
      ['a Response that is text', { body: { Response: 'ok' } }, 'Response'],
      ['no SharePermissionSet', { body: { Response: { RequestId: 'req-x' } } }, 'Response.SharePermissionSet'],
      ['an entry without CreatedTime', { body: { Response: { SharePermissionSet: [{ AccountId: '1' }], RequestId: 'req-x' } } }, 'Response.SharePermissionSet[0].CreatedTime'],
      ['a CreatedTime without its zone', { body: { Response: { SharePermissionSet: [{ AccountId: '1', CreatedTime: '2018-06-10 11:02:50' }] } } }, 'Response.SharePermissionSet[0].CreatedTime'],
      ['an Error without a Code', { body: { Response: { Error: { Message: 'x' }, RequestId: 'req-x' } } }, 'Response.Error.Code'],
      ['a success with HTTP 404', { status: 404, body: { Response: { SharePermissionSet: [], RequestId: 'req-x' } } }, undefined],
    ])('%s: InvalidResponse, not retried', async (_what, answer, field) => {
      const error = await rejection((await cannedClient(answer)).describeImageSharePermission(SHARED_ONCE), ResponseInvalidError);
      expect(error).toMatchObject({ code: 'InvalidResponse', retryable: false, status: answer.status ?? 200, field });
      if (field) expect(error.message).toContain(field);
      expect(canned!.requests).toHaveLength(1);
    });

    test('HTTP 502 with JSON but no envelope: retried, then a retryable InvalidResponse', async () => {
      const error = await rejection((await cannedClient({ status: 502, body: { message: 'bad gateway' } }, { retry: { ...FAST_RETRY, retries: 2 } }))
        .describeImageSharePermission(SHARED_ONCE), ResponseInvalidError);
      expect(error).toMatchObject({ status: 502, retryable: true, attempt: 3 });
      expect(canned!.requests).toHaveLength(3);
    });

    test('the documented example answer', async () => {
      const body = { Response: { SharePermissionSet: [{ CreatedTime: '2018-06-10T11:02:50Z', AccountId: '101104350000' }, { CreatedTime: '2018-06-13T15:03:25Z', AccountId: '101104350001' }], RequestId: '71e69b56-32be-4412-ab45-49eded6a87be' } };
      await expect((await cannedClient({ body })).describeImageSharePermission(SHARED_ONCE)).resolves.toEqual({
        imageId: SHARED_ONCE,
        requestId: '71e69b56-32be-4412-ab45-49eded6a87be',
        shares: [
          { uin: '101104350000', sharedAt: '2018-06-10T11:02:50Z', shareTimeStamp: '2018-06-10 19:02:50' },
          { uin: '101104350001', sharedAt: '2018-06-13T15:03:25Z', shareTimeStamp: '2018-06-13 23:03:25' },
        ],
      });
    });
  });

  describe('pacing: one evenly spaced pacer per account, shared by the whole app', () => {
    const RATE = 20;
    /** Distinct images, known and unknown, more than one second's worth at RATE. */
    const imageIdsFor = (count: number) => Array.from({ length: count }, (_, index) => [SHARED_TWICE, SHARED_ONCE, SHARED_WITH_NOBODY][index] ?? `img-pace${String(index).padStart(4, '0')}`);
    const throttledAnswers = () => emulatorLog.filter((line) => line.includes('RequestLimitExceeded')).length;

    beforeEach(() => {
      emulator.replaceData(emulatorData({ api3RequestsPerSecond: RATE }));
    });

    test(`${RATE * 1.5} calls at ${RATE}/s against a limit of ${RATE}/s, 8 in flight: no throttled answer`, async () => {
      const count = RATE * 1.5;
      const { told, progress } = progressCounter();
      const result = await client({ ...PACING_KEYS[0], requestsPerSecond: RATE, concurrency: 8, progress }).lookupImageShares(imageIdsFor(count));
      expect(result.calls).toBe(count);
      expect(result.images.filter((image) => image.outcome === 'error')).toEqual([]);
      expect(throttledAnswers()).toBe(0);
      expect(told).toMatchObject({ retries: 0, throttled: 0 });
      expect(emulator.stats.requests).toBe(count);
    });

    test(`a client paced at twice the limit is throttled, and its retries (paced too) bring every answer`, async () => {
      const count = RATE * 1.5;
      const { told, progress } = progressCounter();
      const result = await client({ ...PACING_KEYS[1], requestsPerSecond: RATE * 2, concurrency: 8, progress, retry: { ...FAST_RETRY, retries: 10 } })
        .lookupImageShares(imageIdsFor(count));
      expect(result.images.filter((image) => image.outcome === 'error')).toEqual([]);
      expect(throttledAnswers()).toBeGreaterThan(0);
      expect(told.throttled).toBe(throttledAnswers());
      expect(told.retries).toBe(throttledAnswers());
      expect(emulator.stats.requests).toBe(count + throttledAnswers());
    });

    test(`two clients of the same SecretId at ${RATE}/s each, at once, share one pacer: no throttled answer`, async () => {
      const count = RATE * 0.75;
      const first = client({ ...PACING_KEYS[2], requestsPerSecond: RATE, concurrency: 8 });
      const second = client({ ...PACING_KEYS[2], requestsPerSecond: RATE, concurrency: 8 });
      const ids = imageIdsFor(count * 2);
      const results = await Promise.all([first.lookupImageShares(ids.slice(0, count)), second.lookupImageShares(ids.slice(count))]);
      expect(results.flatMap((result) => result.images).filter((image) => image.outcome === 'error')).toEqual([]);
      expect(throttledAnswers()).toBe(0);
      expect(emulator.stats.requests).toBe(count * 2);
    });

    test('an attempt that never reaches the socket (a refused connection) frees its pacer at once, not after the second a pending send may hold it', async () => {
      const refused = client({ ...PACING_KEYS[3], endpoint: `http://127.0.0.1:${await closedPort()}`, requestsPerSecond: 1000, retry: { ...FAST_RETRY, retries: 0 } });
      await expect(refused.describeImageSharePermission(SHARED_ONCE)).rejects.toMatchObject({ networkCode: 'ECONNREFUSED' });
      const failedAt = performance.now();
      await expect(client({ ...PACING_KEYS[3], requestsPerSecond: 1000 }).describeImageSharePermission(SHARED_ONCE)).resolves.toMatchObject({ imageId: SHARED_ONCE });
      // Held by a pending send, the second call would wait the full second.
      expect(performance.now() - failedAt).toBeLessThan(1_000);
    });
  });

  describe('the legacy API switched off (the emulator\'s legacyApiRetired)', () => {
    test('v2 answers 6100 and its error suggests the API 3.0 switch; API 3.0 still answers from the same data', async () => {
      emulator.replaceData(emulatorData({ legacyApiRetired: true }));
      const legacy = new TencentImageShareClient({ region: REGION, endpoint: emulator.origin, ...TEST_CREDENTIALS, retry: { ...FAST_RETRY, retries: 5 } }, {});
      const error = await rejection(legacy.getImageShareUinInfo([SHARED_TWICE]), TencentApiError);
      expect(error).toMatchObject({ apiCode: 6100, retryable: false });
      for (const part of ['not supported at this endpoint', 'api: \'DescribeImageSharePermission\'', 'IMAGE_LOOKUPS_TENCENT_API=DescribeImageSharePermission', 'TENCENTCLOUD_CVM_ENDPOINT', 'cvm:DescribeImageSharePermission']) {
        expect(error.message).toContain(part);
      }
      expect(emulator.stats.requests).toBe(1);
      await expect(client().describeImageSharePermission(SHARED_TWICE)).resolves.toMatchObject({ shares: EXPECTED_SHARES[SHARED_TWICE] });
    });
  });
});
