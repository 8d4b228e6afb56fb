import { describeVodChanges } from '../../src/aliyun-vod-images/describe-changes';
import type { CacheEntry } from '../../src/engine/lookup-cache';

const entry = (value?: Record<string, unknown>): CacheEntry => ({
  provider: 'aliyun:vod.GetImageInfo', outcome: value ? 'found' : 'notFound', endpoint: 'https://vod.cn-shanghai.aliyuncs.com/',
  fetchedAt: '2026-06-01T00:00:00.000Z', ...(value ? { value: { imageId: 'a3f9c8e27b6d4c1e9f0a5b3d7e2c4f60', tags: [], ...value } } : {}),
});
const cover = {
  status: 'Normal', title: 'Spring launch', tags: ['cover', 'homepage'], storageLocation: 'outin-1.oss-cn-shanghai.aliyuncs.com',
  mezzanine: { sizeBytes: 412876, width: 1280, height: 720 },
  url: { url: 'https://cdn.example.com/image/cover.jpg', signatureRemoved: true },
};
const texts = (before: CacheEntry | undefined, after: CacheEntry | undefined) => describeVodChanges(before, after).map((change) => change.text);

describe('describeVodChanges', () => {
  test('status, title, size, dimensions, storage, then tags added and removed', () => {
    const changes = describeVodChanges(entry(cover), entry({
      ...cover, status: 'Blocked', title: 'Spring launch (final)', tags: ['cover', 'campaign-2026'],
      storageLocation: 'outin-2.oss-cn-beijing.aliyuncs.com', mezzanine: { sizeBytes: 500000, width: 1920, height: 1080 },
    }));
    expect(changes.map((change) => change.text)).toEqual([
      'status: Normal → Blocked',
      'title: "Spring launch" → "Spring launch (final)"',
      'size: 412876 bytes → 500000 bytes',
      'dimensions: 1280×720 → 1920×1080',
      'storage: outin-1.oss-cn-shanghai.aliyuncs.com → outin-2.oss-cn-beijing.aliyuncs.com',
      'tag "campaign-2026" added',
      'tag "homepage" removed',
    ]);
    expect(changes[0]).toEqual({ field: 'status', change: 'changed', before: 'Normal', after: 'Blocked', text: 'status: Normal → Blocked' });
    expect(changes[5]).toEqual({ field: 'tags', change: 'added', item: 'campaign-2026', text: 'tag "campaign-2026" added' });
  });

  test('a field that appears or goes away is added or removed', () => {
    const { title: _title, ...untitled } = cover;
    expect(describeVodChanges(entry(cover), entry(untitled))).toEqual([
      { field: 'title', change: 'removed', before: 'Spring launch', text: 'title: "Spring launch" → none' },
    ]);
  });

  test('a URL change says so without showing the URL, which may be signed', () => {
    const changes = describeVodChanges(entry(cover), entry({ ...cover, url: { url: 'https://cdn.example.com/image/cover.jpg?auth_key=1-0-0-secret', signatureRemoved: false } }));
    expect(changes).toEqual([{ field: 'url', change: 'changed', text: 'URL changed' }]);
    expect(JSON.stringify(changes)).not.toContain('auth_key');
  });

  test('equal info is no change; found and not found either way; a new key; a dropped one', () => {
    expect(describeVodChanges(entry(cover), { ...entry(cover), fetchedAt: '2020-01-01T00:00:00.000Z' })).toEqual([]);
    expect(texts(entry(cover), entry())).toEqual(['not found any more']);
    expect(texts(entry(), entry(cover))).toEqual(['found now, status Normal, title "Spring launch"']);
    expect(texts(undefined, entry(cover))).toEqual(['new lookup: found, status Normal, title "Spring launch"']);
    expect(texts(undefined, entry())).toEqual(['new lookup: not found']);
    expect(texts(entry(cover), undefined)).toEqual(['dropped from the cache']);
  });

  test('a value of another shape is not described', () => {
    expect(describeVodChanges(entry(cover), entry({ ...cover, tags: 'cover' }))).toEqual([]);
  });
});
