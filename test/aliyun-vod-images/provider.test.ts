import { aliyunVodImagesProvider, type VodImageQuery } from '../../src/aliyun-vod-images';
import type { CacheEntry } from '../../src/engine';
import { cachedEntryProblem } from '../../src/engine/cached-entry-problem';

// A query as the provider's valueSchemaOf sees it; the config is not read there.
const VOD_IMAGE = { imageId: '7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c', keepSignedUrls: false } as VodImageQuery;

describe('the cached value\'s shape', () => {
  test('a VOD value with tags as the API\'s text, not a list, is named by its field', () => {
    const entry: CacheEntry = { provider: 'aliyun:vod.GetImageInfo', outcome: 'found', value: { imageId: VOD_IMAGE.imageId, tags: 'cover,homepage' }, endpoint: 'https://vod.cn-shanghai.aliyuncs.com/', fetchedAt: '2026-01-01T00:00:00Z' };
    expect(cachedEntryProblem(entry, aliyunVodImagesProvider, VOD_IMAGE)).toEqual({ field: 'value.tags', problem: expect.stringMatching(/expected array/) });
  });
});
