// Internal barrel, for this repository's tests, CLI and reports. The package's public surface is src/index.ts.
export * from './errors';
export * from './severity';
export * from './evidence';
export * from './policy-subject';
export * from './policy-rule';
export * from './policy-pack';
export * from './policy-finding';
export * from './run-rule';
export * from './suppression';
export * from './suppression-match';
export * from './apply-suppressions';
export * from './evaluate-policies';
export * from './baseline';
export * from './baseline-file';
export * from './fail-on';
export * from './rule-helpers';
