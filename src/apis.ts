import type { ApiDescriptor } from './api-descriptor';
import { aliyunVodImagesApi } from './aliyun-vod-images/descriptor';
import { tencentImageSharesApi } from './tencent-image-shares/descriptor';

/**
Every cloud API of the library, one line each: the emulator, its data file, the CLI, the bench, the
example runner and the test support all derive from this list. A new API adds its folder's
descriptor here and nowhere else.
*/
export const APIS = [tencentImageSharesApi, aliyunVodImagesApi] as const;

/** `APIS` with their types widened, to go through them without caring which API each one is. */
export const API_LIST: readonly ApiDescriptor[] = APIS;

/** Prefixes of every env var the library reads: the engine's IMAGE_LOOKUPS_, then each API's. */
export const LIBRARY_ENV_PREFIXES: readonly string[] = ['IMAGE_LOOKUPS_', ...API_LIST.flatMap((api) => api.envPrefixes)];
