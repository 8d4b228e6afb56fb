import picomatch from 'picomatch';
import { API_LIST } from '../apis';
import { closestKeysToGlob } from '../engine/closest-matches';
import { CacheFileMissingError, GlobUnmatchedError } from '../engine/errors';
import { LookupCache, resolveCacheFile, type CacheEntry } from '../engine/lookup-cache';
import { resolveEngineOptions } from '../engine/lookup-options';
import { formatAge } from '../engine/stale-lookups';
import { suggestedCommand } from '../engine/suggested-command';
import { stableStringify } from '../engine/stable-json';
import { UsageError } from './usage-error';

/**
The cache a command works on. A file named with `--cache` must exist (a typo must not look like an
empty cache); the project's own file (IMAGE_LOOKUPS_CACHE or the default) may not exist yet.
*/
function loadCache(cacheFile: string | undefined): LookupCache {
  const cache = LookupCache.load(resolveCacheFile(cacheFile));
  if (cacheFile !== undefined && !cache.fileExists) throw new CacheFileMissingError(cache.file, '--cache');
  return cache;
}

/** One row of `list`: an entry, when it was last verified, and whether it is stale. */
interface ListedEntry {
  readonly key: string;
  readonly entry: CacheEntry;
  readonly verifiedAt: string;
  readonly ageSeconds: number;
  /** Verified longer ago than maxAge (IMAGE_LOOKUPS_MAX_AGE); never when no maxAge is set. */
  readonly stale: boolean;
  /** For a "not found": whether auto mode asks again (older than the not-found maxAge). */
  readonly recheckDue?: boolean;
}

/**
`image-lookups list [--json]`: every cached lookup, with its outcome, when it was last verified (the
later of its own fetch and the file's last full refresh), its age, and whether it is stale by
IMAGE_LOOKUPS_MAX_AGE or, for a "not found", due to be asked again by IMAGE_LOOKUPS_NOT_FOUND_MAX_AGE.
*/
export function listCommand(options: { cacheFile?: string; json: boolean; now?: Date; env?: NodeJS.ProcessEnv }, print: (line: string) => void): number {
  const cache = loadCache(options.cacheFile);
  const { maxAgeSeconds, notFoundMaxAgeSeconds } = resolveEngineOptions({}, options.env ?? process.env);
  const now = (options.now ?? new Date()).getTime();
  const listed = cache.keys().map((key): ListedEntry => {
    const entry = cache.get(key)!;
    const verifiedAt = cache.verifiedAt(key) ?? entry.fetchedAt;
    const ageSeconds = Math.max(0, Math.floor((now - Date.parse(verifiedAt)) / 1000));
    return {
      key, entry, verifiedAt, ageSeconds,
      stale: maxAgeSeconds !== undefined && ageSeconds > maxAgeSeconds,
      ...(entry.outcome === 'notFound' ? { recheckDue: ageSeconds > notFoundMaxAgeSeconds } : {}),
    };
  });
  if (options.json) {
    print(stableStringify(listed.map(({ key, entry, ...facts }) => ({ key, ...entry, ...facts }))).trimEnd());
    return 0;
  }
  if (!cache.fileExists) {
    print(`No cache file yet: ${cache.file}. A synth (or npx image-lookups refresh) creates it when it fetches a lookup.`);
    return 0;
  }
  if (listed.length === 0) {
    print(`No lookups cached in ${cache.file}.`);
    return 0;
  }
  const rows = listed.map(({ key, entry, verifiedAt, ageSeconds, stale, recheckDue }) =>
    [key, entry.outcome, verifiedAt, formatAge(ageSeconds * 1000), statusOf(stale, recheckDue, ageSeconds, notFoundMaxAgeSeconds)]);
  const header = ['KEY', 'OUTCOME', 'VERIFIED AT', 'AGE', 'STATUS'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  for (const row of [header, ...rows]) print(row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
  const stale = listed.filter((row) => row.stale).length;
  const notFound = listed.filter((row) => row.entry.outcome === 'notFound').length;
  const counts = [
    maxAgeSeconds === undefined ? 'no maxAge set (IMAGE_LOOKUPS_MAX_AGE), so none is stale' : `${stale} stale (maxAge ${maxAgeSeconds}s)`,
    `${notFound} not found`,
    `last full refresh ${cache.refreshedAt ?? 'never'}`,
  ];
  print(`${listed.length} lookup${listed.length === 1 ? '' : 's'} in ${cache.file}: ${counts.join(', ')}`);
  if (stale > 0 || listed.some((row) => row.recheckDue)) print(`Verify them again with: ${suggestedCommand(['refresh'], cache.file)}`);
  return 0;
}

/** `ok`, `stale`, or for a "not found" when auto mode asks again. */
function statusOf(stale: boolean, recheckDue: boolean | undefined, ageSeconds: number, notFoundMaxAgeSeconds: number): string {
  const notFound = recheckDue === undefined ? undefined
    : recheckDue ? 'not found: asked again by the next auto-mode synth'
      : `not found: asked again after ${formatAge((notFoundMaxAgeSeconds - ageSeconds) * 1000)}`;
  return [stale ? 'stale' : notFound ? undefined : 'ok', notFound].filter(Boolean).join('; ');
}

/**
`image-lookups reset GLOB`: drops matching entries; fails if none match (naming the closest keys), so a typo does not pass silently.
The save merges under the file's lock, so a synth running at the same time keeps its entries and
does not bring the dropped ones back.
*/
export async function resetCommand(options: { cacheFile?: string; glob?: string }, print: (line: string) => void): Promise<number> {
  if (!options.glob) throw new UsageError(`reset needs a GLOB of keys to drop, e.g. image-lookups reset '${API_LIST[0].providers[0].id}:*'`);
  const cache = loadCache(options.cacheFile);
  if (!cache.fileExists) {
    print(`No cache file yet: ${cache.file}; nothing reset.`);
    return 1;
  }
  const isMatch = picomatch(options.glob, { dot: true });
  const matches = cache.keys().filter((key) => isMatch(key));
  if (matches.length === 0) throw new GlobUnmatchedError('reset', options.glob, `the ${cache.size} key${cache.size === 1 ? '' : 's'} cached in ${cache.file}`, closestKeysToGlob(options.glob, cache.keys()), cache.file);
  for (const key of matches) cache.delete(key);
  await cache.save();
  for (const key of matches) print(`reset ${key}`);
  print(`${matches.length} lookup${matches.length === 1 ? '' : 's'} reset in ${cache.file}`);
  return 0;
}
