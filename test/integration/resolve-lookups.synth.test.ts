import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { LookupPendingError, resolveLookups, type ResolveLookupsOptions } from '../../src/engine';
import { TencentImageShares, type TencentImageSharesProps } from '../../src/tencent-image-shares';
import { appIn, isolateEnv, readTree, tempDirs, testingApps } from '../support/fixtures';
import { sharedTestEmulator, TEST_CREDENTIALS } from '../tencent-image-shares/fixtures';

isolateEnv();
const tempDir = tempDirs();
const testingApp = testingApps();
const testEmulator = sharedTestEmulator();

/** Props that reach the emulator; tests add region and image IDs. */
function shares(scope: Construct, id: string, props: Partial<TencentImageSharesProps> & Pick<TencentImageSharesProps, 'imageIds'>): TencentImageShares {
  return new TencentImageShares(scope, id, { region: 'ap-guangzhou', endpoint: testEmulator.current.origin, ...TEST_CREDENTIALS, ...props });
}

/** Two stacks in two regions, with an image requested twice. */
function buildAudit(app: Construct): void {
  const guangzhou = new TerraformStack(app, 'guangzhou');
  shares(guangzhou, 'golden', { imageIds: ['img-jgggrva9', 'img-6pb6lrmy', 'img-2xk9q7dm'] });
  shares(guangzhou, 'again', { imageIds: ['img-jgggrva9'] });
  const shanghai = new TerraformStack(app, 'shanghai');
  shares(shanghai, 'golden', { region: 'ap-shanghai', imageIds: ['img-31tjrtph'], snapshot: 'terraform_data' });
}

async function synthAudit(dir: string, options: ResolveLookupsOptions = {}) {
  const result = await resolveLookups(buildAudit, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir), ...options });
  result.app.synth();
  return result;
}

describe('auto mode', () => {
  test('fetches what the cache lacks, deduplicated and batched per region, and writes the cache', async () => {
    const dir = tempDir();
    const { stats } = await synthAudit(dir);

    // 3 distinct guangzhou images in one call, 1 shanghai image in another; quotas ride along.
    expect(testEmulator.current.stats.requests).toBe(2);
    expect(stats).toMatchObject({ lookups: 6, cacheHits: 0, fetched: 6, apiCalls: 2, cacheWritten: true });
    const cache = JSON.parse(fs.readFileSync(path.join(dir, 'cache.json'), 'utf8'));
    expect(Object.keys(cache.entries)).toEqual([
      'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-2xk9q7dm',
      'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-6pb6lrmy',
      'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-jgggrva9',
      'tencent:GetImageShareUinInfo:region=ap-guangzhou:scope=account',
      'tencent:GetImageShareUinInfo:region=ap-shanghai:imageId=img-31tjrtph',
      'tencent:GetImageShareUinInfo:region=ap-shanghai:scope=account',
    ]);
    expect(cache.entries['tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-jgggrva9']).toMatchObject({
      provider: 'tencent:GetImageShareUinInfo',
      outcome: 'found',
      endpoint: `${testEmulator.current.origin}/v2/index.php`,
      fetchedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
  });

  test('a second synth makes zero calls and writes byte-identical output and cache', async () => {
    const dir = tempDir();
    await synthAudit(dir);
    const firstOutput = readTree(path.join(dir, 'cdktf.out'));
    const firstCache = fs.readFileSync(path.join(dir, 'cache.json'));
    testEmulator.current.resetStats();

    const { stats } = await synthAudit(dir);

    expect(testEmulator.current.stats.requests).toBe(0);
    expect(stats).toMatchObject({ lookups: 6, cacheHits: 6, fetched: 0, apiCalls: 0, rounds: 1, cacheWritten: false });
    expect(readTree(path.join(dir, 'cdktf.out'))).toEqual(firstOutput);
    expect(fs.readFileSync(path.join(dir, 'cache.json')).equals(firstCache)).toBe(true);
  });

  test('a cache hit needs no credentials', async () => {
    const dir = tempDir();
    await synthAudit(dir);
    testEmulator.current.resetStats();
    const { app } = await resolveLookups((scope) => {
      new TencentImageShares(new TerraformStack(scope, 'stack'), 'golden', { region: 'ap-guangzhou', imageIds: ['img-jgggrva9'], endpoint: testEmulator.current.origin });
    }, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir) });
    app.synth();
    expect(testEmulator.current.stats.requests).toBe(0);
  });

  test('entries older than maxAge are fetched again', async () => {
    const dir = tempDir();
    const cacheFile = path.join(dir, 'cache.json');
    await synthAudit(dir, { now: () => new Date('2026-01-01T00:00:00Z') });
    testEmulator.current.resetStats();

    const { stats } = await synthAudit(dir, { maxAge: '1d', now: () => new Date('2026-01-03T00:00:00Z') });

    expect(stats.fetched).toBe(6);
    expect(testEmulator.current.stats.requests).toBe(2);
    expect(JSON.parse(fs.readFileSync(cacheFile, 'utf8')).entries['tencent:GetImageShareUinInfo:region=ap-shanghai:scope=account'].fetchedAt)
      .toBe('2026-01-03T00:00:00Z');
  });

  test('missing credentials are reported before any request, naming the env vars', async () => {
    const dir = tempDir();
    await expect(resolveLookups((scope) => {
      new TencentImageShares(new TerraformStack(scope, 'stack'), 'golden', { region: 'ap-guangzhou', imageIds: ['img-jgggrva9'], endpoint: testEmulator.current.origin });
    }, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir) })).rejects.toThrow(/TENCENTCLOUD_SECRET_ID .*TENCENTCLOUD_SECRET_KEY/);
    expect(testEmulator.current.stats.requests).toBe(0);
  });

  test('what one batch fetched is saved even when another batch fails', async () => {
    const dir = tempDir();
    const cacheFile = path.join(dir, 'cache.json');
    await expect(resolveLookups((scope) => {
      const stack = new TerraformStack(scope, 'stack');
      shares(stack, 'good', { imageIds: ['img-jgggrva9'] });
      shares(stack, 'bad', { region: 'ap-shanghai', imageIds: ['img-31tjrtph'], secretKey: 'not-the-key' });
    }, { cacheFile, createApp: appIn(dir) })).rejects.toMatchObject({ code: 'TencentApiError', details: expect.objectContaining({ apiCode: 4100 }) });

    const saved = Object.keys(JSON.parse(fs.readFileSync(cacheFile, 'utf8')).entries);
    expect(saved).toContain('tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-jgggrva9');
    expect(saved.some((key) => key.includes('ap-shanghai'))).toBe(false);
  });
});

describe('offline mode', () => {
  test('makes no call and lists the missing keys with the command that fills them', async () => {
    const dir = tempDir();
    const failure = synthAudit(dir, { mode: 'offline' });
    await expect(failure).rejects.toMatchObject({ code: 'LookupsMissing' });
    await expect(failure).rejects.toThrow(/tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-jgggrva9/);
    // One short glob covering the six keys (two regions), and the cache file, which is not the default one.
    await expect(failure).rejects.toThrow(`npx image-lookups refresh 'tencent:GetImageShareUinInfo:*' --cache ${path.join(dir, 'cache.json')}`);
    expect(testEmulator.current.stats.requests).toBe(0);
    expect(fs.existsSync(path.join(dir, 'cache.json'))).toBe(false);
  });

  test('IMAGE_LOOKUPS_MODE=offline synthesizes from a full cache and counts stale entries, with no annotation per entry', async () => {
    const dir = tempDir();
    await synthAudit(dir, { now: () => new Date('2026-01-01T00:00:00Z') });
    testEmulator.current.resetStats();
    process.env.IMAGE_LOOKUPS_MODE = 'offline';

    const { app, stats } = await synthAudit(dir, { maxAge: '1h', now: () => new Date('2026-01-02T00:00:00Z') });

    expect(testEmulator.current.stats.requests).toBe(0);
    expect(stats.staleKeys).toHaveLength(6);
    const stack = app.node.findChild('guangzhou') as TerraformStack;
    const warnings = stack.node.findAll().flatMap((node) => node.node.metadata).filter((entry) => entry.type === '@cdktf/warn');
    expect(warnings.map((entry) => entry.data)).not.toContainEqual(expect.stringMatching(/maxAge|stale/));
  });
});

describe('refresh mode', () => {
  test('fetches every requested lookup again', async () => {
    const dir = tempDir();
    await synthAudit(dir);
    testEmulator.current.resetStats();
    const { stats } = await synthAudit(dir, { mode: 'refresh' });
    expect(testEmulator.current.stats.requests).toBe(2);
    expect(stats).toMatchObject({ fetched: 6, cacheHits: 0 });
  });

  test('with a glob, fetches only the matching keys', async () => {
    const dir = tempDir();
    await synthAudit(dir);
    testEmulator.current.resetStats();
    const { stats } = await synthAudit(dir, { mode: 'refresh', refreshGlob: 'tencent:*:region=ap-shanghai:*' });
    expect(testEmulator.current.stats.requests).toBe(1);
    expect(stats).toMatchObject({ fetched: 2, cacheHits: 4 });
  });
});

describe('rounds', () => {
  test('a lookup that depends on another lookup\'s result is resolved in a later round', async () => {
    const dir = tempDir();
    const { stats } = await resolveLookups((app) => {
      const stack = new TerraformStack(app, 'stack');
      const first = shares(stack, 'first', { imageIds: ['img-jgggrva9', 'img-2xk9q7dm', 'img-aaaaaaa1'] });
      // Look up in another region the images found in the first: which keys, only the first answer tells.
      // Its provisional answer (nothing found) makes imageIds empty, which throws: that build is thrown away.
      shares(stack, 'second', { region: 'ap-shanghai', imageIds: first.foundImageIds });
    }, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir) });
    expect(stats).toMatchObject({ rounds: 3, apiCalls: 2, discoveryOnly: 0 });
    expect(testEmulator.current.stats.requests).toBe(2);
  });

  test('reads inside validations run at synth, so the whole app is fetched in one batch', async () => {
    const dir = tempDir();
    const seen: string[][] = [];
    const { app, stats } = await resolveLookups((scope) => {
      for (const [stackId, imageId] of [['first', 'img-jgggrva9'], ['second', 'img-6pb6lrmy']]) {
        const stack = new TerraformStack(scope, stackId);
        const lookup = shares(stack, 'golden', { imageIds: [imageId] });
        stack.node.addValidation({ validate: () => { seen.push(lookup.sharedAccountIds(imageId)); return []; } });
      }
    }, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir) });
    app.synth();
    expect(stats).toMatchObject({ rounds: 2, apiCalls: 1 });
    expect(seen).toEqual([['1621874004', '877354327'], ['3000000001']]);
  });

  test('an app that asks for new lookups on every build stops at maxRounds', async () => {
    const dir = tempDir();
    const ids = ['img-aaaaaaa1', 'img-aaaaaaa2', 'img-aaaaaaa3', 'img-aaaaaaa4'];
    let build = 0;
    await expect(resolveLookups((app) => {
      const lookup = shares(new TerraformStack(app, 'stack'), 'drifting', { imageIds: [ids[build++ % ids.length]] });
      void lookup.allImages;
    }, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir), maxRounds: 3 }))
      .rejects.toMatchObject({ code: 'LookupRoundsExceeded' });
  });

  test('with strict discovery, reading an unfetched lookup throws a pending signal and ends the build', async () => {
    const dir = tempDir();
    const seen: unknown[] = [];
    const { stats } = await resolveLookups((app) => {
      for (const imageId of ['img-jgggrva9', 'img-6pb6lrmy']) {
        const lookup = shares(new TerraformStack(app, imageId), 'golden', { imageIds: [imageId] });
        try {
          seen.push(lookup.sharedAccountIds(imageId));
        } catch (error) {
          seen.push(error);
          throw error;
        }
      }
    }, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir), discovery: 'strict' });
    expect(seen[0]).toBeInstanceOf(LookupPendingError);
    expect(seen.slice(1)).toEqual([['1621874004', '877354327'], expect.any(LookupPendingError), ['1621874004', '877354327'], ['3000000001']]);
    // One build per read of an unfetched lookup, one call per build: the old behaviour.
    expect(stats).toMatchObject({ rounds: 3, apiCalls: 2 });
  });
});

describe('apps built without resolveLookups()', () => {
  test('fail synth with a clear message when a lookup is not cached', () => {
    const dir = tempDir();
    process.env.IMAGE_LOOKUPS_CACHE = path.join(dir, 'empty.json');
    const app = testingApp();
    const stack = new TerraformStack(app, 'stack');
    const lookup = shares(stack, 'golden', { imageIds: ['img-jgggrva9'] });

    expect(() => lookup.isSharedWith('img-jgggrva9', '1621874004')).toThrow(/not in .*empty\.json.*synthWithLookups\(\)/s);
    // cdktf runs the construct's validation first ("is unresolved"); cdktn resolves tokens first ("has no value").
    expect(() => Testing.synth(stack, true)).toThrow(/ookup tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-jgggrva9 (is unresolved|has no value)/);
    expect(testEmulator.current.stats.requests).toBe(0);
  });

  test('read a filled cache file', async () => {
    const dir = tempDir();
    await synthAudit(dir);
    process.env.IMAGE_LOOKUPS_CACHE = path.join(dir, 'cache.json');
    const app = testingApp();
    const lookup = shares(new TerraformStack(app, 'stack'), 'golden', { imageIds: ['img-jgggrva9'] });
    expect(lookup.isSharedWith('img-jgggrva9', 877354327)).toBe(true);
  });
});
