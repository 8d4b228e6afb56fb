export * from './digest';
export * from './lookup-snapshot';
export * from './synth-time-value';
export * from './terraform-data-snapshot';
