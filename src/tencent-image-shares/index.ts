// Internal barrel, for this repository's tests, CLI and bench. The package's public surface is src/index.ts.
export * from './client-config';
export * from './image-id';
export * from './tencent-image-shares';
export * from './client';
export * from './provider';
export * from './api3-provider';
export * from './api3-client';
export * from './api3-error';
export * from './api3-response';
export * from './response';
export * from './signature';
export * from './tc3-signature';
export * from './api-error';
export * from './answer-error';
export * from './rules';
