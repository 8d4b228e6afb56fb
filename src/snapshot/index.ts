export * from './digest';
export * from './lookup-snapshot';
