// The Tencent share-list rules and their pack.
export * from './facts';
export type { TencentAccountsOptions } from './rule-support';
export * from './allowlisted-accounts';
export * from './forbidden-accounts';
export * from './unshared-images';
export * from './max-shares-per-image';
export * from './max-share-age';
export * from './share-quota-headroom';
export * from './image-found';
export * from './pack';
