import type { PolicyPack, PolicyRule } from '../../policy';
import type { VodImageInfo } from '../response';
import { vodAllowedImageTypes, type VodAllowedImageTypesOptions } from './allowed-image-types';
import { vodAllowedStorageLocations, type VodAllowedStorageLocationsOptions } from './allowed-storage-locations';
import { vodHttpsUrls } from './https-urls';
import { vodImageFound } from './image-found';
import { vodMaxAge, type VodMaxAgeOptions } from './max-age';
import { vodRequiredTags, type VodRequiredTagsOptions } from './required-tags';
import { badOption, optionsObject, VOD_IMAGES_API } from './rule-support';
import { vodSizeBounds, type VodSizeBoundsOptions } from './size-bounds';
import { vodStatusNormal } from './status-normal';
import { vodTitleRequired } from './title-required';

/** The pack's id: the API folder's. */
export const VOD_IMAGES_PACK_ID = VOD_IMAGES_API;

/** The rules that take no options, in the order the pack runs them: the descriptor's `policyRules`. */
export const vodImageRules: readonly PolicyRule<VodImageInfo>[] = [vodImageFound, vodStatusNormal, vodTitleRequired, vodHttpsUrls];

/** The rule factories, by the pack option that configures each. */
const FACTORIES = {
  requiredTags: vodRequiredTags,
  allowedImageTypes: vodAllowedImageTypes,
  sizeBounds: vodSizeBounds,
  allowedStorageLocations: vodAllowedStorageLocations,
  maxAge: vodMaxAge,
} as const;

/** Options of the VOD pack: each configures one rule, which the pack then includes. */
export interface VodImagesPackOptions {
  /** AliyunVod.RequiredTags's options. @default the rule is left out */
  readonly requiredTags?: VodRequiredTagsOptions;
  /** AliyunVod.AllowedImageTypes's options. @default the rule is left out */
  readonly allowedImageTypes?: VodAllowedImageTypesOptions;
  /** AliyunVod.SizeBounds's options. @default the rule is left out */
  readonly sizeBounds?: VodSizeBoundsOptions;
  /** AliyunVod.AllowedStorageLocations's options. @default the rule is left out */
  readonly allowedStorageLocations?: VodAllowedStorageLocationsOptions;
  /** AliyunVod.MaxAge's options. @default the rule is left out */
  readonly maxAge?: VodMaxAgeOptions;
}

/**
The Alibaba Cloud VOD image pack (id `aliyun-vod-images`): the rules without options
(`vodImageRules`: ImageFound, StatusNormal, TitleRequired, HttpsUrls), then one rule per option
given, in the order of `VodImagesPackOptions`. Throws a LookupInputError, naming the rule and
option, for invalid options.
*/
export function vodImagesPack(options: VodImagesPackOptions = {}): PolicyPack {
  const names = Object.keys(FACTORIES) as (keyof VodImagesPackOptions)[];
  const checked = optionsObject('AliyunVod pack', options, names, { example: "{ maxAge: { maxAgeDays: 365 } }" });
  const configured = names.flatMap((name) => {
    const factory = FACTORIES[name];
    const value: unknown = checked[name];
    if (value === undefined) return [];
    if (typeof value !== 'object' || value === null) badOption('AliyunVod pack', name, 'expected the options object of its rule, or nothing to leave the rule out');
    return [(factory as (ruleOptions: unknown) => PolicyRule<VodImageInfo>)(value)];
  });
  return { id: VOD_IMAGES_PACK_ID, rules: [...vodImageRules, ...configured] };
}
