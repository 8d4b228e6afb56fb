import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AliyunVodImage, vodImageKey } from '../../src/aliyun-vod-images';
import { CacheEntryInvalidError, resolveLookups } from '../../src/engine';
import { TencentImageShares, tencentImageSharesValueSchema, tencentShareKey, type TencentImageSharesProps } from '../../src/tencent-image-shares';
import { rejection } from '../support/expect-errors';
import { appIn, isolateEnv, tempDirs } from '../support/fixtures';
import { sharedTestEmulator, TEST_CREDENTIALS } from '../tencent-image-shares/fixtures';

isolateEnv();
const tempDir = tempDirs();
const testEmulator = sharedTestEmulator();

const GUANGZHOU_IMAGE = tencentShareKey({ kind: 'image', region: 'ap-guangzhou', imageId: 'img-jgggrva9' });

function shares(scope: Construct, id: string, props: Partial<TencentImageSharesProps> & Pick<TencentImageSharesProps, 'imageIds'>): TencentImageShares {
  return new TencentImageShares(scope, id, { region: 'ap-guangzhou', endpoint: testEmulator.current.origin, ...TEST_CREDENTIALS, ...props });
}

/** Fills a cache with the guangzhou image through a real synth against the emulator. */
async function seedCache(dir: string): Promise<string> {
  const cacheFile = path.join(dir, 'cache.json');
  await resolveLookups((app) => { shares(new TerraformStack(app, 'stack'), 'golden', { imageIds: ['img-jgggrva9'] }); }, { cacheFile, createApp: appIn(dir) });
  testEmulator.current.resetStats();
  return cacheFile;
}

/** Edits one entry's value by hand, as a bad merge or a typo would. */
function editValue(cacheFile: string, key: string, edit: (value: any) => void): void {
  const cache = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
  edit(cache.entries[key].value);
  fs.writeFileSync(cacheFile, JSON.stringify(cache, null, 2));
}

describe('nothing on disk for nothing fetched', () => {
  test('a run that fails on missing credentials before any request creates no directory and no cache file', async () => {
    const dir = tempDir();
    await expect(resolveLookups((app) => {
      new TencentImageShares(new TerraformStack(app, 'stack'), 'golden', { region: 'ap-guangzhou', imageIds: ['img-jgggrva9'], endpoint: testEmulator.current.origin });
    }, { cacheFile: path.join(dir, 'not', 'yet', 'cache.json'), createApp: appIn(tempDir()) })).rejects.toThrow(/TENCENTCLOUD_SECRET_ID/);

    expect(testEmulator.current.stats.requests).toBe(0);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('a warm synth leaves the file byte-identical and takes no lock', async () => {
    const dir = tempDir();
    const cacheFile = await seedCache(dir);
    const before = fs.readFileSync(cacheFile);
    // A lock left by someone else would make a save wait; a run with nothing to write never looks at it.
    fs.mkdirSync(`${cacheFile}.lock`);

    const { stats } = await resolveLookups((app) => { shares(new TerraformStack(app, 'stack'), 'golden', { imageIds: ['img-jgggrva9'] }); },
      { cacheFile, createApp: appIn(dir) });

    expect(stats).toMatchObject({ fetched: 0, cacheWritten: false });
    expect(fs.readFileSync(cacheFile).equals(before)).toBe(true);
    expect(fs.existsSync(`${cacheFile}.lock`)).toBe(true);
  });
});

test('two synths at once on one cache file, with disjoint lookups, keep each other\'s entries', async () => {
  const dir = tempDir();
  const cacheFile = path.join(dir, 'cache.json');
  const synth = (region: string, imageIds: string[]) => resolveLookups((app) => { shares(new TerraformStack(app, 'stack'), 'golden', { region, imageIds }); },
    { cacheFile, createApp: appIn(tempDir()) });

  // Both engines load the (missing) file before either saves.
  await Promise.all([synth('ap-guangzhou', ['img-jgggrva9', 'img-6pb6lrmy']), synth('ap-shanghai', ['img-31tjrtph'])]);

  expect(Object.keys(JSON.parse(fs.readFileSync(cacheFile, 'utf8')).entries).sort()).toEqual([
    'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-6pb6lrmy',
    'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-jgggrva9',
    'tencent:GetImageShareUinInfo:region=ap-guangzhou:scope=account',
    'tencent:GetImageShareUinInfo:region=ap-shanghai:imageId=img-31tjrtph',
    'tencent:GetImageShareUinInfo:region=ap-shanghai:scope=account',
  ]);
});

describe('cached values are checked against their provider\'s shape', () => {
  test('a hand-edited value is a CacheEntryInvalid error naming the file, the key, the field and the fix', async () => {
    const dir = tempDir();
    const cacheFile = await seedCache(dir);
    editValue(cacheFile, GUANGZHOU_IMAGE, (value) => { value.shares[0].uin = 1621874004; });

    const error = await rejection(resolveLookups((app) => { shares(new TerraformStack(app, 'stack'), 'golden', { imageIds: ['img-jgggrva9'] }); },
      { cacheFile, createApp: appIn(dir), mode: 'offline' }), CacheEntryInvalidError);

    expect(error).toMatchObject({ code: 'CacheEntryInvalid', file: cacheFile, key: GUANGZHOU_IMAGE, field: 'value.shares[0].uin' });
    expect(error.message).toContain(`The lookup cache ${cacheFile} has an invalid entry "${GUANGZHOU_IMAGE}", field value.shares[0].uin: Invalid input: expected string, received number`);
    // A key is a plain shell word (no character a shell reads specially), so it is not quoted.
    expect(error.message).toContain(`npx image-lookups refresh ${GUANGZHOU_IMAGE} --cache ${cacheFile}`);
    expect(error.message).toContain(`npx image-lookups reset ${GUANGZHOU_IMAGE} --cache ${cacheFile}`);
  });

  test('met in a provisional build, it is still reported before any request', async () => {
    const dir = tempDir();
    const cacheFile = await seedCache(dir);
    editValue(cacheFile, GUANGZHOU_IMAGE, (value) => { delete value.shares; });

    await expect(resolveLookups((app) => {
      const stack = new TerraformStack(app, 'stack');
      // Not cached: pending, so this build is provisional and what it throws would be dropped.
      shares(stack, 'shanghai', { region: 'ap-shanghai', imageIds: ['img-31tjrtph'] });
      shares(stack, 'golden', { imageIds: ['img-jgggrva9'] });
    }, { cacheFile, createApp: appIn(dir) })).rejects.toMatchObject({ code: 'CacheEntryInvalid', key: GUANGZHOU_IMAGE, field: 'value.shares' });

    expect(testEmulator.current.stats.requests).toBe(0);
  });

  test('refreshing the key, as the message says, replaces the bad entry', async () => {
    const dir = tempDir();
    const cacheFile = await seedCache(dir);
    editValue(cacheFile, GUANGZHOU_IMAGE, (value) => { value.shares = 'none'; });

    const { stats } = await resolveLookups((app) => { shares(new TerraformStack(app, 'stack'), 'golden', { imageIds: ['img-jgggrva9'] }); },
      { cacheFile, createApp: appIn(dir), mode: 'refresh', refreshGlob: GUANGZHOU_IMAGE });

    expect(stats.fetched).toBeGreaterThan(0);
    const entry = JSON.parse(fs.readFileSync(cacheFile, 'utf8')).entries[GUANGZHOU_IMAGE];
    expect(tencentImageSharesValueSchema.safeParse(entry.value).success).toBe(true);
  });

  test('a VOD entry of the wrong shape fails in offline mode too, with no credentials', async () => {
    const dir = tempDir();
    const cacheFile = path.join(dir, 'cache.json');
    const imageId = '7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c';
    const key = vodImageKey({ region: 'cn-shanghai', outputType: 'cdn', keepSignedUrls: false, imageId });
    fs.writeFileSync(cacheFile, JSON.stringify({ version: 1, entries: { [key]: {
      provider: 'aliyun:vod.GetImageInfo', outcome: 'found', endpoint: 'https://vod.cn-shanghai.aliyuncs.com/', fetchedAt: '2026-01-01T00:00:00Z',
      value: { imageId, tags: [], mezzanine: { width: '1920' } },
    } } }));

    await expect(resolveLookups((app) => { new AliyunVodImage(new TerraformStack(app, 'stack'), 'cover', { region: 'cn-shanghai', imageId }); },
      { cacheFile, createApp: appIn(dir), mode: 'offline' })).rejects.toMatchObject({ code: 'CacheEntryInvalid', key, field: 'value.mezzanine.width' });
  });

  test('each entry is checked once per run, however many constructs and builds read it', async () => {
    const dir = tempDir();
    const cacheFile = await seedCache(dir);
    const check = jest.spyOn(tencentImageSharesValueSchema, 'safeParse');
    try {
      const { stats } = await resolveLookups((app) => {
        const stack = new TerraformStack(app, 'stack');
        shares(stack, 'one', { imageIds: ['img-jgggrva9'] });
        shares(stack, 'two', { imageIds: ['img-jgggrva9'] });
        // Not cached: a second build runs after the fetch, and reads the cached image again.
        shares(stack, 'shanghai', { region: 'ap-shanghai', imageIds: ['img-31tjrtph'] });
      }, { cacheFile, createApp: appIn(dir) });
      expect(stats.rounds).toBe(2);
      expect(check).toHaveBeenCalledTimes(1);
    } finally {
      check.mockRestore();
    }
  });
});
