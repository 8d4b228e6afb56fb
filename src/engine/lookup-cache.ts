import * as fs from 'node:fs';
import * as path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { LookupError } from './errors';
import { stableStringify } from './stable-json';

/** The cache file's name in the directory the app runs in (where cdktf.json is). */
export const DEFAULT_CACHE_FILE_NAME = 'image-lookups.context.json';

/** One looked-up answer, as committed. Errors are never cached. */
export interface CacheEntry {
  /** The provider that made it, e.g. `tencent:GetImageShareUinInfo`. */
  readonly provider: string;
  readonly outcome: 'found' | 'notFound';
  /** The normalized result; absent when not found. */
  readonly value?: unknown;
  /** The API endpoint the answer came from (origin and path, never a query string). */
  readonly endpoint: string;
  /** When it was fetched, ISO 8601 UTC. */
  readonly fetchedAt: string;
}

const cacheFileSchema = z.object({
  version: z.literal(1),
  entries: z.record(z.string(), z.object({
    provider: z.string(),
    outcome: z.enum(['found', 'notFound']),
    value: z.unknown().optional(),
    endpoint: z.string(),
    fetchedAt: z.iso.datetime(),
  })),
});

/**
Where the cache lives: the explicit option, else IMAGE_LOOKUPS_CACHE, else
`image-lookups.context.json` in the current directory. Relative paths resolve against the current directory.
*/
export function resolveCacheFile(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(explicit ?? (env.IMAGE_LOOKUPS_CACHE || DEFAULT_CACHE_FILE_NAME));
}

/**
The committed lookup cache, like AWS CDK's cdk.context.json: pretty-printed with sorted keys,
written atomically (a temporary file renamed over the old one), and only when its content changed,
so a synth that fetched nothing leaves the file byte-identical.
*/
export class LookupCache {
  /** Reads the file; a missing file is an empty cache. A damaged one is an error naming the file. */
  static load(file: string): LookupCache {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new LookupCache(file, new Map(), undefined);
      throw new LookupError('CacheFileUnreadable', `Cannot read the lookup cache ${file}: ${(error as Error).message}`, { cause: error });
    }
    let parsed: z.infer<typeof cacheFileSchema>;
    try {
      parsed = cacheFileSchema.parse(JSON.parse(text));
    } catch (error) {
      throw new LookupError('CacheFileInvalid',
        `The lookup cache ${file} is not a valid cache file (${(error as Error).message.split('\n')[0]}). ` +
        'Fix it (for example resolve a merge conflict), or delete it and run: npx image-lookups refresh', { cause: error });
    }
    return new LookupCache(file, new Map(Object.entries(parsed.entries) as Array<[string, CacheEntry]>), text);
  }

  private constructor(
    readonly file: string,
    private readonly entries: Map<string, CacheEntry>,
    private savedText: string | undefined,
  ) {}

  get(key: string): CacheEntry | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: CacheEntry): void {
    this.entries.set(key, entry);
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  keys(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** The file's content for the current entries. */
  serialize(): string {
    return stableStringify({ version: 1, entries: Object.fromEntries(this.entries) });
  }

  /** Writes the file atomically if its content changed. Returns whether it wrote. */
  async save(): Promise<boolean> {
    const text = this.serialize();
    if (text === this.savedText) return false;
    await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, text, { encoding: 'utf8' });
    this.savedText = text;
    return true;
  }
}
