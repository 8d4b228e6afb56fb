import type { CacheEntry } from '../../src/engine';
import { cachedEntryProblem } from '../../src/engine/cached-entry-problem';
import { tencentImageSharesProvider, tencentShareKey, type TencentShareQuery } from '../../src/tencent-image-shares';
import { OFFICIAL_EXAMPLE_IMAGE_ID, OFFICIAL_EXAMPLE_ONE_SHARE_PARSED } from './fixtures';

// Queries as the provider's valueSchemaOf sees them; the config is not read there.
const TENCENT_IMAGE = { kind: 'image', imageId: OFFICIAL_EXAMPLE_IMAGE_ID } as TencentShareQuery;
const TENCENT_ACCOUNT = { kind: 'account', imageId: OFFICIAL_EXAMPLE_IMAGE_ID } as TencentShareQuery;

const IMAGE_ENTRY: CacheEntry = {
  provider: 'tencent:GetImageShareUinInfo',
  outcome: 'found',
  value: { imageId: OFFICIAL_EXAMPLE_IMAGE_ID, shares: OFFICIAL_EXAMPLE_ONE_SHARE_PARSED },
  endpoint: 'https://image.api.qcloud.com/v2/index.php',
  fetchedAt: '2026-01-01T00:00:00Z',
};

describe('Tencent share keys', () => {
  test('are documented and stable: one per image, one per region for the account quota', () => {
    expect(tencentShareKey({ kind: 'image', region: 'ap-shanghai', imageId: 'img-31tjrtph' }))
      .toBe('tencent:GetImageShareUinInfo:region=ap-shanghai:imageId=img-31tjrtph');
    expect(tencentShareKey({ kind: 'account', region: 'ap-shanghai', imageId: 'img-31tjrtph' }))
      .toBe('tencent:GetImageShareUinInfo:region=ap-shanghai:scope=account');
  });
});

describe('the cached value\'s shape', () => {
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

  test('fields a newer version may add are no problem', () => {
    const entry = { ...IMAGE_ENTRY, value: { ...(IMAGE_ENTRY.value as object), shareCount: 1 } };
    expect(cachedEntryProblem(entry, tencentImageSharesProvider, TENCENT_IMAGE)).toBeUndefined();
  });
});
