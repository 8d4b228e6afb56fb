import * as fs from 'node:fs';
import * as path from 'node:path';
import { LookupCache, resolveCacheFile, type CacheEntry } from '../../src/engine';
import { tempDirs } from '../support/fixtures';

const tempDir = tempDirs();

const ENTRY: CacheEntry = {
  provider: 'tencent:GetImageShareUinInfo',
  outcome: 'found',
  value: { shares: [{ uin: '1', shareTimeStamp: 't' }], imageId: 'img-jgggrva9' },
  endpoint: 'https://image.api.qcloud.com/v2/index.php',
  fetchedAt: '2026-01-01T00:00:00Z',
};

describe('LookupCache', () => {
  test('a missing file is an empty cache; saving writes it once, then only on change', async () => {
    const file = path.join(tempDir(), 'cache.json');
    const cache = LookupCache.load(file);
    expect(cache.keys()).toEqual([]);
    expect(await cache.save()).toBe(true);
    expect(await LookupCache.load(file).save()).toBe(false);
  });

  test('writes pretty JSON with keys sorted at every level, whatever the insertion order', async () => {
    const file = path.join(tempDir(), 'cache.json');
    const cache = LookupCache.load(file);
    cache.set('b:key', ENTRY);
    cache.set('a:key', { ...ENTRY, outcome: 'notFound', value: undefined });
    await cache.save();

    const text = fs.readFileSync(file, 'utf8');
    expect(text.indexOf('"a:key"')).toBeLessThan(text.indexOf('"b:key"'));
    expect(text.indexOf('"imageId"')).toBeLessThan(text.indexOf('"shares"'));
    expect(text).toMatch(/^\{\n {2}"entries": \{\n/);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).not.toContain('"value": null');
  });

  test('save() leaves the file untouched when nothing changed, and rewrites it when something did', async () => {
    const file = path.join(tempDir(), 'cache.json');
    const first = LookupCache.load(file);
    first.set('a:key', ENTRY);
    await first.save();
    const before = fs.statSync(file).mtimeMs;

    const second = LookupCache.load(file);
    second.set('a:key', ENTRY);
    expect(await second.save()).toBe(false);
    expect(fs.statSync(file).mtimeMs).toBe(before);

    second.delete('a:key');
    expect(await second.save()).toBe(true);
    expect(LookupCache.load(file).keys()).toEqual([]);
  });

  test('writes atomically: no temporary file is left beside the cache', async () => {
    const dir = tempDir();
    const cache = LookupCache.load(path.join(dir, 'cache.json'));
    for (let index = 0; index < 20; index++) cache.set(`key:${index}`, ENTRY);
    await cache.save();
    expect(fs.readdirSync(dir)).toEqual(['cache.json']);
  });

  test.each([
    ['not JSON', '<<<<<<< HEAD\n{'],
    ['another version', JSON.stringify({ version: 2, entries: {} })],
    ['an entry without fetchedAt', JSON.stringify({ version: 1, entries: { k: { ...ENTRY, fetchedAt: undefined } } })],
  ])('a damaged file (%s) is an error that names the file and the way out', (_, content) => {
    const file = path.join(tempDir(), 'cache.json');
    fs.writeFileSync(file, content);
    expect(() => LookupCache.load(file)).toThrow(expect.objectContaining({
      code: 'CacheFileInvalid',
      message: expect.stringMatching(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a valid cache file.*npx image-lookups refresh`)),
    }));
  });
});

describe('resolveCacheFile', () => {
  test('the option wins over IMAGE_LOOKUPS_CACHE, which wins over the default in the current directory', () => {
    expect(resolveCacheFile('/a/option.json', { IMAGE_LOOKUPS_CACHE: '/b/env.json' })).toBe('/a/option.json');
    expect(resolveCacheFile(undefined, { IMAGE_LOOKUPS_CACHE: '/b/env.json' })).toBe('/b/env.json');
    expect(resolveCacheFile(undefined, {})).toBe(path.join(process.cwd(), 'image-lookups.context.json'));
  });
});
