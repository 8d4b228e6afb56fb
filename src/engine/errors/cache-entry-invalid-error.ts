import { suggestedCommand } from '../suggested-command';
import { LookupError } from './lookup-error';

/**
A cached entry does not have the shape its provider writes (typically a hand edit or a bad merge),
found when the engine first reads it, before any construct sees the value.
*/
export class CacheEntryInvalidError extends LookupError {
  constructor(
    /** The cache file. */
    readonly file: string,
    /** The entry's key. */
    readonly key: string,
    /** The broken field, as a path such as `value.shares[0].uin`. */
    readonly field: string,
    problem: string,
  ) {
    super('CacheEntryInvalid',
      `The lookup cache ${file} has an invalid entry ${JSON.stringify(key)}${field ? `, field ${field}` : ''}: ${problem}. ` +
      `Fetch it again with: ${suggestedCommand(['refresh', key], file)} (or drop it with: ${suggestedCommand(['reset', key], file)}, and the next synth fetches it).`);
  }
}
