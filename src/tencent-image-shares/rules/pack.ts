import type { PolicyPack, PolicyRule } from '../../policy';
import { tencentAllowlistedAccounts } from './allowlisted-accounts';
import type { TencentShareFacts } from './facts';
import { tencentForbiddenAccounts } from './forbidden-accounts';
import { tencentImageFound } from './image-found';
import { tencentMaxShareAge, type MaxShareAgeOptions } from './max-share-age';
import { tencentMaxSharesPerImage, type MaxSharesPerImageOptions } from './max-shares-per-image';
import type { AccountsOptions } from './rule-support';
import { tencentShareQuotaHeadroom, type ShareQuotaHeadroomOptions } from './share-quota-headroom';
import { tencentUnsharedImages, type UnsharedImagesOptions } from './unshared-images';

/** The pack's id: the API folder's. */
export const TENCENT_SHARES_PACK_ID = 'tencent-image-shares';

/**
Which rules the pack holds. `TencentShares.ImageFound` and `TencentShares.ShareQuotaHeadroom` are
always in it; every other rule joins when its options are given (`maxShareAge: {}` takes its defaults).
*/
export interface TencentSharesPackOptions {
  readonly allowlistedAccounts?: AccountsOptions;
  readonly forbiddenAccounts?: AccountsOptions;
  readonly maxSharesPerImage?: MaxSharesPerImageOptions;
  readonly maxShareAge?: MaxShareAgeOptions;
  /** @default {} (maxUsedRatio 0.8) */
  readonly shareQuotaHeadroom?: ShareQuotaHeadroomOptions;
  readonly unsharedImages?: UnsharedImagesOptions;
}

/**
The Tencent share-list pack, its options validated now (a LookupInputError naming the option).
Rules run in this order: image found, allowlist, forbidden accounts, private images, shares per image, share age, quota headroom.
*/
export function tencentSharesPack(options: TencentSharesPackOptions = {}): PolicyPack {
  const rules: (PolicyRule<TencentShareFacts> | undefined)[] = [
    tencentImageFound,
    options.allowlistedAccounts && tencentAllowlistedAccounts(options.allowlistedAccounts),
    options.forbiddenAccounts && tencentForbiddenAccounts(options.forbiddenAccounts),
    options.unsharedImages && tencentUnsharedImages(options.unsharedImages),
    options.maxSharesPerImage && tencentMaxSharesPerImage(options.maxSharesPerImage),
    options.maxShareAge && tencentMaxShareAge(options.maxShareAge),
    tencentShareQuotaHeadroom(options.shareQuotaHeadroom),
  ];
  return { id: TENCENT_SHARES_PACK_ID, rules: rules.filter((rule): rule is PolicyRule<TencentShareFacts> => Boolean(rule)) as PolicyRule[] };
}
