import { LookupError } from './lookup-error';

/** The cache file exists but cannot be read (permissions, a directory in its place, an I/O error). */
export class CacheFileUnreadableError extends LookupError {
  constructor(
    /** The cache file. */
    readonly file: string,
    cause: unknown,
  ) {
    super('CacheFileUnreadable',
      `Cannot read the lookup cache ${file}: ${(cause as Error).message ?? String(cause)}. ` +
      'Check that it is a readable file, or point IMAGE_LOOKUPS_CACHE (or --cache) at another one.', { cause });
  }
}
