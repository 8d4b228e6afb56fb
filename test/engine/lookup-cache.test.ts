import * as fs from 'node:fs';
import * as path from 'node:path';
import { CacheFileInvalidError, CacheFileUnwritableError, LookupCache, resolveCacheFile, type CacheEntry } from '../../src/engine';
import { rejection, thrown } from '../support/expect-errors';
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
  test('a missing file is an empty cache; saving it without changes creates nothing, not even its directory', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'nested', 'cache.json');
    const cache = LookupCache.load(file);
    expect(cache.keys()).toEqual([]);
    expect(cache.fileExists).toBe(false);
    expect(await cache.save()).toBe(false);
    expect(fs.readdirSync(dir)).toEqual([]);

    cache.set('a:key', ENTRY);
    expect(await cache.save()).toBe(true);
    expect(cache.fileExists).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'nested'))).toEqual(['cache.json']);
    expect(await LookupCache.load(file).save()).toBe(false);
  });

  test('an entry equal to the one held is no change: nothing to save', async () => {
    const file = path.join(tempDir(), 'cache.json');
    const first = LookupCache.load(file);
    first.set('a:key', ENTRY);
    await first.save();
    const second = LookupCache.load(file);
    second.set('a:key', { ...ENTRY, value: { imageId: 'img-jgggrva9', shares: [{ shareTimeStamp: 't', uin: '1' }] } });
    expect(second.hasChanges).toBe(false);
  });

  test('save() merges into the file as it is now: another instance\'s entries survive, and its deletes stay deleted', async () => {
    const file = path.join(tempDir(), 'cache.json');
    const seed = LookupCache.load(file);
    for (const key of ['keep:1', 'drop:1', 'drop:2']) seed.set(key, ENTRY);
    await seed.save();

    // Both load the same file, as a synth and an `image-lookups reset` running at once would.
    const synth = LookupCache.load(file);
    const reset = LookupCache.load(file);
    reset.delete('drop:1');
    reset.delete('drop:2');
    reset.set('reset:own', ENTRY);
    expect(await reset.save()).toBe(true);
    synth.set('synth:new', ENTRY);
    synth.set('keep:1', { ...ENTRY, fetchedAt: '2026-02-02T00:00:00Z' });
    expect(await synth.save()).toBe(true);

    const merged = LookupCache.load(file);
    expect(merged.keys()).toEqual(['keep:1', 'reset:own', 'synth:new']);
    // For the same key, the later save wins.
    expect(merged.get('keep:1')?.fetchedAt).toBe('2026-02-02T00:00:00Z');
  });

  test('a file damaged after load is never written over', async () => {
    const file = path.join(tempDir(), 'cache.json');
    const cache = LookupCache.load(file);
    fs.writeFileSync(file, '{ "version": 1, "entries": ');
    cache.set('a:key', ENTRY);
    const error = await rejection(cache.save(), CacheFileInvalidError);
    expect(error.message).toContain('is not JSON');
    expect(fs.readFileSync(file, 'utf8')).toBe('{ "version": 1, "entries": ');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['cache.json']);
  });

  test('a directory that cannot be created is a coded error naming the file', async () => {
    const dir = tempDir();
    const cache = LookupCache.load(path.join(dir, 'not-a-dir', 'cache.json'));
    fs.writeFileSync(path.join(dir, 'not-a-dir'), '');
    cache.set('a:key', ENTRY);
    const error = await rejection(cache.save(), CacheFileUnwritableError);
    expect(error).toMatchObject({ code: 'CacheFileUnwritable', message: expect.stringContaining(path.join(dir, 'not-a-dir', 'cache.json')) });
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
    ['not JSON', '{"version": 1,'],
    ['a merge conflict', '<<<<<<< HEAD\n{'],
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

  test('an entry with a bad field is named by its key and the field', () => {
    const file = path.join(tempDir(), 'cache.json');
    const key = 'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-jgggrva9';
    fs.writeFileSync(file, JSON.stringify({ version: 1, entries: { [key]: { ...ENTRY, fetchedAt: 'yesterday' } } }));
    const error = thrown(() => LookupCache.load(file), CacheFileInvalidError);
    expect(error).toMatchObject({ code: 'CacheFileInvalid', key, field: 'fetchedAt' });
    expect(error.message).toContain(`${file} is not a valid cache file: entry "${key}", field fetchedAt:`);
    expect(error.message).not.toContain('([');
  });

  test('a merge conflict is recognized as one, with the line and the fix', () => {
    const file = path.join(tempDir(), 'cache.json');
    const ours = JSON.stringify({ version: 1, entries: { a: ENTRY } }, null, 2).split('\n');
    const conflicted = [...ours.slice(0, 3), '<<<<<<< HEAD', '      "endpoint": "x",', '=======', '      "endpoint": "y",',
      '>>>>>>> refresh-cache', ...ours.slice(3)].join('\n');
    fs.writeFileSync(file, conflicted);
    const error = thrown(() => LookupCache.load(file), CacheFileInvalidError);
    // Every marker line, so each side can be found.
    expect(error.message).toContain('unresolved merge conflict (conflict marker lines 4: "<<<<<<< HEAD", 6: "=======", 8: ">>>>>>> refresh-cache")');
    expect(error.message).toContain('Resolve the conflict and keep one side of each, or take one side of the whole file (git checkout --ours or --theirs');
    expect(error.message).toContain(`run: npx image-lookups refresh --cache ${file}`);
  });

  test('merge conflict markers are found on any line ending, with diff3\'s base marker, and before the JSON is parsed', () => {
    const file = path.join(tempDir(), 'cache.json');
    fs.writeFileSync(file, ['{', '<<<<<<< ours', '"version": 1,', '||||||| base', '=======', '"version": 1,', '>>>>>>> theirs', '"entries": {}}'].join('\r\n'));
    const error = thrown(() => LookupCache.load(file), CacheFileInvalidError);
    expect(error.message).toContain('conflict marker lines 2: "<<<<<<< ours", 4: "||||||| base", 5: "=======", 7: ">>>>>>> theirs"');
    expect(error.message).not.toContain('not JSON');
  });

  test('the default cache file\'s fix needs no --cache', () => {
    const dir = tempDir();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      fs.writeFileSync('image-lookups.context.json', '<<<<<<< HEAD\n{');
      const error = thrown(() => LookupCache.load(resolveCacheFile(undefined, {})), CacheFileInvalidError);
      expect(error.message).toMatch(/run: npx image-lookups refresh$/);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('resolveCacheFile', () => {
  test('the option wins over IMAGE_LOOKUPS_CACHE, which wins over the default in the current directory', () => {
    expect(resolveCacheFile('/a/option.json', { IMAGE_LOOKUPS_CACHE: '/b/env.json' })).toBe('/a/option.json');
    expect(resolveCacheFile(undefined, { IMAGE_LOOKUPS_CACHE: '/b/env.json' })).toBe('/b/env.json');
    expect(resolveCacheFile(undefined, {})).toBe(path.join(process.cwd(), 'image-lookups.context.json'));
  });
});
