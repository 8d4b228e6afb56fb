export * from './app-report-invalid-error';
export * from './app-report-missing-error';
