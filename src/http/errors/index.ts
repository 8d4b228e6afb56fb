export * from './lookup-call-error';
export * from './redirect-refused-error';
export * from './request-failed-error';
export * from './request-timeout-error';
export * from './response-invalid-error';
export * from './response-too-large-error';
