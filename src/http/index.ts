// Internal barrel, for this repository's tests, CLI and bench. The package's public surface is src/index.ts.
export * from './call-context';
export * from './call-in-chunks';
export * from './classify-failure';
export * from './credential-props';
export * from './debug-log';
export * from './endpoint';
export * from './errors';
export * from './lookup-batch';
export * from './network-cause';
export * from './proxy-fetch';
export * from './read-body';
export * from './redact';
export * from './send-form';
export * from './signed-form-client';
export * from './transport-options';
export * from './with-retries';
