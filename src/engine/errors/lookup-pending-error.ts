import { LookupError } from './lookup-error';

/**
Thrown when app code reads a lookup that the engine has not fetched yet, during a lookup round.

`resolveLookups()` catches it, fetches everything requested so far in one batch, and builds the
app again. It never reaches synthesized output: that is how no placeholder value can leak.
*/
export class LookupPendingError extends LookupError {
  constructor(readonly key: string) {
    super('LookupPending', `Lookup ${key} is not resolved yet. ` +
      'If you see this, app code caught it: let it propagate so resolveLookups() can fetch the value and build the app again.');
  }
}
