import * as fs from 'node:fs';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { withCacheLock, cacheLockPath } from './cache-lock';
import { CacheFileInvalidError, CacheFileLockedError, CacheFileUnreadableError, CacheFileUnwritableError } from './errors';
import { stableStringify } from './stable-json';
import { suggestedCommand } from './suggested-command';
import { formatIssuePath } from './zod-issue';

/** The cache file's name in the directory the app runs in (where cdktf.json is). */
export const DEFAULT_CACHE_FILE_NAME = 'image-lookups.context.json';

/** One looked-up answer, as committed. Errors are never cached. */
export interface CacheEntry {
  /** The provider that made it, e.g. `tencent:GetImageShareUinInfo`. */
  readonly provider: string;
  readonly outcome: 'found' | 'notFound';
  /** The normalized result; absent when not found. Its shape is the provider's `valueSchemaOf`, checked by the engine. */
  readonly value?: unknown;
  /** The API endpoint the answer came from (origin and path, never a query string). */
  readonly endpoint: string;
  /**
  When this answer was last fetched on its own, ISO 8601 UTC: when it was first cached, when its value
  changed, or when a fetch of this key alone (a GLOB refresh, a refetch of a stale entry) confirmed it.
  A full refresh that finds the value unchanged leaves it alone and sets the file's `refreshedAt`
  instead, so the committed file changes only where an answer did. See `LookupCache.verifiedAt`.
  */
  readonly fetchedAt: string;
}

/** The envelope every entry has, whatever its provider. Values are the providers' business (see LookupEngine). */
const cacheFileSchema = z.object({
  version: z.literal(1),
  /** When a full refresh (every lookup the app requests) last verified the file, ISO 8601 UTC. */
  refreshedAt: z.iso.datetime().optional(),
  entries: z.record(z.string(), z.object({
    provider: z.string(),
    outcome: z.enum(['found', 'notFound']),
    value: z.unknown().optional(),
    endpoint: z.string(),
    fetchedAt: z.iso.datetime(),
  })),
});

/** A line git writes into a file with an unresolved merge conflict (`|||||||` with the diff3 style). */
const MERGE_CONFLICT_MARKER = /^(?:<{7}|\|{7}|={7}|>{7})(?: .*)?$/;

/**
Where the cache lives: the explicit option, else IMAGE_LOOKUPS_CACHE, else
`image-lookups.context.json` in `cwd` (the current directory). Relative paths resolve against `cwd`.
*/
export function resolveCacheFile(explicit?: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  return path.resolve(cwd, explicit ?? (env.IMAGE_LOOKUPS_CACHE || DEFAULT_CACHE_FILE_NAME));
}

/** A set (an entry) or a delete (undefined) made by this run. */
type Change = CacheEntry | undefined;

/** The later of two ISO 8601 UTC times (either may be missing). */
function laterTime(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/**
The committed lookup cache, like AWS CDK's cdk.context.json: pretty-printed with sorted keys.

Several runs may share one file (parallel synths in CI, a refresh next to a synth, `image-lookups
reset`). So `save()` does not write this run's view of the file: under a lock, it reads the file
again, applies only this run's own sets and deletes to it, and writes the result atomically. A
concurrent run's entries are kept, a `reset` is not undone, and for the same key the later save wins.
Nothing is locked, created or written when this run changed nothing.
*/
export class LookupCache {
  /** Reads the file; a missing file is an empty cache. A damaged one is an error naming the file and what is broken. */
  static load(file: string): LookupCache {
    const { entries, text, refreshedAt } = readCacheFile(file);
    return new LookupCache(file, entries, text !== undefined, false, refreshedAt);
  }

  /**
  A cache held in memory only, for tests (see `LookupTesting.app()`): it reads no file, and `save()`
  writes nothing. `description` stands in for the file name in error messages.
  */
  static inMemory(entries: Iterable<readonly [string, CacheEntry]>, description: string): LookupCache {
    return new LookupCache(description, new Map(entries), false, true);
  }

  /** This run's sets and deletes not saved yet, by key. */
  private readonly changes = new Map<string, Change>();
  /** A full refresh by this run not saved yet. */
  private refreshedAtChange?: string;

  private constructor(
    readonly file: string,
    private readonly entries: Map<string, CacheEntry>,
    private existing: boolean,
    private readonly memoryOnly = false,
    private refreshed?: string,
  ) {}

  /** When a full refresh last verified every lookup the app requests, ISO 8601 UTC; undefined if none has. */
  get refreshedAt(): string | undefined {
    return this.refreshed;
  }

  /**
  When the key's answer was last verified: the later of its own `fetchedAt` and the file's
  `refreshedAt`. Its age for maxAge counts from here, so a daily full refresh keeps every entry fresh
  without rewriting any, and offline CI can tell from the committed file alone.
  */
  verifiedAt(key: string): string | undefined {
    const entry = this.entries.get(key);
    return entry && laterTime(entry.fetchedAt, this.refreshed);
  }

  /** Records a full refresh at `at`: it verified every lookup the app requested. */
  markRefreshed(at: string): void {
    if (laterTime(this.refreshed, at) === this.refreshed && this.refreshed !== undefined) return;
    this.refreshed = at;
    this.refreshedAtChange = at;
  }

  /** Whether the file existed when it was loaded, or has been written since. */
  get fileExists(): boolean {
    return this.existing;
  }

  get(key: string): CacheEntry | undefined {
    return this.entries.get(key);
  }

  /** Records an entry. An entry equal to the one held is no change, so it causes no write. */
  set(key: string, entry: CacheEntry): void {
    const held = this.entries.get(key);
    if (held !== undefined && stableStringify(held) === stableStringify(entry)) return;
    this.entries.set(key, entry);
    this.changes.set(key, entry);
  }

  /** Drops an entry; returns whether there was one. */
  delete(key: string): boolean {
    if (!this.entries.delete(key)) return false;
    this.changes.set(key, undefined);
    return true;
  }

  /** How many entries the cache holds. */
  get size(): number {
    return this.entries.size;
  }

  keys(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** Whether this run has sets or deletes that `save()` has not written yet. */
  get hasChanges(): boolean {
    return this.changes.size > 0 || this.refreshedAtChange !== undefined;
  }

  /**
  Merges this run's changes into the file as it is now, under the file's lock, and writes it
  atomically if that changes its content. Returns whether it wrote. Without changes, or for an
  in-memory cache, it touches nothing: no lock, no directory, no file.
  */
  async save(): Promise<boolean> {
    if (!this.hasChanges || this.memoryOnly) return false;
    const applying = new Map(this.changes);
    const refreshedAt = this.refreshedAtChange;
    try {
      await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
    } catch (error) {
      throw new CacheFileUnwritableError(this.file, error);
    }
    let wrote = false;
    // A lost lock means the write may have raced with another run's: merging again is safe, as applying the same changes twice gives the same file.
    for (let attempt = 1; ; attempt++) {
      const outcome = await withCacheLock(this.file, () => this.mergeIntoFile(applying, refreshedAt));
      wrote ||= outcome.result;
      if (!outcome.compromised) break;
      if (attempt === 2) throw new CacheFileLockedError(this.file, cacheLockPath(this.file), 'another run took its lock over twice while this run was writing');
    }
    // Changes made while saving (none in the engine's use) stay for the next save.
    for (const [key, change] of applying) if (this.changes.get(key) === change) this.changes.delete(key);
    if (this.refreshedAtChange === refreshedAt) this.refreshedAtChange = undefined;
    return wrote;
  }

  /** Re-reads the file, applies this run's changes, and writes the result if it differs. Runs under the lock. */
  private async mergeIntoFile(applying: ReadonlyMap<string, Change>, refreshedAt: string | undefined): Promise<boolean> {
    // The file as the last writer left it; a damaged file throws here and is never written over.
    const current = readCacheFile(this.file);
    for (const [key, change] of applying) {
      if (change === undefined) current.entries.delete(key);
      else current.entries.set(key, change);
    }
    const text = serializeCache(current.entries, laterTime(current.refreshedAt, refreshedAt));
    if (text === current.text) return false;
    try {
      await writeFileAtomic(this.file, text, { encoding: 'utf8' });
    } catch (error) {
      throw new CacheFileUnwritableError(this.file, error);
    }
    this.existing = true;
    return true;
  }
}

function serializeCache(entries: ReadonlyMap<string, CacheEntry>, refreshedAt: string | undefined): string {
  return stableStringify({ version: 1, refreshedAt, entries: Object.fromEntries(entries) });
}

/** The file's entries, refresh time and text; no text when there is no file. */
function readCacheFile(file: string): { entries: Map<string, CacheEntry>; refreshedAt?: string; text?: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: new Map() };
    throw new CacheFileUnreadableError(file, error);
  }
  const parsed = parseCacheText(file, text);
  return { entries: new Map(Object.entries(parsed.entries)), refreshedAt: parsed.refreshedAt, text };
}

function parseCacheText(file: string, text: string): { entries: Record<string, CacheEntry>; refreshedAt?: string } {
  const refresh = suggestedCommand(['refresh'], file);
  const repair = `Repair it, or delete it and run: ${refresh}`;
  // Looked for first: a conflict is what to report, whatever the parser would say about the rest.
  const markers = conflictMarkerLines(text);
  if (markers.length > 0) {
    throw new CacheFileInvalidError(file, `it has an unresolved merge conflict (conflict marker lines ${markers.map(({ line, text: marker }) => `${line}: ${JSON.stringify(marker)}`).join(', ')})`,
      `Resolve the conflict and keep one side of each, or take one side of the whole file (git checkout --ours or --theirs, then git add it) and run: ${refresh}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CacheFileInvalidError(file, `it is not JSON (${(error as Error).message})`, repair, { cause: error });
  }
  const parsed = cacheFileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const [top, key, ...field] = issue.path;
  if (top === 'entries' && typeof key === 'string') {
    const fieldPath = formatIssuePath(field);
    throw new CacheFileInvalidError(file, `entry ${JSON.stringify(key)}${fieldPath ? `, field ${fieldPath}` : ''}: ${issue.message}`,
      `Fix that field, or delete the entry from the file: the next synth (or ${suggestedCommand(['refresh', key], file)}) fetches it again`,
      { key, field: fieldPath, cause: parsed.error });
  }
  const fieldPath = formatIssuePath(issue.path);
  throw new CacheFileInvalidError(file, `${fieldPath ? `field ${fieldPath}: ` : ''}${issue.message}`, repair, { field: fieldPath, cause: parsed.error });
}

/** The lines (1-based) that are git conflict markers, with their text. */
function conflictMarkerLines(text: string): Array<{ line: number; text: string }> {
  return text.split(/\r?\n/).flatMap((line, index) => (MERGE_CONFLICT_MARKER.test(line) ? [{ line: index + 1, text: line }] : []));
}
