// Internal barrel, for this repository's tests and CLI: the report formats. The package's public surface is src/index.ts.
export * from './check-report';
export * from './json-report';
export * from './junit-report';
export * from './sarif-report';
export * from './table-report';
export * from './github-annotations';
