import { LookupError } from './lookup-error';

/**
The cache file is there but is not a cache file this library can read: not JSON, an unresolved
merge conflict, another version, or an entry without the fields every entry has.

Nothing is written over it: the message says where it is broken and how to repair it.
*/
export class CacheFileInvalidError extends LookupError {
  /** The entry's key, when one entry is broken. */
  readonly key?: string;
  /** The broken field inside the entry (or the file), as a path such as `value.shares[0].uin`. */
  readonly field?: string;

  constructor(
    /** The cache file. */
    readonly file: string,
    /** What is wrong, e.g. `entry "tencent:…", field fetchedAt: Invalid ISO datetime`. */
    readonly problem: string,
    /** How to repair it. */
    fix: string,
    options: {
      readonly key?: string;
      readonly field?: string;
      readonly cause?: unknown;
    } = {},
  ) {
    super('CacheFileInvalid', `The lookup cache ${file} is not a valid cache file: ${problem}. ${fix}`, { cause: options.cause });
    this.key = options.key;
    this.field = options.field;
  }
}
