export * from './aliyun-vod-images';
export * from './engine';
export * from './http';
export * from './snapshot';
export * from './tencent-image-shares';
