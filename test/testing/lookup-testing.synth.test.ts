import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnnotationMetadataEntryType, TerraformStack, Testing, type App } from 'cdktf';
import { AliyunVodImage, vodImagesPack } from '../../src/aliyun-vod-images';
import { CacheEntryInvalidError, LookupInputError, LookupUnresolvedError } from '../../src/engine/errors';
import { ImagePolicies } from '../../src/policy/image-policies';
import { TencentImageShares, tencentSharesPack } from '../../src/tencent-image-shares';
import { LookupTesting, policyFindingsOf, tencentSharesFixture, vodImageFixture, type LookupFixture } from '../../src/testing';
import { thrown } from '../support/expect-errors';
import { isolateEnv, tempDirs } from '../support/fixtures';

isolateEnv();
const tempDir = tempDirs();

/** LookupTesting.app() makes a Testing.app(), which leaves a cdktf.outdir.* folder: removed after each test. */
const apps: App[] = [];
afterEach(() => { for (const app of apps.splice(0)) fs.rmSync(app.outdir, { recursive: true, force: true }); });
function testingApp(fixtures: readonly LookupFixture[]): App {
  const app = LookupTesting.app({ fixtures });
  apps.push(app);
  return app;
}

const COVER = '7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c';
const FIXTURES = [
  tencentSharesFixture({ region: 'ap-guangzhou', images: {
    'img-jgggrva9': [{ uin: '1621874004', sharedAt: '2026-01-01T00:00:00Z' }],
    'img-unknown1': null,
  } }),
  vodImageFixture({ region: 'cn-shanghai', imageId: COVER, info: { tags: ['cover'] } }),
];

function goldenStack(app: App, props: { readonly maxAge?: string } = {}) {
  const stack = new TerraformStack(app, 'golden');
  const shares = new TencentImageShares(stack, 'shares', { region: 'ap-guangzhou', imageIds: ['img-jgggrva9', 'img-unknown1'], ...props });
  const cover = new AliyunVodImage(stack, 'cover', { region: 'cn-shanghai', imageId: COVER, ...props });
  return { stack, shares, cover };
}

describe('LookupTesting.app answers from fixtures only', () => {
  test('a stack of both constructs synthesizes with packs attached, no cache file and no network', () => {
    const dir = tempDir();
    const cacheFile = path.join(dir, 'never', 'image-lookups.context.json');
    process.env.IMAGE_LOOKUPS_CACHE = cacheFile;
    // A stray fetch would fail loudly: nothing listens on port 9 (discard) of loopback.
    process.env.TENCENTCLOUD_IMAGE_ENDPOINT = 'http://127.0.0.1:9';
    process.env.ALICLOUD_VOD_ENDPOINT = 'http://127.0.0.1:9';

    const app = testingApp(FIXTURES);
    ImagePolicies.of(app).addPack(tencentSharesPack({ allowlistedAccounts: { accounts: ['1621874004'] } })).addPack(vodImagesPack({ requiredTags: { tags: ['cover'] } }));
    const { stack, shares, cover } = goldenStack(app);
    const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, unknown>> };

    expect(shares.sharedAccountIds('img-jgggrva9')).toEqual(['1621874004']);
    expect(shares.image('img-jgggrva9').shares).toEqual([{ uin: '1621874004', sharedAt: '2026-01-01T08:00:00+08:00', shareTimeStamp: '2026-01-01 08:00:00' }]);
    expect(shares.notFoundImageIds).toEqual(['img-unknown1']);
    expect(shares.maxImgShareNum).toBe(50);
    expect([cover.found, cover.status, cover.title, cover.imageType, cover.tags]).toEqual([true, 'Normal', 'Fixture image', 'cover', ['cover']]);
    // Both snapshots are in the Terraform JSON: the constructs were resolved.
    expect(Object.keys(json.resource.null_resource)).toHaveLength(2);
    // The only finding: the not-found image, an error annotation on its construct.
    expect(policyFindingsOf(app).findings.map((finding) => [finding.ruleId, finding.imageId])).toEqual([['TencentShares.ImageFound', 'img-unknown1']]);
    expect(stack).toHavePolicyViolation('TencentShares.ImageFound', { imageId: 'img-unknown1' });
    expect(fs.existsSync(cacheFile)).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('a construct whose lookup no fixture answers fails in its constructor, naming the key and saying to add a fixture', () => {
    const app = testingApp(FIXTURES);
    const stack = new TerraformStack(app, 'golden');
    const error = thrown(() => new TencentImageShares(stack, 'other', { region: 'ap-guangzhou', imageIds: ['img-6pb6lrmy'] }), LookupUnresolvedError);
    expect(error).toMatchObject({ code: 'LookupUnresolved', key: 'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-6pb6lrmy' });
    expect(error.message).toContain('Lookup tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-6pb6lrmy has no value: it is not in the fixtures of LookupTesting.app()');
    expect(error.message).toContain('Add a fixture for it');
    expect(error.message).not.toContain('npx image-lookups refresh');

    // Another key prop (outputType) is another lookup: the fixture of the cdn one does not answer it.
    const vod = thrown(() => new AliyunVodImage(stack, 'oss', { region: 'cn-shanghai', imageId: COVER, outputType: 'oss' }), LookupUnresolvedError);
    expect(vod.key).toBe(`aliyun:vod.GetImageInfo:region=cn-shanghai:outputType=oss:imageId=${COVER}`);
  });

  test('an app without fixtures answers nothing', () => {
    const stack = new TerraformStack(testingApp([]), 'golden');
    expect(() => new AliyunVodImage(stack, 'cover', { region: 'cn-shanghai', imageId: COVER })).toThrow(LookupUnresolvedError);
  });

  test('IMAGE_LOOKUPS_MODE=refresh and a maxAge do not apply: fixtures answer, and none is stale', () => {
    process.env.IMAGE_LOOKUPS_MODE = 'refresh';
    process.env.IMAGE_LOOKUPS_MAX_AGE = '1s';
    const app = testingApp(FIXTURES);
    const { stack, shares, cover } = goldenStack(app, { maxAge: '1s' });
    Testing.synth(stack);
    expect([shares.isResolved, cover.isResolved, cover.status]).toEqual([true, true, 'Normal']);
    // The fixtures were "fetched" at 2026-01-01, long over 1s ago: a real cache would warn that they are stale.
    const warnings = stack.node.findAll().flatMap((node) => node.node.metadata).filter((entry) => entry.type === AnnotationMetadataEntryType.WARN);
    expect(warnings).toEqual([]);
  });

  test('an entry of the wrong shape in a hand-made fixture fails when requested, naming the key and field', () => {
    const [tencent] = FIXTURES;
    const key = 'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-jgggrva9';
    const broken: LookupFixture = { entries: { ...tencent.entries, [key]: { ...tencent.entries[key], value: { imageId: 'img-jgggrva9', shares: [{ uin: 100 }] } } } };
    const stack = new TerraformStack(testingApp([broken]), 'golden');
    const error = thrown(() => new TencentImageShares(stack, 'shares', { region: 'ap-guangzhou', imageIds: ['img-jgggrva9'] }), CacheEntryInvalidError);
    expect(error.message).toContain(key);
    expect(error.message).toContain('value.shares[0].uin');
  });

  test('entries of a committed cache file are a fixture', () => {
    const fixture = { entries: JSON.parse(JSON.stringify({ version: 1, entries: FIXTURES[1].entries })).entries };
    const cover = new AliyunVodImage(new TerraformStack(testingApp([fixture]), 'golden'), 'cover', { region: 'cn-shanghai', imageId: COVER });
    expect(cover.tags).toEqual(['cover']);
  });

  test('two fixtures may repeat a key with the same answer, not with another one', () => {
    const again = tencentSharesFixture({ region: 'ap-guangzhou', images: { 'img-6pb6lrmy': [] } });
    const app = testingApp([...FIXTURES, again]);
    expect(new TencentImageShares(new TerraformStack(app, 'golden'), 'shares', { region: 'ap-guangzhou', imageIds: ['img-6pb6lrmy'] }).maxImgShareNum).toBe(50);

    const otherQuota = tencentSharesFixture({ region: 'ap-guangzhou', images: { 'img-6pb6lrmy': [] }, maxImgShareNum: 10 });
    const error = thrown(() => LookupTesting.app({ fixtures: [...FIXTURES, otherQuota] }), LookupInputError);
    expect(error.input).toBe('LookupTesting.app: fixtures[2].entries["tencent:GetImageShareUinInfo:region=ap-guangzhou:scope=account"]');
    expect(error.message).toContain('an earlier fixture answers this key differently');
  });

  test('something that is not a fixture is refused, naming it', () => {
    expect(thrown(() => LookupTesting.app({ fixtures: [FIXTURES[0], {} as LookupFixture] }), LookupInputError).input).toBe('LookupTesting.app: fixtures[1]');
    expect(thrown(() => LookupTesting.app({ fixtures: undefined as unknown as LookupFixture[] }), LookupInputError).input).toBe('LookupTesting.app: fixtures');
  });

  test('Testing.app options pass through', () => {
    const dir = tempDir();
    const app = LookupTesting.app({ fixtures: FIXTURES, outdir: path.join(dir, 'out'), context: { answer: 42 } });
    expect(app.outdir).toBe(path.join(dir, 'out'));
    expect(app.node.tryGetContext('answer')).toBe(42);
  });
});
