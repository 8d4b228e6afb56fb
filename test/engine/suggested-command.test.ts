import * as path from 'node:path';
import * as fc from 'fast-check';
import picomatch from 'picomatch';
import { formatLookupKey } from '../../src/engine/lookup-key';
import { coveringGlob, suggestedCommand } from '../../src/engine/suggested-command';

const CWD = path.resolve('/work/app');
const tencent = (region: string, imageId: string) => formatLookupKey('tencent', 'GetImageShareUinInfo', [['region', region], ['imageId', imageId]]);
const vod = (region: string, imageId: string, authTimeout?: number) =>
  formatLookupKey('aliyun', 'vod.GetImageInfo', [['region', region], ['outputType', 'cdn'], ['authTimeout', authTimeout], ['imageId', imageId]]);

describe('coveringGlob', () => {
  test('one key is its own glob', () => {
    expect(coveringGlob([tencent('ap-shanghai', 'img-a')])).toBe(tencent('ap-shanghai', 'img-a'));
  });

  test('keys of one region: the shared segments, then one *', () => {
    expect(coveringGlob([tencent('ap-shanghai', 'img-a'), tencent('ap-shanghai', 'img-b')])).toBe('tencent:GetImageShareUinInfo:region=ap-shanghai:*');
  });

  test('a segment that differs in the middle becomes *, and trailing ones collapse into one', () => {
    expect(coveringGlob([tencent('ap-shanghai', 'img-a'), tencent('ap-beijing', 'img-a')])).toBe('tencent:GetImageShareUinInfo:*:imageId=img-a');
    expect(coveringGlob([tencent('ap-shanghai', 'img-a'), tencent('ap-beijing', 'img-b')])).toBe('tencent:GetImageShareUinInfo:*');
  });

  test('keys with and without an optional parameter still match', () => {
    const keys = [vod('cn-shanghai', 'a'), vod('cn-shanghai', 'b', 60)];
    expect(coveringGlob(keys)).toBe('aliyun:vod.GetImageInfo:region=cn-shanghai:outputType=cdn:*');
  });

  test('several providers: one pattern each, in braces', () => {
    expect(coveringGlob([tencent('ap-shanghai', 'img-a'), tencent('ap-shanghai', 'img-b'), vod('cn-shanghai', 'a')]))
      .toBe(`{${vod('cn-shanghai', 'a')},tencent:GetImageShareUinInfo:region=ap-shanghai:*}`);
  });

  test('many keys give a short glob, not a list of them', () => {
    const keys = Array.from({ length: 40 }, (_, index) => tencent('ap-shanghai', `img-${String(index).padStart(8, '0')}`));
    expect(coveringGlob(keys).length).toBeLessThan(60);
  });

  test('property: the glob matches every key it was made from', () => {
    const segment = fc.stringMatching(/^[a-z0-9-]{1,6}$/);
    const key = fc.tuple(fc.constantFrom('tencent:GetImageShareUinInfo', 'aliyun:vod.GetImageInfo', 'fake:Lookup'),
      fc.array(fc.tuple(fc.constantFrom('region', 'imageId', 'outputType', 'group'), segment), { maxLength: 4 }))
      .map(([provider, params]) => [provider, ...params.map(([name, value]) => `${name}=${value}`)].join(':'));
    fc.assert(fc.property(fc.array(key, { minLength: 1, maxLength: 12 }), (keys) => {
      const isMatch = picomatch(coveringGlob(keys), { dot: true });
      return keys.every((each) => isMatch(each));
    }), { numRuns: 500 });
  });
});

describe('suggestedCommand', () => {
  test('the default cache file: no --cache', () => {
    expect(suggestedCommand(['refresh'], path.join(CWD, 'image-lookups.context.json'), CWD)).toBe('npx image-lookups refresh');
  });

  test('another cache file: --cache, relative to the current directory', () => {
    expect(suggestedCommand(['refresh', 'tencent:*'], path.join(CWD, 'ci', 'cache.json'), CWD)).toBe("npx image-lookups refresh 'tencent:*' --cache ci/cache.json");
    expect(suggestedCommand(['refresh'], 'ci/cache.json', CWD)).toBe('npx image-lookups refresh --cache ci/cache.json');
  });

  test('a cache file outside the current directory (a temp file) is given whole', () => {
    expect(suggestedCommand(['list'], '/tmp/x/cache.json', CWD)).toBe('npx image-lookups list --cache /tmp/x/cache.json');
  });

  test('arguments are shell-quoted: globs, spaces and quotes come back as they were', () => {
    expect(suggestedCommand(['reset', "it's {a,b}"], path.join(CWD, 'my cache.json'), CWD)).toBe(`npx image-lookups reset 'it'\\''s {a,b}' --cache 'my cache.json'`);
  });
});
