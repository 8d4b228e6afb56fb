import { LookupError } from './lookup-error';

/**
Another run held the cache file's lock for too long, or took it over while this run held it.
Nothing was written by this run; the file keeps the other run's content.
*/
export class CacheFileLockedError extends LookupError {
  constructor(
    /** The cache file. */
    readonly file: string,
    /** The lock: a directory beside the file. */
    readonly lockPath: string,
    what: string,
    cause?: unknown,
  ) {
    super('CacheFileLocked',
      `Could not save the lookup cache ${file}: ${what}. Another synth or refresh on the same file holds its lock ${lockPath}. ` +
      `Run again once it has finished; if no other run is going (a machine that went to sleep mid-run), remove ${lockPath} and run again.`, { cause });
  }
}
