// `image-lookups refresh` and `list` as a scheduled pipeline lives them: the real bin as a process,
// on the cache app, against the bundled emulator whose data the test changes between runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDirs } from '../support/fixtures';
import { cacheEnvOf, emulatorOfDataFile, runApp as runCacheApp, runCli } from './cache-app/cache-app-cli';

const tempDir = tempDirs();
const emulator = emulatorOfDataFile();
afterEach(() => emulator.reset());

const cacheEnv = (cacheFile: string, extra: NodeJS.ProcessEnv = {}) => cacheEnvOf(emulator, cacheFile, extra);

const runApp = (env: NodeJS.ProcessEnv) => runCacheApp(env, tempDir());

/** The lines of `after` that `before` lacks. */
function newLines(before: string, after: string): string[] {
  const old = new Set(before.split('\n'));
  return after.split('\n').filter((line) => !old.has(line));
}

async function filledCache(): Promise<string> {
  const cacheFile = path.join(tempDir(), 'image-lookups.context.json');
  const first = await runCli(['refresh'], cacheEnv(cacheFile));
  expect(first.code).toBe(0);
  return cacheFile;
}

describe('image-lookups refresh: the file changes only where an answer did', () => {
  test('a refresh against unchanged data says unchanged and changes one line, the refresh time', async () => {
    const cacheFile = await filledCache();
    const before = fs.readFileSync(cacheFile, 'utf8');
    const run = await runCli(['refresh'], cacheEnv(cacheFile));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('image-lookups: answers: unchanged');
    expect(run.stdout).toMatch(/unchanged \(refresh time recorded\)/);
    const after = fs.readFileSync(cacheFile, 'utf8');
    const added = newLines(before, after);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^ {2}"refreshedAt": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ",$/);
    // Nothing else moved: removing the (old and new) refresh time lines gives equal files.
    const withoutRefreshedAt = (text: string) => text.split('\n').filter((line) => !line.includes('"refreshedAt"')).join('\n');
    expect(withoutRefreshedAt(after)).toBe(withoutRefreshedAt(before));
  });

  test('one image\'s sharing changed: only its entry and the refresh time change, and the summary names its key', async () => {
    const cacheFile = await filledCache();
    const before = fs.readFileSync(cacheFile, 'utf8');
    emulator.change((data) => { data.tencent.regions['ap-guangzhou']['img-6pb6lrmy'].push({ uin: '100000000099', shareTimeStamp: '2026-11-30 10:00:00' }); });
    const run = await runCli(['refresh'], cacheEnv(cacheFile));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('image-lookups: answers: 1 changed, 0 added, 0 removed');
    expect(run.stdout).toMatch(/ {2}changed tencent:GetImageShareUinInfo:region=ap-guangzhou:.*imageId=img-6pb6lrmy/);
    const before_ = JSON.parse(before);
    const after = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    const changedKeys = Object.keys(after.entries).filter((key) => JSON.stringify(after.entries[key]) !== JSON.stringify(before_.entries[key]));
    expect(changedKeys).toEqual([expect.stringMatching(/imageId=img-6pb6lrmy$/)]);
  });

  test('no VOD URL expiry is cached: the entry of an unchanged VOD image survives a refresh byte for byte', async () => {
    const cacheFile = await filledCache();
    const vodEntry = (file: string) => {
      const entries = JSON.parse(fs.readFileSync(file, 'utf8')).entries as Record<string, unknown>;
      const key = Object.keys(entries).find((candidate) => candidate.startsWith('aliyun:'));
      expect(key).toBeDefined();
      return JSON.stringify(entries[key!]);
    };
    const before = vodEntry(cacheFile);
    expect(before).not.toContain('expiresAt');
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the emulator signs the next answer at a later second
    expect((await runCli(['refresh'], cacheEnv(cacheFile))).code).toBe(0);
    expect(vodEntry(cacheFile)).toBe(before);
  });
});

describe('image-lookups list: age and staleness', () => {
  test('each entry shows when it was last verified, its age and its status; stale ones are counted, with the command', async () => {
    const cacheFile = await filledCache();
    const fresh = await runCli(['list', '--cache', cacheFile], { IMAGE_LOOKUPS_MAX_AGE: '7d' });
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toMatch(/KEY +OUTCOME +VERIFIED AT +AGE +STATUS/);
    expect(fresh.stdout).toMatch(/imageId=img-jgggrva9 +found +\S+Z +\d+s +ok/);
    expect(fresh.stdout).toMatch(/0 stale \(maxAge 604800s\), 0 not found, last full refresh 20\d\d-/);

    // Age the file by a week: every entry is stale by a 1-day maxAge.
    const aged = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    aged.refreshedAt = weekAgo;
    for (const entry of Object.values<{ fetchedAt: string }>(aged.entries)) entry.fetchedAt = weekAgo;
    fs.writeFileSync(cacheFile, JSON.stringify(aged, null, 2));
    const stale = await runCli(['list', '--cache', cacheFile], { IMAGE_LOOKUPS_MAX_AGE: '1d' });
    expect(stale.stdout).toMatch(/imageId=img-jgggrva9 +found +\S+Z +7d +stale/);
    expect(stale.stdout).toMatch(/Verify them again with: npx image-lookups refresh --cache /);

    const json = JSON.parse((await runCli(['list', '--json', '--cache', cacheFile], { IMAGE_LOOKUPS_MAX_AGE: '1d' })).stdout);
    expect(json[0]).toMatchObject({ stale: true, verifiedAt: weekAgo, ageSeconds: expect.any(Number) });
  });

  test('a "not found" shows when auto mode asks again', async () => {
    const cacheFile = path.join(tempDir(), 'image-lookups.context.json');
    emulator.change((data) => { delete data.tencent.regions['ap-guangzhou']['img-6pb6lrmy']; });
    expect((await runCli(['refresh'], cacheEnv(cacheFile))).code).toBe(0);
    const list = await runCli(['list', '--cache', cacheFile]);
    expect(list.stdout).toMatch(/imageId=img-6pb6lrmy +notFound +\S+Z +\d+s +not found: asked again after \d+m/);
    expect(list.stdout).toContain('1 not found');
  });
});

describe('stale entries fail when asked to: one line, not one per key', () => {
  test('offline with a short maxAge warns in one line; IMAGE_LOOKUPS_FAIL_ON_STALE=1 fails the synth with it', async () => {
    const cacheFile = await filledCache();
    await new Promise((resolve) => setTimeout(resolve, 2100)); // the entries are now older than 1 s
    const env = cacheEnv(cacheFile, { IMAGE_LOOKUPS_MODE: 'offline', IMAGE_LOOKUPS_MAX_AGE: '1s' });
    const synth = await runApp(env);
    expect(synth.code).toBe(0);
    expect(synth.stdout.split('\n').filter((line) => /stale/.test(line))).toEqual([
      expect.stringMatching(/^image-lookups: warning: 4 cached lookups are stale \(.*\)\. Verify them again with: npx image-lookups refresh --cache \/\S+\/image-lookups\.context\.json$/),
    ]);
    const failedSynth = await runApp({ ...env, IMAGE_LOOKUPS_FAIL_ON_STALE: '1' });
    expect(failedSynth.code).toBe(1);
    expect(failedSynth.stderr).toMatch(/image-lookups: 4 cached lookups are stale .*failOnStale is on, by the option or IMAGE_LOOKUPS_FAIL_ON_STALE=1/);

    const check = await runCli(['check', '--out', tempDir()], env);
    expect(check.code).toBe(0);
    const staleLines = check.stderr.split('\n').filter((line) => /stale/.test(line));
    expect(staleLines).toHaveLength(1);
    expect(staleLines[0]).toMatch(/image-lookups check: warning: 4 cached lookups are stale .*--fail-on-stale/);

    const failed = await runCli(['check', '--fail-on-stale', '--out', tempDir()], env);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/image-lookups check: failed: 4 cached lookups are stale \(last verified longer ago than their maxAge; the oldest, \S+, \d+s ago\)\. Verify them again with: npx image-lookups refresh/);
    const byEnv = await runCli(['check', '--out', tempDir()], { ...env, IMAGE_LOOKUPS_FAIL_ON_STALE: '1' });
    expect(byEnv.code).toBe(1);
  });
});
