import picomatch from 'picomatch';
import { API_LIST } from '../apis';
import { CacheFileMissingError } from '../engine/errors';
import { LookupCache, resolveCacheFile } from '../engine/lookup-cache';
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

/** `image-lookups list [--json]`: every cached lookup, with its outcome and age. */
export function listCommand(options: { cacheFile?: string; json: boolean; now?: Date }, print: (line: string) => void): number {
  const cache = loadCache(options.cacheFile);
  const keys = cache.keys();
  if (options.json) {
    print(stableStringify(keys.map((key) => ({ key, ...cache.get(key) }))).trimEnd());
    return 0;
  }
  if (!cache.fileExists) {
    print(`No cache file yet: ${cache.file}. A synth (or npx image-lookups refresh) creates it when it fetches a lookup.`);
    return 0;
  }
  if (keys.length === 0) {
    print(`No lookups cached in ${cache.file}.`);
    return 0;
  }
  const now = (options.now ?? new Date()).getTime();
  const rows = keys.map((key) => {
    const entry = cache.get(key)!;
    return [key, entry.outcome, entry.fetchedAt, formatAge(now - Date.parse(entry.fetchedAt))];
  });
  const header = ['KEY', 'OUTCOME', 'FETCHED AT', 'AGE'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  for (const row of [header, ...rows]) print(row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
  print(`${keys.length} lookup${keys.length === 1 ? '' : 's'} in ${cache.file}`);
  return 0;
}

/**
`image-lookups reset GLOB`: drops matching entries; fails if none match, so a typo does not pass silently.
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
  if (matches.length === 0) {
    print(`No cached lookup matches ${options.glob} in ${cache.file}; nothing reset.`);
    return 1;
  }
  for (const key of matches) cache.delete(key);
  await cache.save();
  for (const key of matches) print(`reset ${key}`);
  print(`${matches.length} lookup${matches.length === 1 ? '' : 's'} reset in ${cache.file}`);
  return 0;
}

function formatAge(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}
