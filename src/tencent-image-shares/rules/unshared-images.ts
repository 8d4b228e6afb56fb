import type { PolicyRule } from '../../policy';
import type { FoundTencentShareSubject, TencentShareFacts } from './facts';
import { accountsText, badOption, describe, foundImageRule, imageText, optionsObject } from './rule-support';

export const UNSHARED_IMAGES_ID = 'TencentShares.UnsharedImages';

/** Options of `unsharedImages`: which images must not be shared at all. Give `imageIds`, `match`, or both. */
export interface TencentUnsharedImagesOptions {
  /** These image IDs must have an empty share list, e.g. `['img-abc123']`. @default [] */
  readonly imageIds?: readonly string[];
  /**
  Also those a predicate picks, e.g. by construct path (`(s) => s.constructPath.startsWith('prod/')`)
  or region. It sees found images only, and must be pure.
  @default none
  */
  readonly match?: (subject: FoundTencentShareSubject) => boolean;
}

/**
The chosen images (`imageIds`, `match`) are not shared with any account: for images that carry
secrets or licensed software. Not suppressible: an image that must stay private is never accepted
shared. Evidence: `{ uins }`. Not-found images are skipped.
*/
export function tencentUnsharedImages(options: TencentUnsharedImagesOptions): PolicyRule<TencentShareFacts> {
  const { imageIds, match } = optionsObject(UNSHARED_IMAGES_ID, options, ['imageIds', 'match'], { example: "{ imageIds: ['img-abc123'] }" });
  if (imageIds === undefined && match === undefined) {
    badOption(UNSHARED_IMAGES_ID, 'imageIds', 'neither imageIds nor match is given: pass the image IDs that must not be shared, a match predicate, or both');
  }
  if (imageIds !== undefined && (!Array.isArray(imageIds) || imageIds.some((id) => typeof id !== 'string' || id === ''))) {
    badOption(UNSHARED_IMAGES_ID, 'imageIds', `expected a list of image IDs (non-empty strings), got ${describe(imageIds)}: pass e.g. ['img-abc123']`);
  }
  if (match !== undefined && typeof match !== 'function') {
    badOption(UNSHARED_IMAGES_ID, 'match', `expected a function of the found subject returning true for images that must not be shared, got ${describe(match)}`);
  }
  const ids = new Set(imageIds ?? []);
  return foundImageRule({
    id: UNSHARED_IMAGES_ID,
    severity: 'error',
    description: 'Private images are not shared',
    docs: 'Some images must stay in the account: they hold secrets, licensed software or unreleased work. This rule reports any share of the images that `imageIds` lists or `match` picks. Its findings cannot be suppressed.',
    fixHint: 'Unshare the image from every account (ModifyImageSharePermission with CANCEL).',
    suppressible: false,
  }, (subject) => {
    if (subject.facts.shares.length === 0 || !(ids.has(subject.imageId) || match?.(subject) === true)) return undefined;
    const uins = subject.facts.shares.map((share) => share.uin);
    return { message: `${imageText(subject)} must not be shared, but is shared with ${accountsText(uins)}.`, evidence: { uins } };
  });
}
