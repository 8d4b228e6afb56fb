// Internal barrel, for this repository's tests, CLI and bench. The package's public surface is src/index.ts.
export * from './client-config';
export * from './image-id';
export * from './client';
export * from './provider';
export * from './response';
export * from './signature';
export * from './signed-url';
export * from './api-error';
export * from './aliyun-vod-image';
export * from './answer-error';
export * from './rules';
