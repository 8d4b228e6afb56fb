import { LookupError } from './lookup-error';

/**
`failOnStale` (IMAGE_LOOKUPS_FAIL_ON_STALE=1, `check --fail-on-stale`) is on, and requested lookups are
older than their maxAge without being fetched again (offline mode, or an app that cannot fetch).
*/
export class LookupsStaleError extends LookupError {
  /** @param summary one line that counts them and names the command that refreshes them */
  constructor(readonly keys: readonly string[], summary: string) {
    super('LookupsStale', `${summary} (failOnStale is on, by the option or IMAGE_LOOKUPS_FAIL_ON_STALE=1, so stale lookups fail the run.)`);
  }
}
