import type { LookupCache } from './lookup-cache';

/**
One sentence about the requested lookups that are stale: how many, the oldest, and the command that
verifies them again. A pipeline with thousands of stale entries gets one line, not one per key.
*/
export function describeStaleLookups(keys: readonly string[], cache: LookupCache, now: Date, refreshCommand: string): string {
  let oldest: { key: string; at: number } | undefined;
  for (const key of keys) {
    const at = Date.parse(cache.verifiedAt(key) ?? '');
    if (!Number.isNaN(at) && (oldest === undefined || at < oldest.at)) oldest = { key, at };
  }
  const count = `${keys.length} cached lookup${keys.length === 1 ? ' is' : 's are'} stale (last verified longer ago than their maxAge`;
  const oldestText = oldest ? `; the oldest, ${oldest.key}, ${formatAge(now.getTime() - oldest.at)} ago` : '';
  return `${count}${oldestText}). Verify them again with: ${refreshCommand}`;
}

/** `42s`, `17m`, `5h`, `3d`: the unit that reads best. */
export function formatAge(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}
