// Internal barrel, for this repository's tests, CLI and bench. The package's public surface is src/index.ts.
export * from './errors';
export * from './add-lookup-validations';
export * from './lookup-cache';
export * from './lookup-engine';
export * from './lookup-key';
export * from './lookup-options';
export * from './lookup-provider';
export * from './resolve-lookups';
