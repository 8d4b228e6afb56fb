import { LookupError } from './lookup-error';

/**
The app kept asking for new lookups after `maxRounds` builds.

Each round fetches every lookup requested before the first read of an unfetched one, so a round
is needed per level of lookups that depend on other lookups' results.
*/
export class LookupRoundsExceededError extends LookupError {
  constructor(readonly maxRounds: number, pendingKeys: string[]) {
    super('LookupRoundsExceeded',
      `The app still requested new lookups after ${maxRounds} rounds (still pending: ${pendingKeys.slice(0, 5).join(', ')}` +
      `${pendingKeys.length > 5 ? ', …' : ''}). Does building the app request different lookups every time? ` +
      'If the app really chains that many dependent lookups, raise maxRounds or IMAGE_LOOKUPS_MAX_ROUNDS.');
  }
}
