import type { RuleFinding, SubjectRule } from '../../policy';
import type { VodImageInfo } from '../response';
import { foundImageRule, imageText, integerOption, optionsObject } from './rule-support';

const ID = 'AliyunVod.MaxAge';
const DAY_MS = 86_400_000;

/** Options of AliyunVod.MaxAge. */
export interface VodMaxAgeOptions {
  /** The most days an image may have existed, by the evaluation's clock (`now`): a whole number, at least 1. */
  readonly maxAgeDays: number;
}

/**
AliyunVod.MaxAge: the image was created at most `maxAgeDays` days before the evaluation's clock
(`context.now`, never the system clock). An image without a CreationTime is a finding (its age is
unknown); one created after `now` (clock skew) is not. Severity `warning` by default. Throws a
LookupInputError for invalid options.
*/
export function vodMaxAge(options: VodMaxAgeOptions): SubjectRule<VodImageInfo> {
  const checked = optionsObject(ID, options, ['maxAgeDays'], { example: '{ maxAgeDays: 365 }' });
  const maxAgeDays = integerOption(ID, 'maxAgeDays', checked.maxAgeDays, { min: 1, example: 365 });
  return foundImageRule({
    id: ID,
    severity: 'warning',
    description: `VOD images are at most ${maxAgeDays} days old`,
    docs: 'Old images (covers, banners) tend to show outdated branding or content. An image created more than the '
      + 'allowed number of days before the evaluation, or without a `CreationTime`, is a finding.',
    fixHint: 'Upload a current image and refer to it, or raise maxAgeDays.',
  }, (subject, now): RuleFinding | undefined => {
    const { creationTime } = subject.facts;
    if (creationTime === undefined) {
      return {
        message: `${imageText(subject)} has no creation time in VOD's answer, so it cannot be shown to be at most ${maxAgeDays} days old`,
        evidence: { creationTime: null, maxAgeDays },
      };
    }
    const ageMs = now.getTime() - Date.parse(creationTime);
    if (ageMs <= maxAgeDays * DAY_MS) return undefined;
    const ageDays = Math.floor(ageMs / DAY_MS);
    return {
      message: `${imageText(subject)} was created at ${creationTime}, ${ageDays} days ago: more than the ${maxAgeDays} days allowed`,
      evidence: { creationTime, ageDays, maxAgeDays },
    };
  });
}
