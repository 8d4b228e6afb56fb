import { LookupError } from './lookup-error';

/**
A lookup was read, or reached synth, without a value, outside of `resolveLookups()`.

That happens when an app builds its stacks with a plain `new App()` and the cache file lacks the key.
*/
export class LookupUnresolvedError extends LookupError {
  constructor(readonly key: string, cacheFile: string) {
    super('LookupUnresolved',
      `Lookup ${key} has no value: it is not in ${cacheFile}, and this app was not built through ` +
      'synthWithLookups()/resolveLookups(), which fetch missing lookups. Build the app with synthWithLookups(), ' +
      `or fill the cache with: npx image-lookups refresh '${key}'`);
  }
}
