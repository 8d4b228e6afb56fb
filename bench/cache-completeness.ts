// The load rows' data check: after a refresh, the cache file must hold every expected key, found,
// fetched by that refresh from the throttled emulator, with the value the emulator data says.
import { LookupCache } from '../src/engine';
import type { ValueCheck } from './scenario';

/** Why a key fails the check; the first that applies. */
export type EntryProblem = 'missing' | 'not found' | 'not refetched' | 'wrong value';

export interface Completeness {
  readonly expected: number;
  /** Keys that pass every check. */
  readonly complete: number;
  /** Failing keys per problem, with the first few of each as examples. */
  readonly problems: ReadonlyMap<EntryProblem, { readonly count: number; readonly examples: readonly string[] }>;
}

/** Failing keys named per problem in the report: enough to start looking, not 10,000 lines. */
const EXAMPLES_PER_PROBLEM = 3;

/**
Checks `cacheFile` against `expected`. An entry counts as refetched when it came from `origin` at
or after `since`: the fill used another emulator, so a key the refresh failed to fetch again (it
keeps its previous entry, by design) shows up here instead of passing on the fill's data.
*/
export function checkCompleteness(cacheFile: string, expected: ReadonlyMap<string, ValueCheck>, origin: string, since: string): Completeness {
  const cache = LookupCache.load(cacheFile);
  // fetchedAt is written to the second.
  const sinceMs = Math.floor(Date.parse(since) / 1000) * 1000;
  const problems = new Map<EntryProblem, { count: number; examples: string[] }>();
  let complete = 0;
  for (const [key, matches] of expected) {
    const entry = cache.get(key);
    const problem: EntryProblem | undefined = entry === undefined ? 'missing'
      : entry.outcome !== 'found' ? 'not found'
        : !entry.endpoint.startsWith(`${origin}/`) || Date.parse(entry.fetchedAt) < sinceMs ? 'not refetched'
          : !matches(entry.value) ? 'wrong value'
            : undefined;
    if (problem === undefined) {
      complete++;
      continue;
    }
    const tally = problems.get(problem) ?? { count: 0, examples: [] };
    tally.count++;
    if (tally.examples.length < EXAMPLES_PER_PROBLEM) tally.examples.push(key);
    problems.set(problem, tally);
  }
  return { expected: expected.size, complete, problems };
}
