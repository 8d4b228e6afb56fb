export * from './lookup-error';
export * from './lookup-input-error';
export * from './lookup-pending-error';
export * from './lookup-unresolved-error';
export * from './lookups-missing-error';
export * from './lookup-rounds-exceeded-error';
