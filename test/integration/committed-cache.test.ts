import * as fs from 'node:fs';
import * as path from 'node:path';
import { aliyunVodImagesProvider, type VodImageQuery } from '../../src/aliyun-vod-images';
import type { CacheEntry } from '../../src/engine';
import { cachedEntryProblem } from '../../src/engine/cached-entry-problem';
import { tencentImageSharesProvider, tencentSharePermissionProvider, type TencentSharePermissionQuery, type TencentShareQuery } from '../../src/tencent-image-shares';

const ROOT = path.resolve(__dirname, '../..');
// Queries as the providers' valueSchemaOf sees them; the config is not read there.
const TENCENT_IMAGE = { kind: 'image', imageId: 'img-jgggrva9' } as TencentShareQuery;
const TENCENT_ACCOUNT = { kind: 'account', imageId: 'img-jgggrva9' } as TencentShareQuery;
const VOD_IMAGE = { imageId: '7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c', keepSignedUrls: false } as VodImageQuery;
const TENCENT_API3_IMAGE = { imageId: 'img-jgggrva9' } as TencentSharePermissionQuery;

test('every entry of the committed cache, written by the providers, passes its provider\'s check', () => {
  const { entries } = JSON.parse(fs.readFileSync(path.join(ROOT, 'image-lookups.context.json'), 'utf8')) as { entries: Record<string, CacheEntry> };
  const problems = Object.entries(entries).map(([key, entry]) => {
    const problem = key.startsWith('aliyun:') ? cachedEntryProblem(entry, aliyunVodImagesProvider, VOD_IMAGE)
      : key.startsWith(`${tencentSharePermissionProvider.id}:`) ? cachedEntryProblem(entry, tencentSharePermissionProvider, TENCENT_API3_IMAGE)
        : cachedEntryProblem(entry, tencentImageSharesProvider, key.endsWith(':scope=account') ? TENCENT_ACCOUNT : TENCENT_IMAGE);
    return { key, problem };
  });
  expect(problems.length).toBeGreaterThan(0);
  // The example looks its Guangzhou images up over both APIs.
  expect(problems.some(({ key }) => key.startsWith(`${tencentSharePermissionProvider.id}:`))).toBe(true);
  expect(problems.filter(({ problem }) => problem !== undefined)).toEqual([]);
});
