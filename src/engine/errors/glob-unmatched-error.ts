import { suggestedCommand } from '../suggested-command';
import { LookupError } from './lookup-error';

/**
`image-lookups refresh GLOB` or `reset GLOB` was given a glob that matches no key: the keys the app
requests (refresh), or the keys in the cache file (reset). Nothing was refreshed or reset: a typo
such as `ap-guangzou` must not pass as a refresh that found nothing to do.
*/
export class GlobUnmatchedError extends LookupError {
  constructor(
    readonly command: 'refresh' | 'reset',
    /** The glob, as given. */
    readonly glob: string,
    /** What it was matched against, e.g. `the keys this app requests`. */
    against: string,
    /** The keys closest to the glob, closest first (see `closestKeysToGlob`). */
    readonly closestKeys: readonly string[],
    /** The cache file in use, for the `list` command the message suggests. */
    cacheFile: string,
  ) {
    super('GlobUnmatched', [
      `${command} ${glob}: no key matches it among ${against}, so nothing was ${command === 'refresh' ? 'refreshed' : 'reset'}.`,
      ...(closestKeys.length > 0 ? ['The closest keys:', ...closestKeys.map((key) => `  - ${key}`)] : []),
      `Check the glob (picomatch syntax: * matches any text, : included); ${suggestedCommand(['list'], cacheFile)} shows every cached key.`,
    ].join('\n'));
  }
}
