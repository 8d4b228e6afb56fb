import { LookupError } from './lookup-error';

/**
Thrown when app code reads a lookup that the engine has not fetched yet, with strict discovery, or
when it touches what a construct skips in a provisional build (its Terraform children).

`resolveLookups()` ends that build, fetches everything registered so far in one batch, and builds
the app again. It never reaches synthesized output: no provisional answer can leak.
*/
export class LookupPendingError extends LookupError {
  constructor(readonly key: string, what = `Lookup ${key} is not resolved yet`) {
    super('LookupPending', `${what}. ` +
      'If you see this, app code caught it: let it propagate so resolveLookups() can fetch the value and build the app again.');
  }
}
