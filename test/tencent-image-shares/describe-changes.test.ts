import type { CacheEntry } from '../../src/engine/lookup-cache';
import { describeTencentChanges } from '../../src/tencent-image-shares/describe-changes';

const ENDPOINT = 'https://image.tencentcloudapi.com/';
const image = (shares: ReadonlyArray<readonly [uin: string, at: string]>): CacheEntry => ({
  provider: 'tencent:GetImageShareUinInfo', outcome: 'found', endpoint: ENDPOINT, fetchedAt: '2026-06-01T00:00:00.000Z',
  value: { imageId: 'img-jgggrva9', shares: shares.map(([uin, shareTimeStamp]) => ({ uin, shareTimeStamp })) },
});
const notFound: CacheEntry = { provider: 'tencent:GetImageShareUinInfo', outcome: 'notFound', endpoint: ENDPOINT, fetchedAt: '2026-06-01T00:00:00.000Z' };
const quota = (maxImgShareNum: number): CacheEntry => ({ ...notFound, outcome: 'found', value: { maxImgShareNum } });
const texts = (before: CacheEntry | undefined, after: CacheEntry | undefined) => describeTencentChanges(before, after).map((change) => change.text);

describe('describeTencentChanges', () => {
  test('names each account shared with, unshared from, and shared again at another time', () => {
    const changes = describeTencentChanges(
      image([['1621874004', '2016-01-13 15:16:53'], ['877354327', '2016-01-18 13:14:17']]),
      image([['1621874004', '2026-05-01 08:00:00'], ['2087654321', '2026-05-02 09:30:00']]),
    );
    expect(changes).toEqual([
      { field: 'shares', change: 'changed', item: '1621874004', before: '2016-01-13 15:16:53', after: '2026-05-01 08:00:00', text: 'shared with 1621874004 again: at 2016-01-13 15:16:53 → 2026-05-01 08:00:00' },
      { field: 'shares', change: 'added', item: '2087654321', after: '2026-05-02 09:30:00', text: 'shared with 2087654321 (at 2026-05-02 09:30:00)' },
      { field: 'shares', change: 'removed', item: '877354327', before: '2016-01-18 13:14:17', text: 'no longer shared with 877354327' },
    ]);
  });

  test('the same accounts in another order, or only other times, is no change', () => {
    const shares: Array<readonly [string, string]> = [['1', 'a'], ['2', 'b']];
    expect(describeTencentChanges({ ...image(shares), fetchedAt: '2020-01-01T00:00:00.000Z' }, image([...shares].reverse()))).toEqual([]);
  });

  test('an image found, then not, and the reverse', () => {
    expect(texts(image([['1', 'a']]), notFound)).toEqual(['not found any more (it was shared with 1 account(s): 1)']);
    expect(texts(notFound, image([]))).toEqual(['found now, shared with no account']);
  });

  test('a new key says what it holds, naming at most five accounts', () => {
    const seven = Array.from({ length: 7 }, (_, index): readonly [string, string] => [String(100 + index), 'a']);
    expect(texts(undefined, image(seven))).toEqual(['new lookup: found, shared with 7 account(s): 100, 101, 102, 103, 104 and 2 more']);
    expect(texts(undefined, notFound)).toEqual(['new lookup: not found']);
  });

  test("the account entry: the share quota", () => {
    expect(describeTencentChanges(quota(50), quota(40))).toEqual([
      { field: 'maxImgShareNum', change: 'changed', before: 50, after: 40, text: "the account's share quota: 50 → 40" },
    ]);
    expect(texts(undefined, quota(50))).toEqual(["new lookup: the account's share quota is 50"]);
    expect(describeTencentChanges(quota(50), quota(50))).toEqual([]);
  });

  test('a dropped key, and a value of another shape, which it does not describe', () => {
    expect(texts(image([]), undefined)).toEqual(['dropped from the cache']);
    expect(describeTencentChanges(image([]), { ...image([]), value: { imageId: 'img-1', shares: [{ uin: 'not digits' }] } })).toEqual([]);
  });
});
