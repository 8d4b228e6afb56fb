// Secrets, as a test (issue 8, item 11). The example app runs as a real process (once through the
// real `npx cdktf synth`) against the emulator with marker credentials, in every cache mode and in
// the error runs a pipeline meets: bad signature, timeout, 5xx, refused connection, redirect.
// Everything each run produced is then scanned: every file it wrote (cdktf.out, the cache, whatever
// the CLI or terraform put in HOME), stdout, stderr (with the IMAGE_LOOKUPS_DEBUG log and the error
// messages), and the emulator's own reports. None may hold a key ID, key, token or signature. The
// emulator keeps every request it receives (`recordRequests`), so the scan knows the exact
// signatures that went over the wire.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { API_LIST } from '../../src/apis';
import { Emulator, type EmulatorDataInput, type EmulatorFault, type EmulatorOptions, type EmulatorRequest } from '../../src/emulator';
import type { TransportProps } from '../../src/http/transport-options';
import { parseTc3Authorization } from '../../src/tencent-image-shares/tc3-signature';
import { asRecorded, cloudUnderTestOf } from '../support/clouds-under-test';
import { closedPort } from '../support/loopback-http';
import { filesUnder, findLeaks, type Produced } from '../support/secret-scan';

const ROOT = path.resolve(__dirname, '../..');
const TS_NODE = require.resolve('ts-node/register/transpile-only');
const APPS = {
  /** The app in cdktf.json. */
  example: path.join(ROOT, 'examples/golden-image-audit/main.ts'),
  /** Both clouds (or one), with transport props from SECRET_SCAN_TRANSPORT (timeoutMs, retry, httpMethod). */
  transportFixture: path.join(__dirname, 'fixtures/transport-app.ts'),
} as const;
type AppName = keyof typeof APPS;

/**
Each API of the registry with its cloud under test: the marker key ID, key and token it signs with
(a temporary key, its token required), and that key as its emulator data section lists it.
*/
const MARKED_APIS = API_LIST.map((api) => {
  const cloud = cloudUnderTestOf(api.id);
  const listed = cloud.emulatorData.credentials[api.emulator.section.name] as readonly Record<string, unknown>[];
  const credential = listed.find((entry) => Object.values(entry).includes(cloud.markers.keyId));
  if (credential === undefined) throw new Error(`${api.id}: the cloud under test lists no emulator credential with its marker key ID`);
  return { api, cloud, credential };
});

// Every marker holds "marker", so the scan also catches a part of one (a truncated key in a message).
const WRONG_KEYS = { tencent: 'markerWRONGtencentKEY0001', aliyun: 'markerWRONGaliyunSECRET0001' };
const MARKER_SECRETS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(MARKED_APIS.flatMap(({ cloud: { cloud, markers } }) => [
    [`${cloud} key ID`, markers.keyId], [`${cloud} key`, markers.keySecret], [`${cloud} token`, markers.securityToken],
  ])),
  'wrong Tencent SecretKey': WRONG_KEYS.tencent,
  'wrong VOD AccessKeySecret': WRONG_KEYS.aliyun,
  'any marker credential, even in part': 'marker',
};

/** The example's sample accounts and images, with the marker credentials (temporary ones: tokens required). */
function markerEmulatorData(): EmulatorDataInput {
  const data = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/golden-image-audit/emulator-data.json'), 'utf8'));
  return {
    ...data,
    credentials: Object.fromEntries(MARKED_APIS.map(({ api, credential }) => [api.emulator.section.name, [credential]])),
  };
}

/** An emulator with the marker data that keeps every request it receives. */
function startMarkerEmulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return Emulator.start({ data: markerEmulatorData(), recordRequests: true, ...options });
}

/** The form parameters of a request the emulator received (POST body or GET query). */
function paramsOf(request: EmulatorRequest): URLSearchParams {
  return request.method === 'POST' ? new URLSearchParams(request.body) : request.url.searchParams;
}

let scratch: string;
beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'image-lookups-secret-scan-'));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A fresh directory for one run: its cwd, with its own HOME inside, so whatever the run writes anywhere is scanned. */
function runDir(name: string): string {
  const dir = path.join(scratch, name);
  fs.mkdirSync(path.join(dir, 'home'), { recursive: true });
  return dir;
}

interface AppRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly dir: string;
}

/**
The env of a run, built from nothing (jest's process.env does not reach the child, and a runner's
proxy or TF_CLI_CONFIG_FILE must not either): the marker credentials, both endpoints, the cache
file and the debug log on. Each API's descriptor maps the endpoint and its marker key to its env vars.
*/
function markerEnv(dir: string, endpoint: string, cacheFile: string, overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: path.join(dir, 'home'),
    TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json'),
    CHECKPOINT_DISABLE: '1',
    NPM_CONFIG_UPDATE_NOTIFIER: 'false',
    ...Object.assign({}, ...MARKED_APIS.map(({ api, credential }) => api.emulatorEnv(endpoint, credential))),
    IMAGE_LOOKUPS_CACHE: cacheFile,
    IMAGE_LOOKUPS_DEBUG: '1',
    ...overrides,
  };
}

/**
Runs an app as its own process in `dir`: directly with ts-node, or through the real `npx cdktf synth`
(a cdktf.json of its own naming the app, and the repo's node_modules linked in so npx finds the
installed CLI and downloads nothing). Asynchronous: the emulator answers from this process.
*/
function runApp(app: AppName, via: 'node' | 'cdktf synth', dir: string, env: NodeJS.ProcessEnv): Promise<AppRun> {
  let command: string;
  let args: string[];
  if (via === 'cdktf synth') {
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    fs.writeFileSync(path.join(dir, 'cdktf.json'), JSON.stringify({
      language: 'typescript', app: `node -r ${TS_NODE} ${APPS[app]}`, projectId: 'secret-scan', sendCrashReports: 'false',
      terraformProviders: [], terraformModules: [], context: {},
    }));
    [command, args] = ['npx', ['cdktf', 'synth']];
  } else {
    [command, args] = [process.execPath, ['-r', TS_NODE, APPS[app]]];
  }
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, dir }));
  });
}

/** A Tencent API 3.0 request (DescribeImageSharePermission): signed in its Authorization header (TC3), not in form parameters. */
const isTc3 = (request: EmulatorRequest) => request.headers['x-tc-action'] !== undefined;

/** The Signature of every recorded request, named by its request. */
function signaturesOf(requests: readonly EmulatorRequest[]): Record<string, string> {
  const signatures: Record<string, string> = {};
  requests.forEach((request, index) => {
    const signature = isTc3(request) ? parseTc3Authorization(request.headers.authorization)?.signature : paramsOf(request).get('Signature');
    if (signature) signatures[`Signature of request ${index + 1} (${request.method} ${request.url.pathname})`] = signature;
  });
  return signatures;
}

/**
The requests really carried the marker credentials and a signature each: so the scan looks for
values that were in play, and a scan that finds nothing means something.
*/
function expectSignedWithMarkers(requests: readonly EmulatorRequest[]): void {
  expect(requests.length).toBeGreaterThan(0);
  for (const request of requests) {
    if (isTc3(request)) {
      const tencent = MARKED_APIS.find((marked) => marked.api.id === 'tencent-image-shares')!.cloud.markers;
      const authorization = parseTc3Authorization(request.headers.authorization);
      expect(authorization?.signature).toMatch(/^[0-9a-f]{64}$/);
      expect({ secretId: authorization?.secretId, token: request.headers['x-tc-token'] }).toEqual({ secretId: tencent.keyId, token: tencent.securityToken });
      continue;
    }
    const params = paramsOf(request);
    expect(params.get('Signature')).toMatch(/^[A-Za-z0-9+/]{20,}={0,2}$/);
    const { cloud } = MARKED_APIS.find((marked) => marked.cloud.apiPath === request.url.pathname)!;
    expect({ keyId: cloud.keyIdOf(asRecorded(request)), token: cloud.tokenOf(asRecorded(request)) }).toEqual({ keyId: cloud.markers.keyId, token: cloud.markers.securityToken });
  }
}

/** Everything a run produced: its files (cdktf.out, HOME, the cache when it is in the run's dir), its streams, and more. */
function producedBy(run: AppRun, ...more: Produced[]): Produced[] {
  return [...filesUnder(run.dir), { where: 'stdout', text: run.stdout }, { where: 'stderr', text: run.stderr }, ...more];
}

/** What the emulator reports of itself: its counters and the faults it answered with. */
function emulatorReports(emulator: Emulator): Produced {
  return { where: 'emulator stats', text: JSON.stringify({ stats: emulator.stats, faultsAnswered: emulator.faultsAnswered }) };
}

function expectNoLeaks(produced: readonly Produced[], signatures: Readonly<Record<string, string>>): void {
  expect(findLeaks(produced, { ...MARKER_SECRETS, ...signatures })).toEqual([]);
  // The answers' signed URLs (OSS, CDN type A) keep their signatures out of the cache and outputs too.
  for (const { where, text } of produced) {
    expect({ where, signedUrlParts: text.match(/[?&](Signature|OSSAccessKeyId|auth_key)=[^&"\s]+/g) }).toEqual({ where, signedUrlParts: null });
  }
}

function stacksOf(run: AppRun): string[] {
  const stacks = path.join(run.dir, 'cdktf.out', 'stacks');
  return fs.existsSync(stacks) ? fs.readdirSync(stacks).sort() : [];
}

test('the scan finds a secret in every form it can take, and names where and which', () => {
  const secret = 'marker+Key/with=reserved chars:0001';
  const forms = [secret, encodeURIComponent(secret), encodeURIComponent(encodeURIComponent(secret)), 'marker%2BKey%2Fwith%3Dreserved+chars%3A0001',
    Buffer.from(secret).toString('base64')];
  for (const form of forms) {
    expect(findLeaks([{ where: 'stderr', text: `before ${form} after` }], { 'the key': secret })).toEqual([expect.objectContaining({ where: 'stderr', secret: 'the key' })]);
  }
  expect(findLeaks([{ where: 'stdout', text: 'nothing secret here' }], { 'the key': secret })).toEqual([]);
});

const EXAMPLE_STACKS = ['golden-images-guangzhou', 'golden-images-guangzhou-api3', 'golden-images-shanghai', 'media-covers'];

describe('the example app in every cache mode, with marker credentials and the debug log on', () => {
  let emulator: Emulator;
  let cacheDir: string;
  let cacheFile: string;
  beforeAll(async () => {
    emulator = await startMarkerEmulator();
    cacheDir = runDir('cache');
    cacheFile = path.join(cacheDir, 'image-lookups.context.json');
  });
  afterAll(() => emulator.stop());

  /** Runs the example on the shared cache; returns the run, the requests it sent, and all it produced. */
  async function runMode(name: string, via: 'node' | 'cdktf synth', env: NodeJS.ProcessEnv = {}) {
    const before = emulator.recordedRequests.length;
    const dir = runDir(name);
    const run = await runApp('example', via, dir, markerEnv(dir, emulator.origin, cacheFile, env));
    const requests = emulator.recordedRequests.slice(before);
    return { run, requests, produced: producedBy(run, ...filesUnder(cacheDir), emulatorReports(emulator)) };
  }

  function cachedKeys(): string[] {
    return Object.keys(JSON.parse(fs.readFileSync(cacheFile, 'utf8')).entries);
  }

  // The modes run in this order on one cache file: cold fills it, the others read or refresh it.
  // Each run is scanned for every signature sent so far, its own and the earlier runs'.
  // 7 calls: 2 GetImageShareUinInfo (10 images each), 1 GetImageInfos, 4 DescribeImageSharePermission (TC3, one image each).
  test('auto on a cold cache, through the real `npx cdktf synth`: 17 lookups fetched in 7 signed calls, no secret anywhere', async () => {
    const { run, requests, produced } = await runMode('auto-cold', 'cdktf synth');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/17 lookups \(0 from cache, 17 fetched with 7 API calls, 0 discovery-only\) in 2 rounds, mode auto/);
    expect(stacksOf(run)).toEqual(EXAMPLE_STACKS);
    expect(cachedKeys()).toHaveLength(17);
    // The debug log is on, and scanned: one answer line per call (cdktf relays the app's stderr on its stdout).
    expect(`${run.stdout}${run.stderr}`.match(/image-lookups debug: .* attempt=1 answer status=200/g)).toHaveLength(7);
    expect(requests).toHaveLength(7);
    expectSignedWithMarkers(requests);
    expectNoLeaks(produced, signaturesOf(emulator.recordedRequests));
  }, 120_000);

  test.each([
    ['auto on the warm cache: every lookup from the cache', 'auto-warm', {}, 'auto'],
    ['offline with the credentials still set', 'offline', { IMAGE_LOOKUPS_MODE: 'offline' }, 'offline'],
  ] as const)('%s, no call, no secret', async (_what, name, env, mode) => {
    const { run, requests, produced } = await runMode(name, 'node', env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`17 lookups \\(17 from cache, 0 fetched with 0 API calls, 0 discovery-only\\) in 1 round, mode ${mode}`));
    expect(stacksOf(run)).toEqual(EXAMPLE_STACKS);
    expect(requests).toEqual([]);
    expectNoLeaks(produced, signaturesOf(emulator.recordedRequests));
  }, 60_000);

  test('refresh: every lookup fetched again in 7 freshly signed calls, no secret', async () => {
    const { run, requests, produced } = await runMode('refresh', 'node', { IMAGE_LOOKUPS_MODE: 'refresh' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/17 lookups \(0 from cache, 17 fetched with 7 API calls, 0 discovery-only\) in 2 rounds, mode refresh/);
    expect(stacksOf(run)).toEqual(EXAMPLE_STACKS);
    expect(cachedKeys()).toHaveLength(17);
    expect(requests).toHaveLength(7);
    expectSignedWithMarkers(requests);
    expectNoLeaks(produced, signaturesOf(emulator.recordedRequests));
  }, 60_000);
});

test('GET, where the key ID, token and signature travel in the URL query: none in the debug log or anywhere else', async () => {
  const emulator = await startMarkerEmulator();
  try {
    const dir = runDir('get');
    const run = await runApp('transportFixture', 'node', dir, markerEnv(dir, emulator.origin, path.join(dir, 'cache.json'), {
      SECRET_SCAN_TRANSPORT: JSON.stringify({ httpMethod: 'GET' } satisfies TransportProps),
    }));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/fetched with 2 API calls/);
    const requests = emulator.recordedRequests;
    expect(requests.map((request) => request.method)).toEqual(['GET', 'GET']);
    // The query does carry them, so a debug log that printed the URL whole would leak them.
    for (const request of requests) expect(request.url.searchParams.get('Signature')).toBeTruthy();
    expect(run.stderr).toMatch(/attempt=1 request GET http:\/\/127\.0\.0\.1:\d+\/v2\/index\.php/);
    expectSignedWithMarkers(requests);
    expectNoLeaks(producedBy(run, emulatorReports(emulator)), signaturesOf(requests));
  } finally {
    await emulator.stop();
  }
}, 60_000);

/** One failing run: how to make it fail, and how its failure must read. */
interface ErrorRun {
  readonly name: string;
  readonly app: AppName;
  readonly transport?: TransportProps;
  readonly env?: NodeJS.ProcessEnv;
  readonly emulator?: Partial<EmulatorOptions>;
  /** The fault the emulator answers every request with. */
  readonly emulatorFault?: EmulatorFault;
  /** Send the requests to a port where nothing listens. */
  readonly refused?: boolean;
  /** What stderr must say: the error's code and its telling detail. */
  readonly expected: readonly RegExp[];
  /** Further checks of what happened, given the emulator after the run. */
  readonly check?: (emulator: Emulator) => void;
}

// Where the example's default retries (3, from 200 ms) would only add waiting.
const FAST_RETRY = { retries: 1, baseDelayMs: 1, maxDelayMs: 1 };

const ERROR_RUNS: readonly ErrorRun[] = [
  // One cloud at a time: a failed synth reports its first failed call, and each API words its refusal its own way.
  {
    name: 'bad signature: the Tencent secret key is wrong',
    app: 'example',
    env: { TENCENTCLOUD_SECRET_KEY: WRONG_KEYS.tencent },
    expected: [/code 4100/, /AuthFailure\.SignatureFailure/],
  },
  {
    name: 'bad signature: the VOD AccessKey secret is wrong',
    app: 'example',
    env: { ALICLOUD_SECRET_KEY: WRONG_KEYS.aliyun },
    // VOD's refusal quotes its string to sign, key ID and token included: the message shows them redacted.
    expected: [/The API answered SignatureDoesNotMatch \(HTTP 400\)/, /AccessKeyId%3D\*\*\*%26/, /SecurityToken%3D\*\*\*%26/],
  },
  {
    name: 'timeout: the emulator answers after 3 s, timeoutMs is 100',
    app: 'transportFixture',
    transport: { timeoutMs: 100, retry: FAST_RETRY },
    emulator: { latencyMs: 3000 },
    expected: [/No complete answer within timeoutMs 100 ms/, /attempt 2\)/],
  },
  {
    name: '5xx: HTTP 503 with a load balancer\'s HTML page on every request',
    app: 'transportFixture',
    transport: { retry: FAST_RETRY },
    emulator: { serverErrorRate: 1 },
    expected: [/Unexpected answer \(HTTP 503\): the body is not JSON/],
  },
  {
    name: '5xx: VOD\'s InternalError, HTTP 500 with the API\'s JSON body',
    app: 'transportFixture',
    transport: { retry: FAST_RETRY },
    env: { SECRET_SCAN_CLOUDS: 'aliyun' },
    emulatorFault: 'internalError',
    expected: [/The API answered InternalError \(HTTP 500\)/, /RequestId [0-9A-F-]{36}/],
  },
  {
    name: 'the Tencent API\'s internal error (code 6000)',
    app: 'transportFixture',
    transport: { retry: FAST_RETRY },
    env: { SECRET_SCAN_CLOUDS: 'tencent' },
    emulatorFault: 'internalError',
    expected: [/The API answered code 6000/],
  },
  {
    name: 'refused connection: nothing listens at the endpoint',
    app: 'example',
    refused: true,
    expected: [/The request got no answer: ECONNREFUSED/],
  },
  ...([302, 307] as const).map((status): ErrorRun => ({
    name: `redirect: HTTP ${status} to another origin (localhost) of the same emulator`,
    app: 'example',
    emulatorFault: `redirect${status}`,
    expected: [new RegExp(`redirect \\(HTTP ${status}\\) to http://localhost:\\d+; redirects are never followed`)],
    // Neither followed (which would reach this emulator again) nor retried: one request per call (7: the 4 over API 3.0 included).
    check: (emulator) => {
      expect(emulator.stats.requests).toBe(7);
      expect(emulator.faultsAnswered).toEqual({ [`redirect${status}`]: 7 });
    },
  })),
];

describe.each(ERROR_RUNS)('error run, $name', (errorRun) => {
  test('fails the synth with the error that says so, and nothing produced holds a secret', async () => {
    const emulator = await startMarkerEmulator(errorRun.emulator);
    try {
      // More than the run can consume; the emulator is this run's alone.
      if (errorRun.emulatorFault) emulator.injectFaults(errorRun.emulatorFault, 100);
      const endpoint = errorRun.refused ? `http://127.0.0.1:${await closedPort()}` : emulator.origin;
      const dir = runDir(`error-${ERROR_RUNS.indexOf(errorRun)}`);
      const run = await runApp(errorRun.app, 'node', dir, markerEnv(dir, endpoint, path.join(dir, 'image-lookups.context.json'), {
        ...errorRun.env,
        ...(errorRun.transport ? { SECRET_SCAN_TRANSPORT: JSON.stringify(errorRun.transport) } : {}),
      }));
      expect(run.code).toBe(1);
      expect(stacksOf(run)).toEqual([]);
      for (const expected of errorRun.expected) expect(run.stderr).toMatch(expected);
      if (errorRun.refused) {
        expect(emulator.recordedRequests).toEqual([]);
      } else {
        expectSignedWithMarkers(emulator.recordedRequests);
      }
      errorRun.check?.(emulator);
      expectNoLeaks(producedBy(run, emulatorReports(emulator)), signaturesOf(emulator.recordedRequests));
    } finally {
      await emulator.stop();
    }
  }, 60_000);
});
