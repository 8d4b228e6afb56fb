import { closestKeysToGlob, closestMatches } from '../../src/engine/closest-matches';
import { TENCENT_REGIONS } from '../../src/tencent-image-shares/regions';

describe('closestMatches', () => {
  test.each([
    ['ap-guangzou', 'ap-guangzhou'],
    ['ap-shangahi', 'ap-shanghai'],
    ['eu-frankfrut', 'eu-frankfurt'],
    ['na-silliconvalley', 'na-siliconvalley'],
  ])('%s is closest to %s', (typo, region) => {
    expect(closestMatches(typo, TENCENT_REGIONS)[0]).toBe(region);
  });

  test('nothing within a sensible distance: no suggestion; an exact match is not one either', () => {
    expect(closestMatches('sa-saopaulo', TENCENT_REGIONS)).toEqual([]);
    expect(closestMatches('ap-tokyo', TENCENT_REGIONS)).not.toContain('ap-tokyo');
  });

  test('at most the limit, closest first', () => {
    expect(closestMatches('ap-shanghai-fs', TENCENT_REGIONS)).toEqual(['ap-shanghai-fsi', 'ap-shanghai', 'ap-shenzhen-fsi']);
    expect(closestMatches('ap-shanghai-fs', TENCENT_REGIONS, 1)).toEqual(['ap-shanghai-fsi']);
  });
});

describe('closestKeysToGlob', () => {
  const KEYS = [
    'tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-aaaaaaaa',
    'tencent:GetImageShareUinInfo:region=ap-shanghai:imageId=img-bbbbbbbb',
    'aliyun:vod.GetImageInfo:region=cn-shanghai:outputType=cdn:imageId=c',
  ];

  test('a typo inside a glob finds the keys it meant: only the glob\'s literal text counts', () => {
    expect(closestKeysToGlob('tencent:*:region=ap-guangzou:*', KEYS)[0]).toBe(KEYS[0]);
    expect(closestKeysToGlob('aliyun:vod.GetImageInfo:region=cn-shanghia:*', KEYS)[0]).toBe(KEYS[2]);
  });

  test('the limit, and nothing for no keys', () => {
    expect(closestKeysToGlob('x', KEYS, 2)).toHaveLength(2);
    expect(closestKeysToGlob('x', [])).toEqual([]);
  });
});
