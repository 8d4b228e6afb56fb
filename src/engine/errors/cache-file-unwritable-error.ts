import { LookupError } from './lookup-error';

/**
The cache file (or its lock, or its directory) cannot be written. The file keeps its previous
content: writes are atomic, so it is never left half-written.
*/
export class CacheFileUnwritableError extends LookupError {
  constructor(
    /** The cache file. */
    readonly file: string,
    cause: unknown,
  ) {
    super('CacheFileUnwritable',
      `Cannot write the lookup cache ${file}: ${(cause as Error).message ?? String(cause)}. ` +
      'It keeps its previous content. Check that its directory is writable (and the disk not full), then run again.', { cause });
  }
}
