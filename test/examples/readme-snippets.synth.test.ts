// The README's usage snippets are complete files under examples/readme/: this suite checks that the
// README shows them as they are, and builds each one against the emulator.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolveLookups } from '../../src/engine';
import { Emulator } from '../../src/emulator';
import { evaluateAppPolicies } from '../../src/policy/app-evaluation';
import { ImagePolicies } from '../../src/policy/image-policies';
import { GoldenImages } from '../../examples/readme/golden-images';
import { GoldenImagesOnApi3 } from '../../examples/readme/golden-images-api3';
import { MediaCovers } from '../../examples/readme/media-covers';
import { attachPolicies } from '../../examples/readme/policies';
import { appIn, isolateEnv, tempDirs } from '../support/fixtures';
import { OFFICIAL_EXAMPLE_IMAGE_ID, OFFICIAL_EXAMPLE_ONE_SHARE } from '../tencent-image-shares/fixtures';

const ROOT = path.resolve(__dirname, '../..');
const TENCENT = { secretId: 'AKIDreadmeExample0001', secretKey: 'readmeSecretKey00001' };
const ALIYUN = { accessKeyId: 'LTAIreadmeExample0001', accessKeySecret: 'readmeAccessSecret01' };
const VOD_IDS = Array.from({ length: 60 }, (_, i) => `c0fe${String(i).padStart(28, '0')}`);
const TENCENT_IDS = Array.from({ length: 40 }, (_, i) => `img-gold${String(i).padStart(4, '0')}`);

const DATA = {
  credentials: { tencent: [TENCENT], aliyun: [ALIYUN] },
  tencent: {
    maxImgShareNum: 50,
    regions: {
      'ap-guangzhou': {
        [OFFICIAL_EXAMPLE_IMAGE_ID]: OFFICIAL_EXAMPLE_ONE_SHARE,
        'img-6pb6lrmy': [],
        ...Object.fromEntries(TENCENT_IDS.map((id) => [id, [{ uin: '877354327', shareTimeStamp: '2024-03-04 10:21:08' }]])),
      },
    },
  },
  aliyun: {
    images: Object.fromEntries([...VOD_IDS, '7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c', 'a3f9c8e27b6d4c1e9f0a5b3d7e2c4f60'].map((id) =>
      [id, { Title: id, ImageType: 'cover', Status: 'Normal', Tags: 'cover', Mezzanine: { FileSize: 250000, Width: 1920, Height: 1080 } }])),
  },
};

isolateEnv();
const tempDir = tempDirs();
let emulator: Emulator;
beforeAll(async () => { emulator = await Emulator.start({ data: DATA }); });
afterAll(() => emulator.stop());
beforeEach(() => {
  emulator.resetStats();
  Object.assign(process.env, {
    TENCENTCLOUD_IMAGE_ENDPOINT: emulator.origin, TENCENTCLOUD_CVM_ENDPOINT: emulator.origin, TENCENTCLOUD_SECRET_ID: TENCENT.secretId, TENCENTCLOUD_SECRET_KEY: TENCENT.secretKey,
    ALICLOUD_VOD_ENDPOINT: emulator.origin, ALICLOUD_ACCESS_KEY: ALIYUN.accessKeyId, ALICLOUD_SECRET_KEY: ALIYUN.accessKeySecret,
  });
});

test('every TypeScript snippet in the README is a file under examples/readme/, shown as it is', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/(?:<!-- snippet: (\S+) -->\n)?```ts\n([\s\S]*?)```/g)];
  expect(blocks.length).toBeGreaterThanOrEqual(3);
  for (const [, file, shown] of blocks) {
    expect({ file, shown }).toEqual({ file: expect.stringMatching(/^examples\/readme\/[\w-]+\.ts$/), shown });
    const source = fs.readFileSync(path.join(ROOT, file), 'utf8');
    // A user imports the package; the example imports its source.
    expect(shown).toBe(source.replace("from '../../src'", "from 'cdktf-image-lookups'").replace("import '../../src/testing/jest'", "import 'cdktf-image-lookups/jest'"));
  }
});

test('main.ts synthesizes both stacks as a process, in two builds', async () => {
  const dir = tempDir();
  // Asynchronous: the emulator answers from this process's event loop.
  const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), path.join(ROOT, 'examples/readme/main.ts')], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json') },
    }, (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }));
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/image-lookups: 5 lookups \(0 from cache, 5 fetched with 2 API calls, 0 discovery-only\) in 2 rounds/);
  expect(fs.readdirSync(path.join(dir, 'cdktf.out', 'stacks')).sort()).toEqual(['golden-images', 'media-covers']);
  expect(fs.existsSync(path.join(dir, 'image-lookups.context.json'))).toBe(true);
});

test('the VOD snippet with 60 covers, each read right after it is created: 2 builds and 3 calls', async () => {
  const dir = tempDir();
  const { app, stats } = await resolveLookups((scope) => {
    new MediaCovers(scope, 'covers', { region: 'cn-shanghai', imageIds: VOD_IDS });
  }, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir) });
  app.synth();
  expect(stats).toMatchObject({ lookups: 60, fetched: 60, apiCalls: 3, rounds: 2, discoveryOnly: 0 });
  expect(emulator.stats.requests).toBe(3);
});

test('20 stacks, each reading its share lists in its constructor: 2 builds, calls at the minimum', async () => {
  const dir = tempDir();
  const { app, stats } = await resolveLookups((scope) => {
    for (let s = 0; s < 20; s++) new GoldenImages(scope, `golden-${s}`, { region: 'ap-guangzhou', imageIds: TENCENT_IDS.slice(2 * s, 2 * s + 2) });
  }, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir) });
  app.synth();
  // 40 images and the account quota, in ceil(40 / 10) calls.
  expect(stats).toMatchObject({ lookups: 41, apiCalls: 4, rounds: 2 });
});

test('the API 3.0 snippet: one call per image, the same share lists and digest as on v2', async () => {
  const dir = tempDir();
  const imageIds = [OFFICIAL_EXAMPLE_IMAGE_ID, 'img-6pb6lrmy', TENCENT_IDS[0]];
  let onApi3: GoldenImagesOnApi3 | undefined;
  let onV2: GoldenImages | undefined;
  const { app, stats } = await resolveLookups((scope) => {
    onApi3 = new GoldenImagesOnApi3(scope, 'golden-api3', { region: 'ap-guangzhou', imageIds });
    onV2 = new GoldenImages(scope, 'golden-v2', { region: 'ap-guangzhou', imageIds });
  }, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir) });
  app.synth();
  // API 3.0: 3 images in 3 calls; v2: 3 images and the account quota in 1 call.
  expect(stats).toMatchObject({ lookups: 7, apiCalls: 4, rounds: 2 });
  expect(emulator.stats.byAction).toEqual({ DescribeImageSharePermission: 3, GetImageShareUinInfo: 1 });
  const v2Shares = onV2!.node.findChild('golden') as unknown as { digest: string; sharedAccountIds(id: string): string[] };
  expect(onApi3!.shares.digest).toBe(v2Shares.digest);
  expect(imageIds.map((id) => onApi3!.shares.sharedAccountIds(id))).toEqual(imageIds.map((id) => v2Shares.sharedAccountIds(id)));
  expect(() => onApi3!.shares.maxImgShareNum).toThrow(/api/);
});

test('the policies snippet: packs, the custom rule, a suppression and a stricter failOn, evaluated over the app', async () => {
  const dir = tempDir();
  const { app } = await resolveLookups((scope) => {
    ImagePolicies.of(scope).pinClock('2026-06-01T00:00:00Z');
    new GoldenImages(scope, 'golden-images', { region: 'ap-guangzhou', imageIds: [OFFICIAL_EXAMPLE_IMAGE_ID, 'img-6pb6lrmy'] });
    const covers = new MediaCovers(scope, 'media-covers', { region: 'cn-shanghai', imageIds: ['7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c'] });
    attachPolicies(scope, covers);
  }, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir) });
  const evaluation = evaluateAppPolicies(app);
  expect(evaluation).toBeDefined();
  const { result } = evaluation!;
  expect(result.rules.map((rule) => rule.id)).toEqual(expect.arrayContaining(['TencentShares.AllowlistedAccounts', 'AliyunVod.RequiredTags', 'Acme.CoverCategory']));
  // The 2016 share is accepted, until the suppression expires.
  expect(result.suppressed.map(({ finding }) => [finding.ruleId, finding.imageId])).toEqual([['TencentShares.MaxShareAge', OFFICIAL_EXAMPLE_IMAGE_ID]]);
  // The cover has no category: a warning, which fails in the production stack (failOn warning).
  const [cover] = result.findings.filter((finding) => finding.ruleId === 'Acme.CoverCategory');
  expect(cover).toMatchObject({ severity: 'warning', constructPath: 'media-covers/7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c', evidence: { category: null } });
  expect(evaluation!.isFailing(cover)).toBe(true);
});
