export * from './call-in-chunks';
export * from './endpoint';
export * from './redact';
export * from './errors';
export * from './send-form';
export * from './transport-options';
export * from './with-retries';
