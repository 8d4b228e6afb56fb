import type { CacheEntry } from './lookup-cache';
import type { LookupProvider } from './lookup-provider';
import { formatIssuePath } from './zod-issue';

/** What is wrong with a cached entry: the field (a path such as `value.shares[0].uin`) and why. */
export interface CachedEntryProblem {
  readonly field: string;
  readonly problem: string;
}

/**
Checks an entry read from the cache file against what its provider writes for this query: the
provider id, no value for `notFound`, and a found value of the provider's `valueSchemaOf(query)`.
Returns the first problem, or undefined when the entry is sound.
*/
export function cachedEntryProblem<Query>(entry: CacheEntry, provider: LookupProvider<Query, unknown>, query: Query): CachedEntryProblem | undefined {
  if (entry.provider !== provider.id) {
    return { field: 'provider', problem: `is ${JSON.stringify(entry.provider)}, but the key belongs to ${provider.id}` };
  }
  if (entry.outcome === 'notFound') {
    return entry.value === undefined ? undefined : { field: 'value', problem: 'a notFound entry has no value' };
  }
  const parsed = provider.valueSchemaOf(query).safeParse(entry.value);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  return { field: formatIssuePath(['value', ...issue.path]), problem: issue.message };
}
