import type { BatchRule, SubjectFinding } from '../../policy';
import { TENCENT_SHARES_API, type FoundTencentShareSubject, type TencentShareFacts, type TencentShareSubject } from './facts';
import { optionsObject, badOption, describe } from './rule-support';

export const SHARE_QUOTA_HEADROOM_ID = 'TencentShares.ShareQuotaHeadroom';

/** Options of `shareQuotaHeadroom`. */
export interface TencentShareQuotaHeadroomOptions {
  /** The largest fraction of the quota (above 0, at most 1) the shared looked-up images may use. @default 0.8 */
  readonly maxUsedRatio?: number;
}

/**
The looked-up images that are shared stay within `maxUsedRatio` of the account's share quota
(`maxImgShareNum`), region by region (one region's subjects of one cloud form one group). The count
covers the looked-up images only, so it is a lower bound of the account's use: each image once, and
every looked-up image of the app (`context.subjects`), even where the rule's pack is attached to one
stack only, since the quota is the account's. One finding per group, on the first (by construct path,
then image ID) of the shared images the rule checks, so it stays put when the images are listed in
another order: a warning above the ratio, an error above the quota itself.
Evidence: `{ region, shared, quota, usedRatio, maxUsedRatio, sharedImageIds }`.
A group where no found image has a quota (the API 3.0 backend gives none, or nothing was found)
gets one info finding saying the rule does not apply.
*/
export function tencentShareQuotaHeadroom(options: TencentShareQuotaHeadroomOptions = {}): BatchRule<TencentShareFacts> {
  const { maxUsedRatio = 0.8 } = optionsObject(SHARE_QUOTA_HEADROOM_ID, options, ['maxUsedRatio'], { example: '{ maxUsedRatio: 0.8 }', required: false });
  if (typeof maxUsedRatio !== 'number' || !(maxUsedRatio > 0 && maxUsedRatio <= 1)) {
    badOption(SHARE_QUOTA_HEADROOM_ID, 'maxUsedRatio', `expected a number above 0 and at most 1, got ${describe(maxUsedRatio)}: pass e.g. 0.8 to warn when 80% of the quota is used`);
  }
  return {
    id: SHARE_QUOTA_HEADROOM_ID,
    apiId: TENCENT_SHARES_API,
    severity: 'warning',
    description: `Shared images use at most ${Math.round(maxUsedRatio * 100)}% of the account's share quota`,
    docs: 'Tencent limits how many images one account may share (`maxImgShareNum`); at the limit, sharing a new image fails. This rule counts the looked-up images with a non-empty share list, per region, against that quota. Only looked-up images are counted, so the account may use more.',
    fixHint: 'Unshare images that no longer need sharing, or ask Tencent Cloud for a higher share quota.',
    checkAll: (subjects, context) => {
      const accountWide = new Map(groupsOf(context.subjects).map((group) => [groupKey(group[0]), group]));
      return groupsOf(subjects).flatMap((own) => groupFinding(own, accountWide.get(groupKey(own[0])) ?? own, maxUsedRatio));
    },
  };
}

/** The subjects by cloud and region, in the order each group first appears. */
function groupsOf(subjects: readonly TencentShareSubject[]): TencentShareSubject[][] {
  const groups = new Map<string, TencentShareSubject[]>();
  for (const subject of subjects) {
    const key = groupKey(subject);
    const group = groups.get(key);
    if (group) group.push(subject);
    else groups.set(key, [subject]);
  }
  return [...groups.values()];
}

const groupKey = (subject: TencentShareSubject) => `${subject.cloud}\u0000${subject.region}`;

const byPlace = (a: TencentShareSubject, b: TencentShareSubject) =>
  (a.constructPath < b.constructPath ? -1 : a.constructPath > b.constructPath ? 1 : a.imageId < b.imageId ? -1 : a.imageId > b.imageId ? 1 : 0);

/** The finding of one region: counted over `accountWide` (every looked-up image there), reported on one of `own`. */
function groupFinding(own: readonly TencentShareSubject[], accountWide: readonly TencentShareSubject[], maxUsedRatio: number): SubjectFinding<TencentShareFacts>[] {
  const found = accountWide.filter((subject): subject is FoundTencentShareSubject => subject.found);
  const quotas = found.map((subject) => subject.facts.maxImgShareNum).filter((quota): quota is number => quota !== undefined);
  const region = own[0].region;
  if (quotas.length === 0) {
    return [{
      subject: own[0],
      severity: 'info',
      message: `Share quota headroom does not apply in region ${region || '(none)'}: the API gave no share quota (maxImgShareNum) for the ${own.length} looked-up images.`,
      evidence: { region, applicable: false },
      fixHint: 'Nothing to do: the API 3.0 backend reports no quota. Check the quota in the console if it matters.',
    }];
  }
  // One account's quota: the answers should agree; the smallest is the cautious reading.
  const quota = quotas.reduce((smallest, next) => Math.min(smallest, next));
  // An image looked up by two constructs is one image of the account.
  const sharedIds = [...new Set(found.filter((subject) => subject.facts.shares.length > 0).map((subject) => subject.imageId))];
  const ownShared = own.filter((subject) => subject.found && subject.facts.shares.length > 0).sort(byPlace);
  const usedRatio = quota === 0 ? (sharedIds.length === 0 ? 0 : Number.POSITIVE_INFINITY) : sharedIds.length / quota;
  if (usedRatio <= maxUsedRatio) return [];
  const over = sharedIds.length > quota;
  return [{
    subject: ownShared[0] ?? [...own].sort(byPlace)[0],
    ...(over ? { severity: 'error' as const } : {}),
    message: `${sharedIds.length} of the looked-up images in region ${region || '(none)'} are shared, ${over ? 'more than' : `${Math.round(usedRatio * 100)}% of`} the account's share quota of ${quota}${over ? '' : `, above the ${Math.round(maxUsedRatio * 100)}% allowed`}.`,
    evidence: { region, shared: sharedIds.length, quota, usedRatio: Number.isFinite(usedRatio) ? usedRatio : null, maxUsedRatio, sharedImageIds: sharedIds },
  }];
}
