import { join } from 'node:path';
import { Emulator, requestLogLine, type EmulatorRequest } from '../../src/emulator';
import { findLeaks } from '../support/secret-scan';
import { callVod } from '../aliyun-vod-images/signed-request';
import { callTencent } from '../tencent-image-shares/signed-request';

const EXAMPLE_DATA_FILE = join(__dirname, '../../examples/golden-image-audit/emulator-data.json');
/** Two of the example's VOD images. */
const VOD_IMAGES = ['7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c', 'a3f9c8e27b6d4c1e9f0a5b3d7e2c4f60'];
const MISSING_VOD_IMAGE = '00000000000000000000000000000000';
/** A temporary Tencent key of the test's own, its token required, so the scan knows every secret sent. */
const TEMPORARY_KEY = { secretId: 'AKIDlogTestTemporary01', secretKey: 'logTestSecretKey0001', token: 'logTestSessionToken0001' };

describe('Emulator request log', () => {
  let emulator: Emulator;
  const lines: string[] = [];
  beforeAll(async () => {
    const data = JSON.parse(require('node:fs').readFileSync(EXAMPLE_DATA_FILE, 'utf8'));
    data.credentials.tencent.push(TEMPORARY_KEY);
    emulator = await Emulator.start({ data, log: (line) => lines.push(line), recordRequests: true, stallMs: 50 });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => {
    lines.splice(0);
    emulator.resetStats();
  });

  test('names the action, region, IDs and outcome of each answer', async () => {
    await callTencent(emulator.origin, { imageIds: ['img-jgggrva9', 'img-00000000', 'img-jgggrva9'] });
    await callTencent(emulator.origin, { region: 'ap-nowhere' });
    await callVod(emulator.origin, { action: 'GetImageInfos', params: { ImageIds: [...VOD_IMAGES, MISSING_VOD_IMAGE].join(',') } });
    await callVod(emulator.origin, { action: 'GetImageInfo', params: { ImageId: MISSING_VOD_IMAGE } });
    await callVod(emulator.origin, { action: 'GetImageInfo', params: { ImageId: VOD_IMAGES[0] } });
    expect(lines.map((line) => line.replace(/^\S+ /, ''))).toEqual([
      'GetImageShareUinInfo region=ap-guangzhou ids=img-jgggrva9,img-00000000,img-jgggrva9 -> found 1, notFound 1',
      'GetImageShareUinInfo region=ap-nowhere ids=img-jgggrva9 -> error 4000',
      `GetImageInfos ids=${VOD_IMAGES.join(',')},${MISSING_VOD_IMAGE} -> found 2, notFound 1`,
      `GetImageInfo ids=${MISSING_VOD_IMAGE} -> error NoSuchResource`,
      `GetImageInfo ids=${VOD_IMAGES[0]} -> found 1, notFound 0`,
    ]);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} /);
  });

  test.each([
    ['throttle', /-> error \(the fault's answer, HTTP 200\) \[fault throttle\]$/],
    ['partialBatch', /-> found 1, notFound 0 \[fault partialBatch\]$/],
    ['networkDrop', /-> no answer \[fault networkDrop\]$/],
    ['http502', /-> HTTP 502 \[fault http502\]$/],
    ['truncatedBody', /-> found 1, notFound 0 \[fault truncatedBody\]$/],
    ['stalledBody', /-> found 1, notFound 0 \[fault stalledBody\]$/],
  ] as const)('names the fault that answered: %s', async (fault, expected) => {
    emulator.injectFaults(fault);
    await callTencent(emulator.origin).catch(() => undefined); // some faults leave no answer to read
    await waitForLines(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/GetImageShareUinInfo region=ap-guangzhou ids=img-jgggrva9 /);
    expect(lines[0]).toMatch(expected);
  });

  test('a request no route serves: its method and path, never its query', async () => {
    await fetch(`${emulator.origin}/somewhere/else?Signature=abc123secret`);
    expect(lines).toEqual([expect.stringMatching(/ GET \/somewhere\/else -> HTTP 404 \(no emulated API at this path\)$/)]);
  });

  test('holds no key ID, key, token or signature, however the request is made or refused', async () => {
    const { secretId, secretKey, token } = TEMPORARY_KEY;
    await callTencent(emulator.origin, { secretId, secretKey, token });
    await callTencent(emulator.origin, { secretId, secretKey, token: 'wrongTokenMarker0001' });
    await callTencent(emulator.origin, { secretId, secretKey: 'wrongKeyMarker0001', token });
    await callTencent(emulator.origin, { secretId: 'unknownKeyIdMarker0001', secretKey, method: 'GET' });
    emulator.injectFaults('malformedJson');
    await callTencent(emulator.origin, { secretId, secretKey, token }).catch(() => undefined);
    await waitForLines(5);
    const signatures = emulator.recordedRequests.map(signatureOf);
    expect(signatures).toHaveLength(5);
    const secrets = {
      'key ID': secretId, key: secretKey, token, 'wrong token': 'wrongTokenMarker0001', 'wrong key': 'wrongKeyMarker0001',
      'unknown key ID': 'unknownKeyIdMarker0001', ...Object.fromEntries(signatures.map((signature, index) => [`signature ${index + 1}`, signature])),
    };
    expect(lines).toHaveLength(5);
    expect(findLeaks([{ where: 'request log', text: lines.join('\n') }], secrets)).toEqual([]);
  });

  async function waitForLines(count: number): Promise<void> {
    // A fault's answer may end after the client gave up on it: the line comes once the server is done.
    while (lines.length < count) await new Promise((resolve) => setTimeout(resolve, 10));
  }
});

describe('requestLogLine', () => {
  test('quotes values that are not plain IDs, cuts long ones, and counts IDs past 20', () => {
    const line = requestLogLine({
      at: Date.UTC(2026, 0, 2, 3, 4, 5, 6), method: 'POST', path: '/', action: 'Get Image', region: 'ap-x\nfake line',
      imageIds: [...Array.from({ length: 21 }, (_, index) => `img-${index}`), 'x'.repeat(100)], outcome: 'found 0, notFound 22',
    });
    expect(line).toBe(`03:04:05.006 "Get Image" region="ap-x\\nfake line" ids=${Array.from({ length: 20 }, (_, index) => `img-${index}`).join(',')},…(+2 more) -> found 0, notFound 22`);
    expect(line).not.toContain('\n');
  });
});

function signatureOf(request: EmulatorRequest): string {
  const params = request.method === 'POST' ? new URLSearchParams(request.body) : request.url.searchParams;
  return params.get('Signature') ?? '';
}
