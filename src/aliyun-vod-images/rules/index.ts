// The Alibaba Cloud VOD image rules and their pack, one file per rule, named after it.
// The helpers of rule-support.ts stay inside the folder: only the API id and the subject type leave it.
export { VOD_IMAGES_API, type FoundVodSubject } from './rule-support';
export * from './image-found';
export * from './status-normal';
export * from './required-tags';
export * from './allowed-image-types';
export * from './size-bounds';
export * from './allowed-storage-locations';
export * from './title-required';
export * from './max-age';
export * from './https-urls';
export * from './pack';
