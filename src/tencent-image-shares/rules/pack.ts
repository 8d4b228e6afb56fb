import type { PolicyPack, PolicyRule } from '../../policy';
import { tencentAllowlistedAccounts } from './allowlisted-accounts';
import type { TencentShareFacts } from './facts';
import { tencentForbiddenAccounts } from './forbidden-accounts';
import { tencentImageFound } from './image-found';
import { tencentMaxShareAge, type TencentMaxShareAgeOptions } from './max-share-age';
import { tencentMaxSharesPerImage, type TencentMaxSharesPerImageOptions } from './max-shares-per-image';
import { optionsObject, type TencentAccountsOptions } from './rule-support';
import { tencentShareQuotaHeadroom, type TencentShareQuotaHeadroomOptions } from './share-quota-headroom';
import { tencentUnsharedImages, type TencentUnsharedImagesOptions } from './unshared-images';

/** The pack's id: the API folder's. */
export const TENCENT_SHARES_PACK_ID = 'tencent-image-shares';

/**
Which rules the pack holds. `TencentShares.ImageFound` and `TencentShares.ShareQuotaHeadroom` are
always in it; every other rule joins when its options are given (`maxShareAge: {}` takes its defaults).
*/
export interface TencentSharesPackOptions {
  readonly allowlistedAccounts?: TencentAccountsOptions;
  readonly forbiddenAccounts?: TencentAccountsOptions;
  readonly maxSharesPerImage?: TencentMaxSharesPerImageOptions;
  readonly maxShareAge?: TencentMaxShareAgeOptions;
  /** @default {} (maxUsedRatio 0.8) */
  readonly shareQuotaHeadroom?: TencentShareQuotaHeadroomOptions;
  readonly unsharedImages?: TencentUnsharedImagesOptions;
}

/**
The Tencent share-list pack, its options validated now (a LookupInputError naming the option).
Rules run in this order: image found, allowlist, forbidden accounts, private images, shares per image, share age, quota headroom.
*/
export function tencentSharesPack(options: TencentSharesPackOptions = {}): PolicyPack {
  optionsObject('TencentShares pack', options,
    ['allowlistedAccounts', 'forbiddenAccounts', 'maxSharesPerImage', 'maxShareAge', 'shareQuotaHeadroom', 'unsharedImages'],
    { example: "{ allowlistedAccounts: { accounts: ['100001'] } }", required: false });
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
