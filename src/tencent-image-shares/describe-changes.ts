import type { DescribeEntryChanges, EntryChange } from '../api-descriptor';
import type { CacheEntry } from '../engine/lookup-cache';
import { tencentImageSharesValueSchema, tencentShareAccountValueSchema, type TencentImageSharesValue } from './provider';

/** At most this many accounts are named in one line; the rest are counted. */
const NAMED_ACCOUNTS = 5;

/**
What changed in a Tencent entry, for `image-lookups diff`: for an image, the accounts it was shared
with or unshared from and the share times that changed; for the account entry, the share quota.
A value that does not have the provider's shape gives no line (diff then says the answer changed).
*/
export const describeTencentChanges: DescribeEntryChanges = (before, after) => {
  if (after === undefined) return before ? [{ field: 'outcome', change: 'removed', before: before.outcome, text: 'dropped from the cache' }] : [];
  const account = quotaOf(after) ?? quotaOf(before);
  if (account !== undefined) return describeQuota(before, after);
  const now = sharesOf(after);
  if (before === undefined) {
    return [{ field: 'outcome', change: 'added', after: after.outcome, text: `new lookup: ${now ? `found, ${sharedWithText(now)}` : 'not found'}` }];
  }
  const earlier = sharesOf(before);
  if (earlier && !now && after.outcome === 'notFound') {
    return [{ field: 'outcome', change: 'changed', before: 'found', after: 'notFound', text: `not found any more (it was ${sharedWithText(earlier)})` }];
  }
  if (!earlier && now && before.outcome === 'notFound') {
    return [{ field: 'outcome', change: 'changed', before: 'notFound', after: 'found', text: `found now, ${sharedWithText(now)}` }];
  }
  return earlier && now ? describeShares(earlier, now) : [];
};

function describeShares(before: TencentImageSharesValue, after: TencentImageSharesValue): EntryChange[] {
  const earlier = new Map(before.shares.map((share) => [share.uin, share.shareTimeStamp]));
  const now = new Map(after.shares.map((share) => [share.uin, share.shareTimeStamp]));
  const changes: EntryChange[] = [];
  for (const [uin, sharedAt] of now) {
    const was = earlier.get(uin);
    if (was === undefined) changes.push({ field: 'shares', change: 'added', item: uin, after: sharedAt, text: `shared with ${uin} (at ${sharedAt})` });
    else if (was !== sharedAt) changes.push({ field: 'shares', change: 'changed', item: uin, before: was, after: sharedAt, text: `shared with ${uin} again: at ${was} → ${sharedAt}` });
  }
  for (const [uin, sharedAt] of earlier) {
    if (!now.has(uin)) changes.push({ field: 'shares', change: 'removed', item: uin, before: sharedAt, text: `no longer shared with ${uin}` });
  }
  return changes;
}

function describeQuota(before: CacheEntry | undefined, after: CacheEntry): EntryChange[] {
  const now = quotaOf(after);
  if (before === undefined) return [{ field: 'maxImgShareNum', change: 'added', after: now, text: `new lookup: the account's share quota is ${now ?? 'unknown'}` }];
  const was = quotaOf(before);
  if (was === now) return [];
  return [{ field: 'maxImgShareNum', change: 'changed', before: was, after: now, text: `the account's share quota: ${was ?? 'none'} → ${now ?? 'none'}` }];
}

function sharesOf(entry: CacheEntry): TencentImageSharesValue | undefined {
  if (entry.outcome !== 'found') return undefined;
  const parsed = tencentImageSharesValueSchema.safeParse(entry.value);
  return parsed.success ? parsed.data : undefined;
}

function quotaOf(entry: CacheEntry | undefined): number | undefined {
  if (entry?.outcome !== 'found') return undefined;
  const parsed = tencentShareAccountValueSchema.safeParse(entry.value);
  return parsed.success ? parsed.data.maxImgShareNum : undefined;
}

function sharedWithText(value: TencentImageSharesValue): string {
  const uins = value.shares.map((share) => share.uin);
  if (uins.length === 0) return 'shared with no account';
  const named = uins.slice(0, NAMED_ACCOUNTS).join(', ');
  return `shared with ${uins.length} account(s): ${named}${uins.length > NAMED_ACCOUNTS ? ` and ${uins.length - NAMED_ACCOUNTS} more` : ''}`;
}
