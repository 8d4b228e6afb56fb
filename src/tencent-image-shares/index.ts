export * from './client-config';
export * from './image-id';
export * from './image-shares';
export * from './share-client';
export * from './share-provider';
export * from './share-response';
export * from './signature-v1';
export * from './tencent-api-error';
