import type { DescribeEntryChanges, EntryChange } from '../api-descriptor';
import type { CacheEntry } from '../engine/lookup-cache';
import { vodImageInfoSchema } from './provider';
import type { VodImageInfo } from './response';

/** The fields compared one by one, with how people read them. A URL field's values are never shown: they hold signatures. */
const SCALAR_FIELDS: ReadonlyArray<{ readonly field: string; readonly label: string; readonly read: (info: VodImageInfo) => unknown; readonly secret?: boolean }> = [
  { field: 'status', label: 'status', read: (info) => info.status },
  { field: 'title', label: 'title', read: (info) => info.title },
  { field: 'size', label: 'size', read: (info) => info.mezzanine?.sizeBytes },
  { field: 'dimensions', label: 'dimensions', read: (info) => dimensionsOf(info) },
  { field: 'storageLocation', label: 'storage', read: (info) => info.storageLocation },
  { field: 'description', label: 'description', read: (info) => info.description },
  { field: 'imageType', label: 'image type', read: (info) => info.imageType },
  { field: 'category', label: 'category', read: (info) => categoryOf(info) },
  { field: 'appId', label: 'app', read: (info) => info.appId },
  { field: 'creationTime', label: 'creation time', read: (info) => info.creationTime },
  // Often a signed URL too (kept whole with keepSignedUrls), so never shown either.
  { field: 'originalFileName', label: 'original file name', read: (info) => info.mezzanine?.originalFileName?.url, secret: true },
  { field: 'url', label: 'URL', read: (info) => info.url?.url, secret: true },
  { field: 'fileUrl', label: 'mezzanine file URL', read: (info) => info.mezzanine?.fileUrl?.url, secret: true },
];

/**
What changed in a VOD image entry, for `image-lookups diff`: its status, title, tags added and
removed, size, dimensions, storage and the other fields of its info. A value that does not have the
provider's shape gives no line (diff then says the answer changed).
*/
export const describeVodChanges: DescribeEntryChanges = (before, after) => {
  if (after === undefined) return before ? [{ field: 'outcome', change: 'removed', before: before.outcome, text: 'dropped from the cache' }] : [];
  const now = infoOf(after);
  if (before === undefined) {
    return [{ field: 'outcome', change: 'added', after: after.outcome, text: `new lookup: ${now ? `found, ${summaryOf(now)}` : 'not found'}` }];
  }
  const earlier = infoOf(before);
  if (earlier && !now && after.outcome === 'notFound') return [{ field: 'outcome', change: 'changed', before: 'found', after: 'notFound', text: 'not found any more' }];
  if (!earlier && now && before.outcome === 'notFound') return [{ field: 'outcome', change: 'changed', before: 'notFound', after: 'found', text: `found now, ${summaryOf(now)}` }];
  return earlier && now ? describeInfo(earlier, now) : [];
};

function describeInfo(before: VodImageInfo, after: VodImageInfo): EntryChange[] {
  const changes: EntryChange[] = [];
  for (const { field, label, read, secret } of SCALAR_FIELDS) {
    const was = read(before);
    const now = read(after);
    if (was === now) continue;
    const change = was === undefined ? 'added' : now === undefined ? 'removed' : 'changed';
    if (secret) changes.push({ field, change, text: `${label} changed` });
    else changes.push({ field, change, ...(was === undefined ? {} : { before: was }), ...(now === undefined ? {} : { after: now }), text: `${label}: ${shown(was, field)} → ${shown(now, field)}` });
  }
  const earlierTags = new Set(before.tags);
  const nowTags = new Set(after.tags);
  for (const tag of after.tags) if (!earlierTags.has(tag)) changes.push({ field: 'tags', change: 'added', item: tag, text: `tag ${JSON.stringify(tag)} added` });
  for (const tag of before.tags) if (!nowTags.has(tag)) changes.push({ field: 'tags', change: 'removed', item: tag, text: `tag ${JSON.stringify(tag)} removed` });
  return changes;
}

function infoOf(entry: CacheEntry): VodImageInfo | undefined {
  if (entry.outcome !== 'found') return undefined;
  const parsed = vodImageInfoSchema.safeParse(entry.value);
  return parsed.success ? parsed.data : undefined;
}

function summaryOf(info: VodImageInfo): string {
  return [`status ${info.status ?? 'unknown'}`, info.title === undefined ? 'no title' : `title ${JSON.stringify(info.title)}`].join(', ');
}

function dimensionsOf(info: VodImageInfo): string | undefined {
  const { width, height } = info.mezzanine ?? {};
  return width === undefined && height === undefined ? undefined : `${width ?? '?'}×${height ?? '?'}`;
}

function categoryOf(info: VodImageInfo): string | undefined {
  if (info.categoryId === undefined && info.categoryName === undefined) return undefined;
  return info.categoryName === undefined ? String(info.categoryId) : `${info.categoryName} (${info.categoryId ?? 'no id'})`;
}

function shown(value: unknown, field: string): string {
  if (value === undefined) return 'none';
  if (field === 'size') return `${value} bytes`;
  return typeof value === 'string' && /title|description/i.test(field) ? JSON.stringify(value) : String(value);
}
