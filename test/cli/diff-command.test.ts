// `image-lookups diff` as a scheduled job runs it: the real bin (from lib/) as a process, on a real
// app (test/cli/cache-app) fetching from the bundled emulator, whose data file changes between the
// run that filled the cache and the diff.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { API_LIST } from '../../src/apis';
import type { DiffReport } from '../../src/cli/diff-command';
import { emulatorEnv, emulatorOfDataFile, exampleData, fileState, runCli, VOD_IMAGE } from './cache-app/cache-app-cli';

const emulator = emulatorOfDataFile();
const KEYS = {
  golden: 'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-jgggrva9',
  second: 'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-6pb6lrmy',
  extra: 'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-8hw3nc5t',
  account: 'tencent:GetImageShareUinInfo:region=ap-guangzhou:scope=account',
  vod: `aliyun:vod.GetImageInfo:region=cn-shanghai:outputType=cdn:imageId=${VOD_IMAGE}`,
};
const TIMEOUT = 180_000;

let dir: string;
let cacheFile: string;
const appEnv = (scenario = 'full'): NodeJS.ProcessEnv => ({ ...emulatorEnv(emulator.current.origin, exampleData()), CACHE_APP_SCENARIO: scenario });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-lookups-diff-test-'));
  cacheFile = path.join(dir, 'image-lookups.context.json');
  const filled = await runCli(['refresh', '--cache', cacheFile], appEnv());
  expect(filled.code).toBe(0);
}, TIMEOUT);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The cloud's facts after a day of changes: shares, a share time, the quota, an image gone, and the VOD image edited. */
function changeTheCloud(): void {
  emulator.change((data) => {
    const guangzhou = data.tencent.regions['ap-guangzhou'];
    guangzhou['img-jgggrva9'] = [
      { uin: '1621874004', shareTimeStamp: '2026-05-01 08:00:00' },
      { uin: '2087654321', shareTimeStamp: '2026-05-02 09:30:00' },
    ];
    delete guangzhou['img-6pb6lrmy'];
    data.tencent.maxImgShareNum = 40;
    Object.assign(data.aliyun.images[VOD_IMAGE], {
      Status: 'Blocked',
      Title: 'Homepage hero cover - autumn sale',
      Tags: 'cover,featured',
      StorageLocation: 'outin-0000.oss-cn-beijing.aliyuncs.com',
      Mezzanine: { FileSize: '812345', Width: 1280, Height: 720, OriginalFileName: 'homepage-hero-summer.png' },
    });
  });
}

describe('image-lookups diff', () => {
  afterEach(() => emulator.reset());

  test('exit 0 when nothing changed; the cache file is not even rewritten', async () => {
    const before = fileState(cacheFile);
    const run = await runCli(['diff', '--cache', cacheFile], appEnv());
    expect(run.stderr).toContain('is only read');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^No change: the 4 lookup\(s\) the app requests, fetched again, match /);
    expect(fileState(cacheFile)).toEqual(before);
  }, TIMEOUT);

  test('exit 1 with a table of what changed per image; the cache file stays as it was', async () => {
    changeTheCloud();
    const before = fileState(cacheFile);
    // `extra` asks for an image the cache does not hold yet.
    const run = await runCli(['diff', '--cache', cacheFile], appEnv('extra'));
    expect(run.code).toBe(1);
    expect(fileState(cacheFile)).toEqual(before);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^KEY\s+KIND\s+WHAT CHANGED$/);
    const row = (key: string, kind: string, text: string) => new RegExp(`^${escape(key)}\\s+${kind}\\s+${escape(text)}$`);
    const more = (text: string) => new RegExp(`^\\s+${escape(text)}$`);
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(row(KEYS.golden, 'changed', 'shared with 1621874004 again: at 2016-01-13 15:16:53 → 2026-05-01 08:00:00')),
      expect.stringMatching(more('shared with 2087654321 (at 2026-05-02 09:30:00)')),
      expect.stringMatching(more('no longer shared with 877354327')),
      expect.stringMatching(row(KEYS.second, 'removed', 'not found any more (it was shared with 2 account(s): 1621874004, 2087654321)')),
      expect.stringMatching(row(KEYS.extra, 'added', 'new lookup: found, shared with 2 account(s): 877354327, 100000000001')),
      expect.stringMatching(row(KEYS.account, 'changed', "the account's share quota: 50 → 40")),
      expect.stringMatching(row(KEYS.vod, 'changed', 'status: Normal → Blocked')),
      expect.stringMatching(more('title: "Homepage hero cover - summer sale" → "Homepage hero cover - autumn sale"')),
      expect.stringMatching(more('size: 734003 bytes → 812345 bytes')),
      expect.stringMatching(more('dimensions: 1920×1080 → 1280×720')),
      expect.stringMatching(more('storage: outin-4f1c9a7e2b5d48e0a6c3f9b1d7e5a2c8.oss-cn-shanghai.aliyuncs.com → outin-0000.oss-cn-beijing.aliyuncs.com')),
      expect.stringMatching(more('tag "featured" added')),
      expect.stringMatching(more('tag "homepage" removed')),
    ]));
    expect(run.stdout).toContain(`5 lookup(s) differ from ${cacheFile}: 3 changed, 1 added, 1 removed. The file was not written; to update it, run: npx image-lookups refresh --cache ${cacheFile}`);
  }, TIMEOUT);

  test('--json prints the documented shape: per key its kind, API and structured changes', async () => {
    changeTheCloud();
    const run = await runCli(['diff', '--json', '--cache', cacheFile], appEnv());
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as DiffReport;
    expect(report).toMatchObject({ version: 1, cacheFile, glob: null, changed: true, summary: { added: 0, changed: 3, removed: 1 } });
    expect(report.keys.map(({ key, kind, api }) => [key, kind, api])).toEqual([
      [KEYS.vod, 'changed', 'aliyun-vod-images'],
      [KEYS.second, 'removed', 'tencent-image-shares'],
      [KEYS.golden, 'changed', 'tencent-image-shares'],
      [KEYS.account, 'changed', 'tencent-image-shares'],
    ]);
    const golden = report.keys.find((entry) => entry.key === KEYS.golden)!;
    expect(golden.imageId).toBe('img-jgggrva9');
    expect(golden.changes.map(({ text: _text, ...change }) => change)).toEqual([
      { field: 'shares', change: 'changed', item: '1621874004', before: '2016-01-13 15:16:53', after: '2026-05-01 08:00:00' },
      { field: 'shares', change: 'added', item: '2087654321', after: '2026-05-02 09:30:00' },
      { field: 'shares', change: 'removed', item: '877354327', before: '2016-01-18 13:14:17' },
    ]);
    const vod = report.keys.find((entry) => entry.key === KEYS.vod)!;
    expect(vod.changes).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'status', change: 'changed', before: 'Normal', after: 'Blocked' }),
      expect.objectContaining({ field: 'size', before: 734003, after: 812345 }),
      expect.objectContaining({ field: 'tags', change: 'removed', item: 'homepage' }),
    ]));
    expect(report.keys.find((entry) => entry.key === KEYS.account)).not.toHaveProperty('imageId');
  }, TIMEOUT);

  test('GLOB fetches and compares only the matching lookups (and what their answers bring along)', async () => {
    changeTheCloud();
    const before = fileState(cacheFile);
    const run = await runCli(['diff', 'tencent:*:imageId=img-jgggrva9', '--json', '--cache', cacheFile], appEnv());
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as DiffReport;
    expect(report.glob).toBe('tencent:*:imageId=img-jgggrva9');
    // Not the VOD image nor the other Tencent one; the account's quota comes with every Tencent answer, so it is fresh too.
    expect(report.keys.map((entry) => entry.key)).toEqual([KEYS.golden, KEYS.account]);
    expect(fileState(cacheFile)).toEqual(before);
  }, TIMEOUT);

  test('exit 2 when the app fails: no credentials', async () => {
    changeTheCloud();
    const before = fileState(cacheFile);
    const endpointsOnly = Object.fromEntries(API_LIST.flatMap((api) => api.endpointEnvVars.map((name) => [name, emulator.current.origin])));
    const run = await runCli(['diff', '--cache', cacheFile], { ...endpointsOnly, CACHE_APP_SCENARIO: 'full' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/image-lookups diff: the app failed \(exit code 1\), so nothing was compared/);
    expect(run.stdout).toBe('');
    expect(fileState(cacheFile)).toEqual(before);
  }, TIMEOUT);

  test.each<[string, readonly string[], RegExp]>([
    ['a --cache file that does not exist', ['diff', '--cache', 'no-such-cache.json'], /--cache: there is no lookup cache at .*no-such-cache\.json/],
    ['two globs', ['diff', 'tencent:*', 'aliyun:*'], /diff takes at most 1 argument/],
  ])('exit 2 before the app runs: %s', async (_what, args, message) => {
    const run = await runCli(args, appEnv());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/fetching/);
  });

  test('exit 2 when cdktf.json has no app command', async () => {
    const appless = fs.mkdtempSync(path.join(os.tmpdir(), 'image-lookups-diff-noapp-'));
    try {
      fs.writeFileSync(path.join(appless, 'cdktf.json'), '{}');
      const run = await runCli(['diff'], appEnv(), appless);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/cdktf\.json/);
    } finally {
      fs.rmSync(appless, { recursive: true, force: true });
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
