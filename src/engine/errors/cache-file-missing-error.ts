import { suggestedCommand } from '../suggested-command';
import { LookupError } from './lookup-error';

/** A command was pointed at a cache file (`--cache FILE`) that does not exist. */
export class CacheFileMissingError extends LookupError {
  constructor(
    /** The cache file, resolved. */
    readonly file: string,
    /** Where the path came from, e.g. `--cache`. */
    readonly input: string,
  ) {
    super('CacheFileMissing',
      `${input}: there is no lookup cache at ${file}. Check the path; a synth or ${suggestedCommand(['refresh'], file)} creates the file when it fetches a lookup.`);
  }
}
