// Errors that say what to do, as a pipeline meets them: the real bin (and the cache app's own
// command, as `cdktf synth` runs it) as processes, against the bundled emulator or a closed port.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDirs } from '../support/fixtures';
import { closedPort } from '../support/loopback-http';
import { CACHE_APP_DIR, cacheEnvOf, emulatorEnv, emulatorOfDataFile, runApp as runCacheApp, runCli, VOD_IMAGE } from './cache-app/cache-app-cli';

const tempDir = tempDirs();
const emulator = emulatorOfDataFile();
const GUANGZHOU_KEY = 'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-jgggrva9';

const cacheEnv = (cacheFile: string, extra: NodeJS.ProcessEnv = {}) => cacheEnvOf(emulator, cacheFile, extra);

const runApp = (env: NodeJS.ProcessEnv) => runCacheApp(env, tempDir());

async function filledCache(): Promise<string> {
  const cacheFile = path.join(tempDir(), 'image-lookups.context.json');
  expect((await runCli(['refresh'], cacheEnv(cacheFile))).code).toBe(0);
  emulator.current.resetStats();
  return cacheFile;
}

describe('a GLOB that matches no key is an error naming it and the closest keys', () => {
  test('refresh GLOB with a region typo exits 1 having fetched nothing; the same glob spelled right refreshes', async () => {
    const cacheFile = await filledCache();
    const before = fs.readFileSync(cacheFile, 'utf8');

    const typo = await runCli(['refresh', 'tencent:*:region=ap-guangzou:*'], cacheEnv(cacheFile));
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/refresh tencent:\*:region=ap-guangzou:\*: no key matches it among the \d+ keys this app requests, so nothing was refreshed\./);
    expect(typo.stderr).toMatch(/The closest keys:\n {2}- tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-/);
    expect(emulator.current.stats.requests).toBe(0);
    expect(fs.readFileSync(cacheFile, 'utf8')).toBe(before);

    const right = await runCli(['refresh', 'tencent:*:region=ap-guangzhou:*'], cacheEnv(cacheFile));
    expect(right.code).toBe(0);
    expect(emulator.current.stats.requests).toBeGreaterThan(0);
  });

  test('reset GLOB with a typo exits 1, names the closest cached keys, and leaves the file alone', async () => {
    const cacheFile = await filledCache();
    const before = fs.readFileSync(cacheFile, 'utf8');
    const run = await runCli(['reset', `aliyun:*:region=cn-shanghia:*`, '--cache', cacheFile]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`reset aliyun:*:region=cn-shanghia:*: no key matches it among the ${Object.keys(JSON.parse(before).entries).length} keys cached in ${cacheFile}, so nothing was reset.`);
    expect(run.stderr).toMatch(new RegExp(`The closest keys:\\n {2}- aliyun:vod\\.GetImageInfo:region=cn-shanghai:.*imageId=${VOD_IMAGE}`));
    expect(run.stderr).toContain(`npx image-lookups list --cache ${cacheFile} shows every cached key`);
    expect(fs.readFileSync(cacheFile, 'utf8')).toBe(before);
  });
});

describe('a damaged cache file', () => {
  test('list on a file with merge conflict markers names every marker line and the fix', async () => {
    const cacheFile = await filledCache();
    const lines = fs.readFileSync(cacheFile, 'utf8').split('\n');
    const at = lines.findIndex((line) => line.includes('"fetchedAt"'));
    lines.splice(at, 1, '<<<<<<< HEAD', lines[at], '=======', lines[at].replace(/\d{4}-/, '2001-'), '>>>>>>> scheduled-refresh');
    fs.writeFileSync(cacheFile, lines.join('\n'));

    const run = await runCli(['list', '--cache', cacheFile]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`conflict marker lines ${at + 1}: "<<<<<<< HEAD", ${at + 3}: "=======", ${at + 5}: ">>>>>>> scheduled-refresh"`);
    expect(run.stderr).toContain('Resolve the conflict and keep one side of each, or take one side of the whole file');
    expect(run.stderr).toContain(`npx image-lookups refresh --cache ${cacheFile}`);
  });
});

describe('offline misses', () => {
  test('every missing key is listed, then one short glob covering them, with --cache for a cache that is not the default', async () => {
    const run = await runApp({ IMAGE_LOOKUPS_MODE: 'offline', IMAGE_LOOKUPS_CACHE: 'ci/absent-cache.json', CACHE_APP_SCENARIO: 'tencent-only' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`lookup(s) are not in ${path.join(CACHE_APP_DIR, 'ci/absent-cache.json')}:`);
    expect(run.stderr).toContain(`  - ${GUANGZHOU_KEY}\n`);
    expect(run.stderr).toContain('  - tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-6pb6lrmy\n');
    expect(run.stderr).toContain("  npx image-lookups refresh 'tencent:GetImageShareUinInfo:region=ap-guangzhou:*' --cache ci/absent-cache.json");
    expect(fs.existsSync(path.join(CACHE_APP_DIR, 'ci'))).toBe(false);
  });
});

describe('a refused connection', () => {
  test('names ECONNREFUSED, asks whether the emulator is running, and names the env var that set the endpoint', async () => {
    const data = JSON.parse(fs.readFileSync(emulator.dataFile, 'utf8'));
    const cacheFile = path.join(tempDir(), 'image-lookups.context.json');
    // The emulator's credentials, but every endpoint on a closed loopback port: an emulator that is not running.
    const origin = `http://127.0.0.1:${await closedPort()}`;
    const env = { ...emulatorEnv(origin, data), IMAGE_LOOKUPS_CACHE: cacheFile, CACHE_APP_SCENARIO: 'tencent-only' };
    const run = await runApp(env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ECONNREFUSED');
    expect(run.stderr).toContain('is the server running (for a loopback endpoint, the emulator');
    expect(run.stderr).toContain(`The endpoint ${origin} comes from TENCENTCLOUD_IMAGE_ENDPOINT.`);
    expect(run.stderr).not.toContain('fetch failed');
  });
});
