import type { CacheEntry } from './lookup-cache';
import { stableStringify } from './stable-json';

/**
How the answers of two cache views differ, key by key, each list sorted:
- `added`: a key the earlier view did not hold;
- `removed`: a key whose image was found before and is not found now (it was deleted, or unshared from
  the account asking);
- `changed`: any other difference in the answer (its value, its outcome, or the endpoint it came from).

Time fields are not compared: an answer fetched again and found equal is no change.
*/
export interface CacheChanges {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

/** Whether two entries hold the same answer, whatever their times. */
function sameAnswer(a: CacheEntry, b: CacheEntry): boolean {
  return stableStringify(answerOf(a)) === stableStringify(answerOf(b));
}

/** Compares `after` with `before` over the keys `after` holds (a key only `before` holds is not compared). */
export function cacheChanges(before: (key: string) => CacheEntry | undefined, after: Iterable<readonly [string, CacheEntry]>): CacheChanges {
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [key, entry] of after) {
    const earlier = before(key);
    if (earlier === undefined) added.push(key);
    else if (sameAnswer(earlier, entry)) continue;
    else if (earlier.outcome === 'found' && entry.outcome === 'notFound') removed.push(key);
    else changed.push(key);
  }
  return { added: added.sort(), changed: changed.sort(), removed: removed.sort() };
}

/** Whether there is any change. */
export function hasCacheChanges(changes: CacheChanges): boolean {
  return changes.added.length + changes.changed.length + changes.removed.length > 0;
}

function answerOf(entry: CacheEntry): unknown {
  return { provider: entry.provider, outcome: entry.outcome, value: entry.value, endpoint: entry.endpoint };
}
