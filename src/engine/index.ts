export * from './errors';
export * from './add-lookup-validations';
export * from './lookup-cache';
export * from './lookup-engine';
export * from './lookup-key';
export * from './lookup-options';
export * from './lookup-provider';
export * from './resolve-lookups';
