import { coveringGlob, suggestedCommand } from '../suggested-command';
import { LookupError } from './lookup-error';

/**
Offline mode found lookups that the cache file does not hold. No network call was made.

The message lists every missing key, then the refresh command of the shortest glob covering them
(with `--cache` when the cache is not the default file).
*/
export class LookupsMissingError extends LookupError {
  constructor(readonly keys: string[], cacheFile: string, options: { afterProvisionalReads?: boolean } = {}) {
    super('LookupsMissing', [
      `Offline mode (IMAGE_LOOKUPS_MODE=offline): ${keys.length} lookup(s) are not in ${cacheFile}:`,
      ...keys.map((key) => `  - ${key}`),
      // A build that read missing lookups ran on provisional answers, so it may have taken branches the real answers would not.
      ...(options.afterProvisionalReads ? ['(These are all the missing lookups one build of the app reached. It ran on provisional answers ' +
        'for them, so a key requested only on a branch that the real answers do not take may be among them.)'] : []),
      'Fill them where credentials are available, then commit the cache file:',
      `  ${suggestedCommand(['refresh', coveringGlob(keys)], cacheFile)}`,
    ].join('\n'));
  }
}
