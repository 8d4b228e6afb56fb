// Internal barrel, for this repository's tests, CLI and bench. The package's public surface is src/index.ts.
export * from './digest';
export * from './lookup-snapshot';
export * from './terraform-data-snapshot';
