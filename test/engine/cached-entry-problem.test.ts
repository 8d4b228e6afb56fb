import * as fs from 'node:fs';
import * as path from 'node:path';
import { aliyunVodImagesProvider, type VodImageQuery } from '../../src/aliyun-vod-images';
import type { CacheEntry } from '../../src/engine';
import { cachedEntryProblem } from '../../src/engine/cached-entry-problem';
import { tencentImageSharesProvider, type TencentShareQuery } from '../../src/tencent-image-shares';

const ROOT = path.resolve(__dirname, '../..');
// Queries as the providers' valueSchemaOf sees them; the config is not read there.
const TENCENT_IMAGE = { kind: 'image', imageId: 'img-jgggrva9' } as TencentShareQuery;
const TENCENT_ACCOUNT = { kind: 'account', imageId: 'img-jgggrva9' } as TencentShareQuery;
const VOD_IMAGE = { imageId: '7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c', keepSignedUrls: false } as VodImageQuery;

const IMAGE_ENTRY: CacheEntry = {
  provider: 'tencent:GetImageShareUinInfo',
  outcome: 'found',
  value: { imageId: 'img-jgggrva9', shares: [{ uin: '1621874004', sharedAt: '2016-01-13T15:16:53+08:00', shareTimeStamp: '2016-01-13 15:16:53' }] },
  endpoint: 'https://image.api.qcloud.com/v2/index.php',
  fetchedAt: '2026-01-01T00:00:00Z',
};

test('every entry of the committed cache, written by the providers, passes its provider\'s check', () => {
  const { entries } = JSON.parse(fs.readFileSync(path.join(ROOT, 'image-lookups.context.json'), 'utf8')) as { entries: Record<string, CacheEntry> };
  const problems = Object.entries(entries).map(([key, entry]) => {
    const problem = key.startsWith('aliyun:') ? cachedEntryProblem(entry, aliyunVodImagesProvider, VOD_IMAGE)
      : cachedEntryProblem(entry, tencentImageSharesProvider, key.endsWith(':scope=account') ? TENCENT_ACCOUNT : TENCENT_IMAGE);
    return { key, problem };
  });
  expect(problems.length).toBeGreaterThan(0);
  expect(problems.filter(({ problem }) => problem !== undefined)).toEqual([]);
});

test.each<[string, CacheEntry, TencentShareQuery, { field: string; problem: RegExp }]>([
  ['a UIN as a number', { ...IMAGE_ENTRY, value: { imageId: 'img-jgggrva9', shares: [{ uin: 1621874004, shareTimeStamp: 't' }] } },
    TENCENT_IMAGE, { field: 'value.shares[0].uin', problem: /expected string/ }],
  ['shares missing', { ...IMAGE_ENTRY, value: { imageId: 'img-jgggrva9' } }, TENCENT_IMAGE, { field: 'value.shares', problem: /expected array/ }],
  ['an account value under an image key', { ...IMAGE_ENTRY, value: { maxImgShareNum: 50 } }, TENCENT_IMAGE, { field: 'value.imageId', problem: /expected string/ }],
  ['a quota as a string', { ...IMAGE_ENTRY, value: { maxImgShareNum: '50' } }, TENCENT_ACCOUNT, { field: 'value.maxImgShareNum', problem: /expected number/ }],
  ['a found entry without a value', { ...IMAGE_ENTRY, value: undefined }, TENCENT_IMAGE, { field: 'value', problem: /expected object/ }],
  ['a notFound entry with a value', { ...IMAGE_ENTRY, outcome: 'notFound' }, TENCENT_IMAGE, { field: 'value', problem: /notFound entry has no value/ }],
  ['another provider', { ...IMAGE_ENTRY, provider: 'aliyun:vod.GetImageInfo' }, TENCENT_IMAGE, { field: 'provider', problem: /belongs to tencent:GetImageShareUinInfo/ }],
])('%s is named by its field', (_, entry, query, expected) => {
  expect(cachedEntryProblem(entry, tencentImageSharesProvider, query)).toEqual({ field: expected.field, problem: expect.stringMatching(expected.problem) });
});

test('a VOD value with tags as the API\'s text, not a list, is named by its field', () => {
  const entry: CacheEntry = { provider: 'aliyun:vod.GetImageInfo', outcome: 'found', value: { imageId: VOD_IMAGE.imageId, tags: 'cover,homepage' }, endpoint: 'https://vod.cn-shanghai.aliyuncs.com/', fetchedAt: '2026-01-01T00:00:00Z' };
  expect(cachedEntryProblem(entry, aliyunVodImagesProvider, VOD_IMAGE)).toEqual({ field: 'value.tags', problem: expect.stringMatching(/expected array/) });
});

test('fields a newer version may add are no problem', () => {
  const entry = { ...IMAGE_ENTRY, value: { ...(IMAGE_ENTRY.value as object), shareCount: 1 } };
  expect(cachedEntryProblem(entry, tencentImageSharesProvider, TENCENT_IMAGE)).toBeUndefined();
});
