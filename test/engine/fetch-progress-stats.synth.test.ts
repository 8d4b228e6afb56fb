// The engine's retry and throttling counts, over real HTTP against the bundled emulator: what the
// emulator injected (and counted) is what the engine's statistics, its summary line and its
// progress display report.
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { App, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { API_LIST } from '../../src/apis';
import { AliyunVodImage } from '../../src/aliyun-vod-images';
import { type EmulatorFault } from '../../src/emulator';
import { LookupEngine, synthWithLookups } from '../../src/engine';
import { TencentApiError, TencentImageShares } from '../../src/tencent-image-shares';
import { sharedEmulator } from '../support/emulator-fixture';
import { appIn, isolateEnv, tempDirs } from '../support/fixtures';

isolateEnv();
const tempDir = tempDirs();

const FAST_RETRY = { retries: 3, baseDelayMs: 1, maxDelayMs: 5 } as const;
const TENCENT_KEY = { secretId: 'AKIDprogressStats0001', secretKey: 'progressStatsSecretKey1' };
const VOD_KEY = { accessKeyId: 'LTAIprogressStats0001', accessKeySecret: 'progressStatsSecret001' };

/** 55 Tencent images: 6 calls of at most 10. */
const TENCENT_IDS = Array.from({ length: 55 }, (_, index) => `img-${String(index).padStart(8, '0')}`);
/** 100 VOD images: 5 calls of at most 20. */
const VOD_IDS = Array.from({ length: 100 }, (_, index) => index.toString(16).padStart(32, '0'));

const emulator = sharedEmulator({
  credentials: { tencent: [TENCENT_KEY], aliyun: [VOD_KEY] },
  tencent: {
    maxImgShareNum: 50,
    regions: { 'ap-guangzhou': Object.fromEntries(TENCENT_IDS.map((imageId) => [imageId, [{ uin: '1000000001', shareTimeStamp: '2024-01-02 03:04:05' }]])) },
  },
  aliyun: {
    images: Object.fromEntries(VOD_IDS.map((imageId) => [imageId, { Title: `cover ${imageId.slice(-2)}`, Status: 'Normal', ImageType: 'cover', CreationTime: '2024-01-02T03:04:05Z' }])),
  },
});

beforeEach(() => {
  // Every API the library knows goes to the emulator, whichever the test asks.
  const credentials: Record<string, unknown> = { tencent: TENCENT_KEY, aliyun: VOD_KEY };
  for (const api of API_LIST) Object.assign(process.env, api.emulatorEnv(emulator.current.origin, credentials[api.emulator.section.name] as never));
});

interface CloudUnderTest {
  readonly cloud: string;
  /** Calls a cold fetch of every image makes: the first attempts. */
  readonly calls: number;
  /** Throttled answers in the cloud's dialects and a gateway's 429, then faults retried that are not throttling. */
  readonly throttles: readonly EmulatorFault[];
  readonly others: readonly EmulatorFault[];
  build(scope: Construct): void;
}

const CLOUDS: readonly CloudUnderTest[] = [
  {
    cloud: 'Tencent Cloud',
    calls: 6,
    // 4400 with HTTP 200 (twice), 4400 with HTTP 429, and a gateway's 429 page.
    throttles: ['throttle', 'throttle', 'apiError429', 'http429'],
    others: ['internalError', 'connectionReset'],
    build(scope) {
      new TencentImageShares(new TerraformStack(scope, 'shares'), 'images', { region: 'ap-guangzhou', imageIds: TENCENT_IDS, retry: FAST_RETRY });
    },
  },
  {
    cloud: 'Alibaba Cloud VOD',
    calls: 5,
    // Throttling.User, Throttling.Api (HTTP 503), Throttling, and a gateway's 429 page.
    throttles: ['throttle', 'throttleApi', 'throttleGeneric', 'http429'],
    others: ['internalError', 'connectionReset'],
    build(scope) {
      const stack = new TerraformStack(scope, 'covers');
      for (const imageId of VOD_IDS) new AliyunVodImage(stack, imageId, { region: 'cn-shanghai', imageId, retry: FAST_RETRY });
    },
  },
];

describe.each(CLOUDS)('$cloud: retries and throttled answers, counted', (cloud) => {
  test('every injected fault is one retry; the throttling ones are throttled answers; the summary splits them', async () => {
    for (const fault of [...cloud.throttles, ...cloud.others]) emulator.current.injectFaults(fault);
    const dir = tempDir();
    const lines: string[] = [];
    const stats = await synthWithLookups((app) => cloud.build(app), {
      // The counts do not depend on the display: off here, so a test run on a terminal draws nothing.
      cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir), log: (line) => lines.push(line), progress: false,
    });

    const { faultsAnswered, stats: served } = emulator.current;
    const answered = (faults: readonly EmulatorFault[]) => [...new Set(faults)].reduce((sum, fault) => sum + (faultsAnswered[fault] ?? 0), 0);
    expect(emulator.current.faultsPending).toBe(0);
    const retries = answered([...cloud.throttles, ...cloud.others]);
    const throttled = answered(cloud.throttles);
    expect([retries, throttled]).toEqual([cloud.throttles.length + cloud.others.length, cloud.throttles.length]);
    expect(stats).toMatchObject({ apiCalls: served.requests, retries, throttled });
    expect(served.requests).toBe(cloud.calls + retries);
    expect(lines[0]).toContain(`fetched with ${served.requests} API calls (${cloud.calls} + ${retries} retries; ${throttled} throttled answers), 0 discovery-only)`);
  });

  test('no fault: no retry, no throttled answer, and the summary keeps its short form', async () => {
    const dir = tempDir();
    const lines: string[] = [];
    const stats = await synthWithLookups((app) => cloud.build(app), {
      // The counts do not depend on the display: off here, so a test run on a terminal draws nothing.
      cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir), log: (line) => lines.push(line), progress: false,
    });
    expect(stats).toMatchObject({ apiCalls: cloud.calls, retries: 0, throttled: 0 });
    expect(emulator.current.stats.requests).toBe(cloud.calls);
    expect(lines[0]).toContain(`fetched with ${cloud.calls} API calls, 0 discovery-only)`);
  });
});

test('a call throttled on every attempt fails the fetch: its throttled answers and retries are counted, and the progress line is ended', async () => {
  const tencent = CLOUDS[0];
  // One call at a time: the first call gets all four throttled answers, the other five are answered.
  emulator.current.injectFaults('throttle', FAST_RETRY.retries + 1);
  const dir = tempDir();
  let terminal = '';
  const tty = Object.assign(new Writable({ write(chunk: Buffer, _encoding, done) { terminal += chunk.toString(); done(); } }), { isTTY: true, columns: 200 });
  const engine = new LookupEngine({ cacheFile: path.join(dir, 'cache.json'), concurrency: 1 }, { progressDisplay: { terminal: tty } });
  const app = new App({ outdir: path.join(dir, 'cdktf.out') });
  engine.startRound();
  engine.attachTo(app);
  tencent.build(app);

  const failure = await engine.fetchPending().then(() => undefined, (error: unknown) => error);
  expect(failure).toBeInstanceOf(TencentApiError);
  expect(failure).toMatchObject({ apiCode: 4400, throttled: true, attempt: FAST_RETRY.retries + 1 });
  expect(engine.stats()).toMatchObject({
    apiCalls: emulator.current.stats.requests, retries: FAST_RETRY.retries, throttled: FAST_RETRY.retries + 1,
  });
  expect(emulator.current.stats.requests).toBe(tencent.calls + FAST_RETRY.retries);
  // The display drew its last state (every call over, the failed one included) and ended its line.
  const lastDraw = terminal.replace(/\u001b(?:\[[0-9;?]*[A-Za-z]|[78])/g, '').trimEnd().split('\n').pop();
  expect(lastDraw).toMatch(/6\/6 API calls done, 3 retries, 4 throttled answers; \d+s elapsed$/);
  expect(terminal.endsWith('\n')).toBe(true);
});
