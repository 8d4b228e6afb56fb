export * from './request-failed-error';
export * from './response-invalid-error';
