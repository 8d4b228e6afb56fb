// Progress as a pipeline sees it: a synthWithLookups() app run as its own process with pipes for
// stdout and stderr (not a terminal, as under `cdktf synth` or in CI), against the emulator, whose
// latency makes the fetch outlast the progress interval.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { API_LIST } from '../../src/apis';
import { sharedEmulator } from '../support/emulator-fixture';
import { tempDirs } from '../support/fixtures';
import { PROGRESS_APP_IMAGE_IDS } from './fixtures/progress-app';

const ROOT = path.resolve(__dirname, '../..');
const APP = path.join(__dirname, 'fixtures/progress-app.ts');
const TS_NODE = require.resolve('ts-node/register/transpile-only');
const tempDir = tempDirs();

const TENCENT_KEY = { secretId: 'AKIDprogressProcess01', secretKey: 'progressProcessSecret01' };
const VOD_KEY = { accessKeyId: 'LTAIprogressProcess01', accessKeySecret: 'progressProcessSecret1' };
/** Per answer; with one call at a time, the 6 calls take at least 1.2 s: many progress intervals. */
const LATENCY_MS = 200;
const INTERVAL_MS = 50;

const emulator = sharedEmulator({
  credentials: { tencent: [TENCENT_KEY], aliyun: [VOD_KEY] },
  tencent: { maxImgShareNum: 50, regions: { 'ap-guangzhou': Object.fromEntries(PROGRESS_APP_IMAGE_IDS.map((imageId) => [imageId, []])) } },
  aliyun: { images: {} },
}, { latencyMs: LATENCY_MS });

interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }

/** Runs the app in a fresh directory on a cold cache, its env built from nothing but what it needs. */
function runApp(env: NodeJS.ProcessEnv): Promise<Run> {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'home'));
  const credentials: Record<string, unknown> = { tencent: TENCENT_KEY, aliyun: VOD_KEY };
  const child = spawn(process.execPath, ['-r', TS_NODE, APP], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: path.join(dir, 'home'),
      TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json'),
      CHECKPOINT_DISABLE: '1',
      // Every API the library knows goes to the emulator.
      ...Object.assign({}, ...API_LIST.map((api) => api.emulatorEnv(emulator.current.origin, credentials[api.emulator.section.name] as never))),
      IMAGE_LOOKUPS_CACHE: path.join(dir, 'image-lookups.context.json'),
      IMAGE_LOOKUPS_CONCURRENCY: '1',
      IMAGE_LOOKUPS_PROGRESS_INTERVAL_MS: String(INTERVAL_MS),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const PROGRESS_LINE = /^image-lookups: fetching: [0-6]\/6 API calls done, 0 retries, 0 throttled answers; \d+s elapsed(, about \d+s left)?$/;

test('stderr not a terminal: plain progress lines on stdout, before the summary; nothing on stderr', async () => {
  const run = await runApp({});
  expect(run.code).toBe(0);
  const lines = run.stdout.trimEnd().split('\n');
  const progress = lines.filter((line) => line.startsWith('image-lookups: fetching:'));
  expect(progress.length).toBeGreaterThan(0);
  for (const line of progress) expect(line).toMatch(PROGRESS_LINE);
  const summaryAt = lines.findIndex((line) => line.startsWith('image-lookups: 56 lookups'));
  expect(summaryAt).toBeGreaterThan(lines.lastIndexOf(progress.at(-1)!));
  expect(lines[summaryAt]).toContain('fetched with 6 API calls, 0 discovery-only');
  expect(run.stderr).not.toContain('fetching');
  expect(run.stderr).not.toContain('\u001b[');
  expect(emulator.current.stats.requests).toBe(6);
}, 60_000);

test('IMAGE_LOOKUPS_PROGRESS=0: no progress line anywhere, the same summary', async () => {
  const run = await runApp({ IMAGE_LOOKUPS_PROGRESS: '0' });
  expect(run.code).toBe(0);
  expect(`${run.stdout}${run.stderr}`).not.toContain('fetching');
  expect(run.stdout).toContain('fetched with 6 API calls, 0 discovery-only');
  expect(emulator.current.stats.requests).toBe(6);
}, 60_000);

test('a bad IMAGE_LOOKUPS_PROGRESS fails before any request, naming the variable', async () => {
  const run = await runApp({ IMAGE_LOOKUPS_PROGRESS: 'sometimes' });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/IMAGE_LOOKUPS_PROGRESS.*"sometimes" is not a switch; use 1 \(on\) or 0 \(off\)/);
  expect(emulator.current.stats.requests).toBe(0);
}, 60_000);
