import type { Construct } from 'constructs';
import { LookupPendingError } from './errors';
import type { LookupHandle } from './lookup-engine';

/**
What every lookup construct does with its handles: a validation that fails synth while any lookup
is unresolved (so nothing unresolved can be synthesized). Stale entries get no annotation here: the
run counts them in one line (see \`synthWithLookups\`), however many constructs read them.
*/
export function addLookupValidations(construct: Construct, handles: ReadonlyArray<LookupHandle<unknown>>): void {
  const unresolved = handles.filter((handle) => !handle.isResolved);
  // An answer, once there, stays for the app's life: only unresolved lookups need a validation
  // (so a warm app of thousands of lookups carries none).
  if (unresolved.length > 0) {
    construct.node.addValidation({
      validate: () => unresolved.filter((handle) => !handle.isResolved)
        .map((handle) => `lookup ${handle.key} is unresolved: build the app with synthWithLookups()`),
    });
  }
}

/**
What a lookup construct's `snapshot` getter does when the construct skipped its Terraform children
because a lookup had no value: in a provisional build, end the build (it is thrown away and built
again with real answers); in an app built without `resolveLookups()`, the missing key's error.
*/
export function throwWithoutSnapshot(construct: Construct, handles: ReadonlyArray<LookupHandle<unknown>>): never {
  const missing = handles.find((handle) => !handle.isResolved);
  void missing?.value; // throws LookupUnresolvedError outside resolveLookups()
  throw new LookupPendingError(missing?.key ?? construct.node.path,
    `${construct.node.path} has no snapshot in this provisional build (its lookups are not fetched yet)`);
}
