export * from './digest';
export * from './lookup-snapshot';
export * from './terraform-data-snapshot';
