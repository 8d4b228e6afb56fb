import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { Emulator } from '../../src/emulator';
import { isolateEnv, tempDirs } from '../support/fixtures';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE_DATA = path.join(ROOT, 'examples/golden-image-audit/emulator-data.json');
const GUANGZHOU_IMAGE = 'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-jgggrva9';

isolateEnv();
const tempDir = tempDirs();
let emulator: Emulator;
beforeAll(async () => { emulator = await Emulator.start({ data: EXAMPLE_DATA }); });
afterAll(() => emulator.stop());
beforeEach(() => emulator.resetStats());

/** Runs the CLI in-process and collects what it prints, and what the app it runs prints (never this process's own stdout). */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string; app: string }> {
  const out: string[] = [];
  const err: string[] = [];
  let app = '';
  const code = await main(argv, (line) => out.push(line), (line) => err.push(line), (chunk) => { app += chunk; });
  return { code, out: out.join('\n'), err: err.join('\n'), app };
}

/** Points the example app at the test emulator, as a developer with credentials for both clouds would. */
function useEmulatorCredentials(): void {
  const { tencent: [tencent], aliyun: [aliyun] } = JSON.parse(fs.readFileSync(EXAMPLE_DATA, 'utf8')).credentials;
  Object.assign(process.env, {
    TENCENTCLOUD_IMAGE_ENDPOINT: emulator.origin, TENCENTCLOUD_CVM_ENDPOINT: emulator.origin, TENCENTCLOUD_SECRET_ID: tencent.secretId, TENCENTCLOUD_SECRET_KEY: tencent.secretKey,
    ALICLOUD_VOD_ENDPOINT: emulator.origin, ALICLOUD_ACCESS_KEY: aliyun.accessKeyId, ALICLOUD_SECRET_KEY: aliyun.accessKeySecret,
  });
}

function cacheKeys(file: string): string[] {
  return Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')).entries);
}

describe('refresh', () => {
  test('runs the app from cdktf.json in refresh mode and fills the cache', async () => {
    useEmulatorCredentials();
    const cache = path.join(tempDir(), 'cache.json');

    const { code, out, app } = await cli('refresh', '--cache', cache);

    expect({ code, out }).toMatchObject({ code: 0, out: expect.stringContaining('Refreshing every lookup') });
    // The app's summary reaches the caller's collector, not this process's stdout.
    expect(app).toMatch(/^image-lookups: 17 lookups \(0 from cache, 17 fetched/m);
    expect(emulator.stats.byAction).toEqual({ GetImageShareUinInfo: 2, DescribeImageSharePermission: 4, GetImageInfos: 1 });
    expect(cacheKeys(cache)).toHaveLength(17);
  });

  test('with a GLOB, refetches only the matching lookups', async () => {
    useEmulatorCredentials();
    const cache = path.join(tempDir(), 'cache.json');
    expect((await cli('refresh', '--cache', cache)).code).toBe(0);
    const before = JSON.parse(fs.readFileSync(cache, 'utf8')).entries;
    emulator.resetStats();

    expect((await cli('refresh', 'tencent:*:region=ap-shanghai:*', '--cache', cache)).code).toBe(0);

    expect(emulator.stats.requests).toBe(1);
    const after = JSON.parse(fs.readFileSync(cache, 'utf8')).entries;
    expect(after[GUANGZHOU_IMAGE]).toEqual(before[GUANGZHOU_IMAGE]);
  });

  test('fails with exit code 1 when the app fails', async () => {
    // No credentials: the app cannot fetch and says so.
    const { code, app } = await cli('refresh', '--cache', path.join(tempDir(), 'cache.json'));
    expect(code).toBe(1);
    expect(app).toContain('image-lookups: credentials: Tencent Cloud credentials are needed');
    expect(emulator.stats.requests).toBe(0);
  });
});

describe('list and reset', () => {
  let cache: string;
  beforeEach(async () => {
    useEmulatorCredentials();
    cache = path.join(tempDir(), 'cache.json');
    expect((await cli('refresh', '--cache', cache)).code).toBe(0);
  });

  test('list prints a table of keys, outcomes, verification times, ages and statuses', async () => {
    const { code, out } = await cli('list', '--cache', cache);
    expect(code).toBe(0);
    expect(out).toMatch(/^KEY\s+OUTCOME\s+VERIFIED AT\s+AGE\s+STATUS$/m);
    expect(out).toMatch(new RegExp(`^${GUANGZHOU_IMAGE}\\s+found\\s+\\S+Z\\s+\\d+s\\s+ok$`, 'm'));
    expect(out).toContain(`17 lookups in ${cache}: no maxAge set`);
  });

  test('list --json prints the entries as JSON', async () => {
    const { code, out } = await cli('list', '--json', '--cache', cache);
    expect(code).toBe(0);
    const entries = JSON.parse(out);
    expect(entries).toHaveLength(17);
    expect(entries.find((entry: { key: string }) => entry.key === GUANGZHOU_IMAGE)).toMatchObject({ outcome: 'found', provider: 'tencent:GetImageShareUinInfo' });
  });

  test('reset drops the matching entries', async () => {
    const { code, out } = await cli('reset', 'tencent:*:region=ap-guangzhou:*', '--cache', cache);
    expect(code).toBe(0);
    // Both APIs' keys: 4 images and the quota over GetImageShareUinInfo, the same 4 images over DescribeImageSharePermission.
    expect(out).toContain('9 lookups reset');
    expect(cacheKeys(cache)).toHaveLength(8);
    expect(cacheKeys(cache).some((key) => key.includes('ap-guangzhou'))).toBe(false);
  });

  test('reset fails when nothing matches, and leaves the file alone', async () => {
    const before = fs.readFileSync(cache);
    const { code, err } = await cli('reset', 'tencent:*:region=eu-frankfurt:*', '--cache', cache);
    expect(code).toBe(1);
    expect(err).toContain('reset tencent:*:region=eu-frankfurt:*: no key matches it among the 17 keys cached in');
    expect(err).toContain('nothing was reset');
    expect(fs.readFileSync(cache).equals(before)).toBe(true);
  });
});

describe('list and reset of a missing or empty cache', () => {
  test('list --cache FILE of a file that does not exist says so and fails', async () => {
    const file = path.join(tempDir(), 'missing', 'dir', 'x.json');
    const { code, out, err } = await cli('list', '--cache', file);
    expect({ code, out }).toEqual({ code: 1, out: '' });
    expect(err).toContain(`--cache: there is no lookup cache at ${file}. Check the path`);
  });

  test('list in a project without a cache file yet says so, with the path, and succeeds', async () => {
    const file = path.join(tempDir(), 'image-lookups.context.json');
    process.env.IMAGE_LOOKUPS_CACHE = file;
    const { code, out } = await cli('list');
    expect(code).toBe(0);
    expect(out).toContain(`No cache file yet: ${file}.`);
    expect(fs.existsSync(file)).toBe(false);
  });

  test('list of a cache file without entries says so', async () => {
    const file = path.join(tempDir(), 'cache.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, entries: {} }));
    expect(await cli('list', '--cache', file)).toMatchObject({ code: 0, out: expect.stringContaining(`No lookups cached in ${file}.`) });
  });

  test('reset --cache FILE of a file that does not exist says so, fails, and creates nothing', async () => {
    const dir = tempDir();
    const { code, err } = await cli('reset', '*', '--cache', path.join(dir, 'x.json'));
    expect(code).toBe(1);
    expect(err).toContain(`there is no lookup cache at ${path.join(dir, 'x.json')}`);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('usage', () => {

  test.each([
    ['no command', []],
    ['an unknown command', ['frobnicate']],
    ['reset without a GLOB', ['reset']],
    ['an unknown option', ['list', '--colour']],
    ['too many arguments', ['refresh', 'a', 'b']],
    ['emulator without --data', ['emulator']],
    ['a bad port', ['emulator', '--data', 'x.json', '--port', 'eighty']],
    ['an empty --cache', ['list', '--cache=']],
  ])('%s is bad usage: exit code 2 with the usage text', async (_, argv) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toContain('Usage: image-lookups <command>');
  });

  test.each([
    ['--port', '0x1F91'], ['--port', '-1'], ['--port', '80.5'], ['--port', '65536'], ['--port', '1e3'], ['--port', ' 80'], ['--port', ''],
    ['--latency', '-5'], ['--latency', '0x10'], ['--latency', '600001'], ['--latency', '2.5'],
    ['--throttle-rate', '1.5'], ['--throttle-rate', '-0.1'], ['--throttle-rate', '0x1'], ['--throttle-rate', '5e-1'], ['--throttle-rate', 'half'],
    ['--error-rate', '-1'], ['--error-rate', 'NaN'], ['--error-rate', '1.01'],
  ])('emulator %s %j is bad usage naming the flag, written with a space or an =', async (flag, value) => {
    for (const argv of [[flag, value], [`${flag}=${value}`]]) {
      const { code, err } = await cli('emulator', '--data', EXAMPLE_DATA, ...argv);
      expect(code).toBe(2);
      expect(err).toContain(`image-lookups: ${flag} must be a `);
      expect(err).toContain(`got ${JSON.stringify(value)}`);
      expect(err).toContain('Usage: image-lookups <command>');
    }
  });

  test.each([
    ['reset', ['*', '--dry-run'], '--dry-run'],
    ['list', ['--quiet'], '--quiet'],
    ['refresh', ['--fail-on-stale'], '--fail-on-stale'],
    ['prune', ['--json'], '--json'],
  ])('a flag %s does not take is a usage error naming it, and changes nothing', async (command, args, flag) => {
    const file = path.join(tempDir(), 'cache.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, entries: {} }));
    const before = fs.readFileSync(file, 'utf8');
    const { code, err } = await cli(command, ...args, '--cache', file);
    expect(code).toBe(2);
    expect(err).toContain(`image-lookups: ${command} does not take ${flag}; it takes --cache`);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  test('--help prints the usage', async () => {
    expect(await cli('--help')).toMatchObject({ code: 0, out: expect.stringContaining('Exit codes: 0 ok, 1 failed (check: failing findings), 2 bad usage (check: could not run).') });
  });

  test('a damaged cache file is a failure that names the file', async () => {
    const file = path.join(tempDir(), 'cache.json');
    fs.writeFileSync(file, '<<<<<<< HEAD\n{');
    const { code, err } = await cli('list', '--cache', file);
    expect(code).toBe(1);
    expect(err).toContain(`The lookup cache ${file} is not a valid cache file: it has an unresolved merge conflict`);
  });
});
