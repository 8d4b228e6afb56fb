import { LookupError } from './lookup-error';

/**
Offline mode found lookups that the cache file does not hold. No network call was made.
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
      `  npx image-lookups refresh '${refreshGlobFor(keys)}'`,
    ].join('\n'));
  }
}

/** A glob (picomatch syntax) that matches exactly these keys. Keys never contain commas or braces. */
export function refreshGlobFor(keys: readonly string[]): string {
  return keys.length === 1 ? keys[0] : `{${keys.join(',')}}`;
}
