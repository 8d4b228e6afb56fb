import { LookupError } from './lookup-error';

/**
A lookup was read, or reached synth, without a value, outside of `resolveLookups()`.

That happens when an app builds its stacks with a plain `new App()` and the cache file lacks the key,
or when a `LookupTesting.app()` has no fixture for the key.
*/
export class LookupUnresolvedError extends LookupError {
  /**
  @param cacheFile where the answers come from: the cache file, or a description of an in-memory cache
  @param advice what to do instead of the default advice (build the app with synthWithLookups(), with the exact change)
  */
  constructor(readonly key: string, cacheFile: string, advice?: string) {
    super('LookupUnresolved', advice !== undefined
      ? `Lookup ${key} has no value: it is not in ${cacheFile}. ${advice}`
      // Not "run image-lookups refresh": that runs this same app, which would fail the same way.
      : [`Lookup ${key} has no value: it is not in ${cacheFile}, and this app builds its stacks on a plain new App(), ` +
        'which only reads the cache. Build it with synthWithLookups(), which fetches missing lookups (and then image-lookups refresh works too):',
      "  import { synthWithLookups } from 'cdktf-image-lookups';",
      "  // instead of: const app = new App(); new MyStack(app, 'x'); app.synth();",
      "  synthWithLookups((app) => { new MyStack(app, 'x'); });"].join('\n'));
  }
}
