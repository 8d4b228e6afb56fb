import type { PolicyRule } from '../../policy';
import type { TencentShareFacts } from './facts';
import { foundImageRule, imageText, integerOption, optionsObject } from './rule-support';

export const MAX_SHARES_PER_IMAGE_ID = 'TencentShares.MaxSharesPerImage';

/** Options of `maxSharesPerImage`. */
export interface TencentMaxSharesPerImageOptions {
  /** The most accounts one image may be shared with; 0 allows none. */
  readonly max: number;
}

/**
Each image is shared with at most `max` accounts. Evidence: `{ count, max, uins }`. Not-found images are skipped.
*/
export function tencentMaxSharesPerImage(options: TencentMaxSharesPerImageOptions): PolicyRule<TencentShareFacts> {
  const max = integerOption(MAX_SHARES_PER_IMAGE_ID, 'max', optionsObject(MAX_SHARES_PER_IMAGE_ID, options, ['max'], { example: '{ max: 10 }' }).max, { min: 0, example: 10 });
  return foundImageRule({
    id: MAX_SHARES_PER_IMAGE_ID,
    severity: 'warning',
    description: `Images are shared with at most ${max} accounts`,
    docs: 'The more accounts an image is shared with, the harder it is to know who runs it. This rule counts the accounts of each image\'s share list against the `max` option.',
    fixHint: 'Unshare the image from the accounts that no longer need it, or raise max.',
  }, (subject) => {
    const uins = subject.facts.shares.map((share) => share.uin);
    if (uins.length <= max) return undefined;
    return {
      message: `${imageText(subject)} is shared with ${uins.length} accounts, more than the ${max} allowed.`,
      evidence: { count: uins.length, max, uins },
    };
  });
}
