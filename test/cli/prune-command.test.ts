// `image-lookups prune` through the real bin (from lib/) as a process, on a real app
// (test/cli/cache-app) built offline: the cache is filled once from the bundled emulator, then
// every prune runs with every endpoint on a closed loopback port and no credentials.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LookupCache } from '../../src/engine/lookup-cache';
import { emulatorEnv, emulatorOfDataFile, exampleData, fileState, runCli, VOD_IMAGE } from './cache-app/cache-app-cli';

const emulator = emulatorOfDataFile();
const TENCENT_KEYS = [
  'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-6pb6lrmy',
  'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-jgggrva9',
  // The account's quota: every TencentImageShares construct requests it, so it is kept with its images.
  'tencent:GetImageShareUinInfo:region=ap-guangzhou:scope=account',
];
const VOD_KEY = `aliyun:vod.GetImageInfo:region=cn-shanghai:outputType=cdn:imageId=${VOD_IMAGE}`;
const TIMEOUT = 180_000;

let dir: string;
let filled: string;
let cacheFile: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-lookups-prune-test-'));
  filled = path.join(dir, 'filled.json');
  const run = await runCli(['refresh', '--cache', filled], { ...emulatorEnv(emulator.current.origin, exampleData()), CACHE_APP_SCENARIO: 'full' });
  expect(run.code).toBe(0);
  expect(LookupCache.load(filled).keys()).toEqual([VOD_KEY, ...TENCENT_KEYS]);
}, TIMEOUT);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  cacheFile = path.join(dir, 'image-lookups.context.json');
  fs.copyFileSync(filled, cacheFile);
});

const prune = (args: readonly string[], scenario: string) => runCli(['prune', '--cache', cacheFile, ...args], { CACHE_APP_SCENARIO: scenario });

describe('image-lookups prune', () => {
  test('drops the entries the app no longer requests and lists them; a second prune finds nothing', async () => {
    const run = await prune([], 'tencent-only');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual(expect.arrayContaining([`pruned ${VOD_KEY}`, expect.stringMatching(/^1 lookup\(s\) pruned from .*; 3 kept\.$/)]));
    expect(LookupCache.load(cacheFile).keys()).toEqual(TENCENT_KEYS);

    const again = await prune([], 'tencent-only');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Nothing to prune: the app requests all 3 lookup\(s\) in /);
  }, TIMEOUT);

  test('--dry-run lists them and writes nothing', async () => {
    const before = fileState(cacheFile);
    const run = await prune(['--dry-run'], 'tencent-only');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`would prune ${VOD_KEY}`);
    expect(run.stdout).toMatch(/1 of 4 lookup\(s\) in .* are not requested by the app; nothing written \(dry run\)\. To drop them: npx image-lookups prune --cache /);
    expect(fileState(cacheFile)).toEqual(before);
  }, TIMEOUT);

  test('an app that fails offline (a lookup missing) prunes nothing, and says to refresh first', async () => {
    const before = fileState(cacheFile);
    const run = await prune([], 'extra');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('img-8hw3nc5t');
    expect(run.stderr).toMatch(/the app failed offline \(exit code 1; see its output above\), so which lookups it requests is unknown; nothing was pruned\. If a lookup is missing from the cache, fill it first \(npx image-lookups refresh --cache .*\), then run npx image-lookups prune --cache .* again\./);
    expect(run.stdout).not.toMatch(/pruned/);
    expect(fileState(cacheFile)).toEqual(before);
  }, TIMEOUT);

  test('an app that reports no lookups prunes nothing, rather than everything', async () => {
    const before = fileState(cacheFile);
    const run = await prune([], 'no-lookups');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/reported no lookups, so nothing was pruned: pruning on no report would drop every entry/);
    expect(fileState(cacheFile)).toEqual(before);
  }, TIMEOUT);

  test('a --cache file that does not exist is an error before the app runs', async () => {
    const run = await runCli(['prune', '--cache', path.join(dir, 'missing.json')], { CACHE_APP_SCENARIO: 'full' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--cache: there is no lookup cache at .*missing\.json/);
    expect(run.stderr).not.toMatch(/building the app/);
  });
});
