import { Emulator, TRANSPORT_FAULT_KINDS, type EmulatorDataInput, type EmulatorOptions } from '../../src/emulator';
import { OFFICIAL_EXAMPLE_ANSWER, OFFICIAL_EXAMPLE_DATA, OFFICIAL_EXAMPLE_IMAGE_ID, OFFICIAL_EXAMPLE_ONE_SHARE } from '../tencent-image-shares/fixtures';
import { TEST_SECRET_ID, TEST_SECRET_KEY } from '../tencent-image-shares/signed-request';
import { rawExchange, signedTencentRequest, type RawAnswer } from './raw-exchange';

/**
The server's own faults, seen by a plain HTTP client byte by byte: generic, so one API (Tencent's)
stands for all. Faults that damage the real answer are checked against that answer.
*/

const DATA: EmulatorDataInput = {
  credentials: { tencent: [{ secretId: TEST_SECRET_ID, secretKey: TEST_SECRET_KEY }] },
  tencent: { regions: { 'ap-guangzhou': { [OFFICIAL_EXAMPLE_IMAGE_ID]: OFFICIAL_EXAMPLE_ONE_SHARE } } },
};
const IMAGE = OFFICIAL_EXAMPLE_IMAGE_ID;

const emulators: Emulator[] = [];
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((emulator) => emulator.stop()));
});

async function start(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  const emulator = await Emulator.start({ data: DATA, ...options });
  emulators.push(emulator);
  return emulator;
}

function send(emulator: Emulator, options?: { readonly hangUpAfterBytes?: number }): Promise<RawAnswer> {
  return rawExchange(emulator.origin, signedTencentRequest(emulator.origin, [IMAGE]), options);
}

/** The answer without a fault, to compare damaged answers with. */
function expectRealAnswer(json: unknown): void {
  expect(json).toEqual({
    ...OFFICIAL_EXAMPLE_ANSWER,
    data: { ...OFFICIAL_EXAMPLE_DATA, imageList: [{ imageId: IMAGE, shareUinInfo: OFFICIAL_EXAMPLE_ONE_SHARE }] },
  });
}

test('the healthy answer, for reference: complete, with its Content-Length', async () => {
  const emulator = await start();
  const answer = await send(emulator);
  expect(answer).toMatchObject({ status: 200, complete: true });
  expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
  expectRealAnswer(JSON.parse(answer.body.toString()));
});

describe('no answer', () => {
  test('networkDrop: the connection closes before any status', async () => {
    const emulator = await start();
    emulator.injectFaults('networkDrop');
    const answer = await send(emulator);
    expect(answer.status).toBeUndefined();
    expect(answer.error?.message).toMatch(/socket hang up/);
  });

  test('connectionReset: a TCP reset, ECONNRESET on read', async () => {
    const emulator = await start();
    emulator.injectFaults('connectionReset');
    const answer = await send(emulator);
    expect(answer.status).toBeUndefined();
    expect(answer.error).toMatchObject({ code: 'ECONNRESET', message: expect.stringMatching(/read ECONNRESET/) });
  });
});

describe('pages without an API body', () => {
  test.each([
    ['http429', 429], ['http500', 500], ['http502', 502], ['http503', 503], ['serverError', 503],
  ] as const)('%s: HTTP %i with a gateway\'s HTML page', async (fault, status) => {
    const emulator = await start();
    emulator.injectFaults(fault);
    const answer = await send(emulator);
    expect(answer).toMatchObject({ status, complete: true, headers: { 'content-type': 'text/html' } });
    expect(answer.body.toString()).toContain(`<h1>${status} `);
  });

  test('htmlPage: HTTP 200 with an HTML page, as a captive portal sends', async () => {
    const emulator = await start();
    emulator.injectFaults('htmlPage');
    const answer = await send(emulator);
    expect(answer).toMatchObject({ status: 200, headers: { 'content-type': expect.stringContaining('text/html') } });
    expect(answer.body.toString()).toMatch(/^<html>/);
  });

  test('emptyBody: HTTP 200, JSON content type, zero bytes', async () => {
    const emulator = await start();
    emulator.injectFaults('emptyBody');
    const answer = await send(emulator);
    expect(answer).toMatchObject({ status: 200, complete: true, headers: { 'content-length': '0', 'content-type': expect.stringContaining('json') } });
    expect(answer.body).toHaveLength(0);
  });
});

describe('the real answer, damaged', () => {
  test('malformedJson: complete and well delivered, but not JSON; without its stray comma it is the real answer', async () => {
    const emulator = await start();
    emulator.injectFaults('malformedJson');
    const answer = await send(emulator);
    expect(answer).toMatchObject({ status: 200, complete: true });
    const text = answer.body.toString();
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(text.endsWith(',}')).toBe(true);
    expectRealAnswer(JSON.parse(text.replace(/,\}$/, '}')));
  });

  test('truncatedBody: the full Content-Length announced, its first half sent, then the connection closes', async () => {
    const emulator = await start();
    const whole = (await send(emulator)).body;
    emulator.injectFaults('truncatedBody');
    const answer = await send(emulator);
    expect(answer).toMatchObject({ status: 200, complete: false });
    expect(Number(answer.headers['content-length'])).toBe(whole.length);
    expect(answer.body.length).toBe(Math.floor(whole.length / 2));
    // Cut mid-way through valid JSON: the same bytes the real answer starts with.
    expect(whole.subarray(0, answer.body.length).toString()).toBe(answer.body.toString());
  });

  test('stalledBody: headers and the first half, then nothing while the stall lasts', async () => {
    const emulator = await start({ stallMs: 600_000 });
    const whole = (await send(emulator)).body;
    emulator.injectFaults('stalledBody');
    // The rest would come only after 10 minutes: getting exactly the first half proves the pause sits mid-body.
    const answer = await send(emulator, { hangUpAfterBytes: Math.floor(whole.length / 2) });
    expect(answer).toMatchObject({ status: 200, complete: false });
    expect(Number(answer.headers['content-length'])).toBe(whole.length);
    expect(answer.body.toString()).toBe(whole.subarray(0, Math.floor(whole.length / 2)).toString());
    // The client hung up: the emulator is free for the next request, and stops without waiting out the stall.
    expect((await send(emulator)).status).toBe(200);
  });

  test('stalledBody ends with the rest after stallMs: the whole real answer', async () => {
    const emulator = await start({ stallMs: 20 });
    emulator.injectFaults('stalledBody');
    const answer = await send(emulator);
    expect(answer).toMatchObject({ status: 200, complete: true });
    expectRealAnswer(JSON.parse(answer.body.toString()));
  });

  test('oversizedBody: oversizeBytes of whitespace, then the real answer; streamed, no Content-Length, valid JSON', async () => {
    const oversizeBytes = 300_000;
    const emulator = await start({ oversizeBytes });
    const whole = (await send(emulator)).body;
    emulator.injectFaults('oversizedBody');
    const answer = await send(emulator);
    expect(answer).toMatchObject({ status: 200, complete: true });
    expect(answer.headers['content-length']).toBeUndefined();
    expect(answer.headers['transfer-encoding']).toBe('chunked');
    expect(answer.body.length).toBe(oversizeBytes + whole.length);
    expectRealAnswer(JSON.parse(answer.body.toString()));
  });

  test('oversizedBody: 11 MiB by default, past the clients\' default cap of 10 MiB', async () => {
    const emulator = await start();
    emulator.injectFaults('oversizedBody');
    const answer = await send(emulator);
    expect(answer.body.length).toBeGreaterThan(11 * 1024 * 1024);
    expectRealAnswer(JSON.parse(answer.body.toString()));
  });

  test('oversizedBodyDeclared: the same body with its Content-Length announced', async () => {
    const oversizeBytes = 200_000;
    const emulator = await start({ oversizeBytes });
    const whole = (await send(emulator)).body;
    emulator.injectFaults('oversizedBodyDeclared');
    const answer = await send(emulator);
    expect(answer).toMatchObject({ status: 200, complete: true, headers: { 'content-length': String(oversizeBytes + whole.length) } });
    expectRealAnswer(JSON.parse(answer.body.toString()));
  });

  test('an oversized body stops when the client hangs up: the emulator writes no more and answers the next request', async () => {
    const emulator = await start({ oversizeBytes: 4 * 1024 * 1024 * 1024 });
    emulator.injectFaults('oversizedBody');
    const answer = await send(emulator, { hangUpAfterBytes: 1024 * 1024 });
    expect(answer.complete).toBe(false);
    expect((await send(emulator)).status).toBe(200);
  });

  test('a damaged answer runs every check first: a request with a bad signature gets its refusal damaged, not data', async () => {
    const emulator = await start();
    emulator.injectFaults('malformedJson');
    const request = signedTencentRequest(emulator.origin, [IMAGE]);
    const answer = await rawExchange(emulator.origin, { ...request, body: request.body!.replace(/Signature=[^&]+/, 'Signature=wrong') });
    expect(JSON.parse(answer.body.toString().replace(/,\}$/, '}'))).toMatchObject({ code: 4100 });
  });
});

describe('redirects', () => {
  test.each([301, 302, 303, 307, 308] as const)('redirect%i: that status, Location the same path and query at http://localhost:<port>', async (status) => {
    const emulator = await start();
    emulator.injectFaults(`redirect${status}`);
    const answer = await rawExchange(emulator.origin, { method: 'GET', path: '/v2/index.php?Action=GetImageShareUinInfo&x=1' });
    const port = new URL(emulator.origin).port;
    expect(emulator.redirectOrigin).toBe(`http://localhost:${port}`);
    expect(answer).toMatchObject({ status, headers: { location: `http://localhost:${port}/v2/index.php?Action=GetImageShareUinInfo&x=1` } });
  });

  test('redirectOrigin sets where they point; it must be an http(s) origin on loopback', async () => {
    const emulator = await start({ redirectOrigin: 'http://127.0.0.9:8443' });
    emulator.injectFaults('redirect307');
    const answer = await send(emulator);
    expect(answer.headers.location).toBe('http://127.0.0.9:8443/v2/index.php');
    for (const bad of ['http://example.com', 'ftp://127.0.0.1', 'http://127.0.0.1/path', 'not a url']) {
      await expect(Emulator.start({ data: DATA, redirectOrigin: bad })).rejects.toThrow(/redirectOrigin/);
    }
  });
});

describe('settings', () => {
  test('stallMs and oversizeBytes are checked', async () => {
    await expect(Emulator.start({ data: DATA, stallMs: -1 })).rejects.toThrow(/stallMs/);
    await expect(Emulator.start({ data: DATA, oversizeBytes: 0 })).rejects.toThrow(/oversizeBytes/);
    await expect(Emulator.start({ data: DATA, oversizeBytes: 1.5 })).rejects.toThrow(/oversizeBytes/);
  });

  test('every transport fault is one the server answers: each one changes what a client receives', async () => {
    const emulator = await start({ stallMs: 0, oversizeBytes: 1024 });
    const healthy = await send(emulator);
    for (const fault of TRANSPORT_FAULT_KINDS) {
      emulator.injectFaults(fault);
      const answer = await send(emulator);
      const same = answer.status === healthy.status && answer.body.equals(healthy.body) && answer.complete;
      // stalledBody with stallMs 0 delivers the whole answer: its Content-Length and bytes match, only late.
      if (fault === 'stalledBody') expect(same).toBe(true);
      else expect({ fault, same }).toEqual({ fault, same: false });
    }
    expect(emulator.faultsPending).toBe(0);
  });
});
