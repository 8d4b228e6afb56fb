import type { PolicyRule } from '../../policy';
import { beijingTimeToIso, type ShareUinInfo } from '../response';
import type { TencentShareFacts } from './facts';
import { accountsText, foundImageRule, imageText, integerOption, optionsObject } from './rule-support';

export const MAX_SHARE_AGE_ID = 'TencentShares.MaxShareAge';

/** Options of `maxShareAge`. */
export interface TencentMaxShareAgeOptions {
  /** A share older than this many whole days (before the evaluation's clock) is reported. @default 90 */
  readonly maxAgeDays?: number;
}

const DAY_MS = 86_400_000;

/** When a share was made, in ms: `sharedAt`, else the API's text read as Beijing time; undefined if neither reads. */
function sharedAtMs(share: ShareUinInfo): number | undefined {
  const iso = share.sharedAt ?? beijingTimeToIso(share.shareTimeStamp);
  const ms = iso === undefined ? Number.NaN : Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
No share is older than `maxAgeDays` whole days at the evaluation's clock (`context.now`): shares are
meant to be reviewed, and old ones are the forgotten ones. One finding per image, naming every old
share (evidence `{ maxAgeDays, shares: [{ uin, shareTimeStamp, ageDays }] }`). A share whose time
cannot be read is reported at info level instead, so it is never silently passed. Not-found images are skipped.
*/
export function tencentMaxShareAge(options: TencentMaxShareAgeOptions = {}): PolicyRule<TencentShareFacts> {
  const maxAgeDays = integerOption(MAX_SHARE_AGE_ID, 'maxAgeDays', optionsObject(MAX_SHARE_AGE_ID, options, ['maxAgeDays'], { example: '{ maxAgeDays: 90 }', required: false }).maxAgeDays, { min: 1, example: 90, fallback: 90 });
  return foundImageRule({
    id: MAX_SHARE_AGE_ID,
    severity: 'warning',
    description: `Images have no share older than ${maxAgeDays} days`,
    docs: 'A share that nobody reviewed for months is likely forgotten. This rule compares each share\'s time (`shareTimeStamp`, Beijing time) with the evaluation\'s clock.',
    fixHint: 'Review the share: unshare the image from the account if it no longer needs it, or reshare it to restart the clock.',
  }, (subject, now) => {
    const dated = subject.facts.shares.map((share) => ({ share, ms: sharedAtMs(share) }));
    const old = dated.flatMap(({ share, ms }) => {
      const ageDays = ms === undefined ? 0 : Math.floor((now.getTime() - ms) / DAY_MS);
      return ageDays > maxAgeDays ? [{ uin: share.uin, shareTimeStamp: share.shareTimeStamp, ageDays }] : [];
    });
    const undated = dated.filter(({ ms }) => ms === undefined).map(({ share }) => ({ uin: share.uin, shareTimeStamp: share.shareTimeStamp }));
    if (old.length > 0) {
      const oldest = Math.max(...old.map((share) => share.ageDays));
      return {
        message: `${imageText(subject)} has been shared with ${accountsText(old.map((share) => share.uin))} for more than ${maxAgeDays} days (the oldest for ${oldest} days).`,
        evidence: { maxAgeDays, shares: old, ...(undated.length > 0 ? { undated } : {}) },
      };
    }
    if (undated.length === 0) return undefined;
    return {
      severity: 'info',
      message: `${imageText(subject)} is shared with ${accountsText(undated.map((share) => share.uin))} at a time that cannot be read, so the share's age is unknown.`,
      evidence: { maxAgeDays, undated },
      fixHint: 'Check the share in the console; the API gave a share time that is not YYYY-MM-DD HH:mm:ss.',
    };
  });
}
