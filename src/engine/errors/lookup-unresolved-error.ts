import { LookupError } from './lookup-error';

/**
A lookup was read, or reached synth, without a value, outside of `resolveLookups()`.

That happens when an app builds its stacks with a plain `new App()` and the cache file lacks the key,
or when a `LookupTesting.app()` has no fixture for the key.
*/
export class LookupUnresolvedError extends LookupError {
  /**
  @param cacheFile where the answers come from: the cache file, or a description of an in-memory cache
  @param advice what to do instead of the default advice (build with synthWithLookups(), or refresh the key)
  */
  constructor(readonly key: string, cacheFile: string, advice?: string) {
    super('LookupUnresolved', advice !== undefined
      ? `Lookup ${key} has no value: it is not in ${cacheFile}. ${advice}`
      : `Lookup ${key} has no value: it is not in ${cacheFile}, and this app was not built through ` +
        'synthWithLookups()/resolveLookups(), which fetch missing lookups. Build the app with synthWithLookups(), ' +
        `or fill the cache with: npx image-lookups refresh '${key}'`);
  }
}
