import { Emulator, type EmulatorDataInput } from '../../src/emulator';
import { signV1 } from '../../src/tencent-image-shares/signature';
import { OFFICIAL_EXAMPLE_ANSWER as OFFICIAL_EXAMPLE, OFFICIAL_EXAMPLE_IMAGE_ID, OFFICIAL_EXAMPLE_SHARES } from './fixtures';
import { callTencent, TEST_SECRET_KEY } from './signed-request';

const TEMPORARY = { secretId: 'AKIDtemporaryKey02', secretKey: 'temporarySecretKey02', token: 'session-token-02' };
/** The temporary key's ID and secret, without its token. */
const TEMPORARY_KEY = { secretId: TEMPORARY.secretId, secretKey: TEMPORARY.secretKey };

const DATA: EmulatorDataInput = {
  credentials: {
    tencent: [{ secretId: 'AKIDemulatorExample01', secretKey: 'emulatorSecretKey01' }, TEMPORARY],
  },
  tencent: {
    maxImgShareNum: 50,
    regions: {
      'ap-guangzhou': {
        [OFFICIAL_EXAMPLE_IMAGE_ID]: OFFICIAL_EXAMPLE_SHARES,
        'img-2xk9q7dm': [],
      },
      'ap-shanghai': {},
    },
  },
};

let emulator: Emulator;
beforeAll(async () => {
  emulator = await Emulator.start({ data: DATA });
});
afterAll(async () => {
  await emulator.stop();
});

describe('GetImageShareUinInfo answers', () => {
  test('like the official example (numbers as strings), leaving unknown image IDs out', async () => {
    const { status, body } = await callTencent(emulator.origin, { imageIds: ['img-jgggrva9', 'img-zzzzzzzz'] });
    expect(status).toBe(200);
    expect(body).toEqual(OFFICIAL_EXAMPLE);
  });

  test('over GET (query string) as over POST (form body)', async () => {
    expect((await callTencent(emulator.origin, { method: 'GET' })).body).toEqual(OFFICIAL_EXAMPLE);
    expect((await callTencent(emulator.origin, { method: 'POST' })).body).toEqual(OFFICIAL_EXAMPLE);
  });

  test.each([['HmacSHA256' as const], ['HmacSHA1' as const], [undefined]])('signed with %s', async (signatureMethod) => {
    expect((await callTencent(emulator.origin, { signatureMethod })).body).toEqual(OFFICIAL_EXAMPLE);
  });

  test('an image shared with nobody, an all-unknown request and a region without images', async () => {
    const unshared = await callTencent(emulator.origin, { imageIds: ['img-2xk9q7dm', 'img-2xk9q7dm'] });
    expect(unshared.body.data).toEqual({ imageNum: '1', maxImgShareNum: '50', imageList: [{ imageId: 'img-2xk9q7dm', shareUinInfo: [] }] });
    const unknown = await callTencent(emulator.origin, { imageIds: ['img-00000000'] });
    expect(unknown.body).toEqual({ code: '0', message: '', data: { imageNum: '0', maxImgShareNum: '50', imageList: [] } });
    const emptyRegion = await callTencent(emulator.origin, { region: 'ap-shanghai' });
    expect(emptyRegion.body.data.imageList).toEqual([]);
  });

  test('a temporary key with its token', async () => {
    const { body } = await callTencent(emulator.origin, { ...TEMPORARY, token: TEMPORARY.token });
    expect(body).toEqual(OFFICIAL_EXAMPLE);
  });

  test('counts requests per action', async () => {
    emulator.resetStats();
    await callTencent(emulator.origin);
    await callTencent(emulator.origin, { secretId: 'AKIDunknown' });
    await callTencent(emulator.origin, { action: 'DescribeImages' });
    expect(emulator.stats).toEqual({ requests: 3, byAction: { GetImageShareUinInfo: 2, DescribeImages: 1 } });
  });
});

describe('authentication errors (HTTP 200, numeric code)', () => {
  test('4100 for a signature made with the wrong key', async () => {
    const { status, body } = await callTencent(emulator.origin, { secretKey: 'notTheKey' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ code: 4100, codeDesc: 'AuthFailure.SignatureFailure' });
  });

  test('4100 when a parameter changes after signing', async () => {
    const { body } = await callTencent(emulator.origin, { afterSigning: (params) => (params['imageIds.0'] = 'img-2xk9q7dm') });
    expect(body.code).toBe(4100);
  });

  test('4100 when the signed host differs from the Host header (the port is part of it)', async () => {
    const { body } = await callTencent(emulator.origin, {
      afterSigning: (params) => {
        const hostWithoutPort = new URL(emulator.origin).hostname;
        params.Signature = signV1('POST', hostWithoutPort, '/v2/index.php', params, TEST_SECRET_KEY);
      },
    });
    expect(body.code).toBe(4100);
  });

  test('4104 for an unknown SecretId', async () => {
    const { body } = await callTencent(emulator.origin, { secretId: 'AKIDnobodyHasThisKey' });
    expect(body).toMatchObject({ code: 4104, codeDesc: 'AuthFailure.SecretIdNotFound' });
  });

  test('4105 for a temporary key without its token, or with another one', async () => {
    expect((await callTencent(emulator.origin, TEMPORARY_KEY)).body.code).toBe(4105);
    expect((await callTencent(emulator.origin, { ...TEMPORARY_KEY, token: 'stale-token' })).body.code).toBe(4105);
  });
});

describe('replay protection (4500)', () => {
  test('a nonce is refused the second time for the same SecretId, but not for another key', async () => {
    expect((await callTencent(emulator.origin, { nonce: '424242' })).body.code).toBe('0');
    const replay = await callTencent(emulator.origin, { nonce: '424242' });
    expect(replay.body).toMatchObject({ code: 4500 });
    expect(replay.body.message).toContain('424242');
    expect((await callTencent(emulator.origin, { ...TEMPORARY, token: TEMPORARY.token, nonce: '424242' })).body.code).toBe('0');
  });

  describe('with a fixed clock', () => {
    const NOW_MS = 1_700_000_000_000;
    const NOW_S = NOW_MS / 1000;
    let fixedClock: Emulator;
    beforeAll(async () => {
      fixedClock = await Emulator.start({ data: DATA, now: () => NOW_MS, replayWindowSeconds: 300 });
    });
    afterAll(async () => {
      await fixedClock.stop();
    });

    test('timestamps up to the window away are accepted', async () => {
      expect((await callTencent(fixedClock.origin, { timestamp: NOW_S - 300 })).body.code).toBe('0');
      expect((await callTencent(fixedClock.origin, { timestamp: NOW_S + 300 })).body.code).toBe('0');
    });

    test('timestamps further away are refused', async () => {
      const stale = await callTencent(fixedClock.origin, { timestamp: NOW_S - 301 });
      expect(stale.body).toMatchObject({ code: 4500 });
      expect(stale.body.message).toContain('301 s');
      expect((await callTencent(fixedClock.origin, { timestamp: NOW_S + 301 })).body.code).toBe(4500);
    });
  });
});

describe('parameter errors (4000), each message naming the problem', () => {
  test.each([
    ['11 image IDs', { imageIds: Array.from({ length: 11 }, (_, i) => `img-0000000${i % 10}`) }, 'at most 10'],
    ['a malformed image ID', { imageIds: ['img-jgggrva9', 'img-JGGGRVA9'] }, 'imageIds.1="img-JGGGRVA9"'],
    ['no image IDs', { imageIds: [] }, 'imageIds.0'],
    ['a gap in the numbering', { imageIds: [], extraParams: { 'imageIds.1': 'img-jgggrva9' } }, 'imageIds.0 is missing'],
    ['no Region', { region: '' }, 'Region'],
    ['a Region missing from the data', { region: 'ap-beijing' }, 'ap-beijing'],
    ['another Action', { action: 'DescribeImages' }, 'DescribeImages'],
    ['a bad Nonce', { nonce: '0' }, 'Nonce'],
  ])('%s', async (_name, options, messagePart) => {
    const { status, body } = await callTencent(emulator.origin, options);
    expect(status).toBe(200);
    expect(body).toMatchObject({ code: 4000, codeDesc: 'InvalidParameter' });
    expect(body.message).toContain(messagePart);
  });

  test('a POST body that is not a form', async () => {
    const response = await fetch(`${emulator.origin}/v2/index.php`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Action: 'GetImageShareUinInfo' }),
    });
    expect(await response.json()).toMatchObject({ code: 4000, message: expect.stringContaining('x-www-form-urlencoded') });
  });
});

describe('faults in the Tencent dialect', () => {
  test('throttle: HTTP 200 with code 4400, then normal answers again', async () => {
    emulator.injectFaults('throttle');
    const throttled = await callTencent(emulator.origin);
    expect(throttled.status).toBe(200);
    expect(throttled.body).toMatchObject({ code: 4400, codeDesc: 'RequestLimitExceeded' });
    expect((await callTencent(emulator.origin)).body).toEqual(OFFICIAL_EXAMPLE);
  });

  test('internalError: HTTP 200 with code 6000', async () => {
    emulator.injectFaults('internalError');
    const failed = await callTencent(emulator.origin);
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ code: 6000, codeDesc: 'InternalError' });
  });

  test('a faulted request consumes no nonce, so its retry may reuse it', async () => {
    emulator.injectFaults('throttle');
    expect((await callTencent(emulator.origin, { nonce: '919191' })).body.code).toBe(4400);
    expect((await callTencent(emulator.origin, { nonce: '919191' })).body.code).toBe('0');
  });

  test.each([
    ['throttleApi', 200, 4400], ['throttleGeneric', 200, 4400], ['errorWith200', 200, 4400],
    ['apiError429', 429, 4400], ['apiError500', 500, 6000], ['apiError502', 502, 6000], ['apiError503', 503, 6200],
  ] as const)('%s: HTTP %i with code %i in the legacy envelope', async (fault, status, code) => {
    emulator.injectFaults(fault);
    const answer = await callTencent(emulator.origin);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({ code, message: expect.any(String) });
  });
});

describe('data faults in the Tencent dialect: a code-0 answer, changed', () => {
  test('wrongTypes: the first share\'s uin is an object; the rest of the answer is as the data says', async () => {
    emulator.injectFaults('wrongTypes');
    const { status, body } = await callTencent(emulator.origin, { imageIds: ['img-2xk9q7dm', 'img-jgggrva9'] });
    expect(status).toBe(200);
    expect(body).toEqual({
      code: '0', message: '',
      data: {
        imageNum: '2', maxImgShareNum: '50',
        imageList: [
          { imageId: 'img-2xk9q7dm', shareUinInfo: [] },
          { imageId: 'img-jgggrva9', shareUinInfo: [{ uin: { value: '1621874004' }, shareTimeStamp: '2016-01-13 15:16:53' }, OFFICIAL_EXAMPLE.data.imageList[0].shareUinInfo[1]] },
        ],
      },
    });
  });

  test('wrongTypes without any share in the answer: imageNum is an object', async () => {
    emulator.injectFaults('wrongTypes');
    const { body } = await callTencent(emulator.origin, { imageIds: ['img-2xk9q7dm'] });
    expect(body.data).toEqual({ imageNum: { value: '1' }, maxImgShareNum: '50', imageList: [{ imageId: 'img-2xk9q7dm', shareUinInfo: [] }] });
  });

  test('emptyResult: code 0, imageNum "0", an empty imageList, for images the data has', async () => {
    emulator.injectFaults('emptyResult');
    const { body } = await callTencent(emulator.origin, { imageIds: ['img-jgggrva9', 'img-2xk9q7dm'] });
    expect(body).toEqual({ code: '0', message: '', data: { imageNum: '0', maxImgShareNum: '50', imageList: [] } });
  });

  test('partialBatch: the first image left out while imageNum still counts it', async () => {
    emulator.injectFaults('partialBatch');
    const { body } = await callTencent(emulator.origin, { imageIds: ['img-2xk9q7dm', 'img-jgggrva9'] });
    expect(body.data.imageNum).toBe('2');
    expect(body.data.imageList).toEqual(OFFICIAL_EXAMPLE.data.imageList);
  });

  test('a refused request keeps its refusal: the data fault is spent on it', async () => {
    emulator.injectFaults('emptyResult');
    expect((await callTencent(emulator.origin, { secretKey: 'wrong' })).body).toMatchObject({ code: 4100 });
    expect((await callTencent(emulator.origin)).body).toEqual(OFFICIAL_EXAMPLE);
  });
});
