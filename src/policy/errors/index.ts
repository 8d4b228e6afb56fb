export * from './baseline-file-invalid-error';
