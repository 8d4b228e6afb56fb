import { LookupInputError } from '../engine/errors';
import { lookupKeysOf } from '../engine/lookup-key';
import type { FetchedEntries, LookupProvider } from '../engine/lookup-provider';
import { TencentSharePermissionClient } from './api3-client';
import { DESCRIBE_IMAGE_SHARE_PERMISSION } from './api3-response';
import type { TencentClientConfig } from './client-config';
import { tencentImageSharesValueSchema, type TencentImageSharesValue } from './provider';

/**
What the engine looks up over API 3.0: one image's share list. There is no account query: the API
has no share quota.
*/
export interface TencentSharePermissionQuery {
  readonly imageId: string;
  /** A configuration whose `api` is DescribeImageSharePermission. */
  readonly config: TencentClientConfig;
}

const permissionKeys = lookupKeysOf('tencent', DESCRIBE_IMAGE_SHARE_PERMISSION);

/**
The cache key of an image's share list over API 3.0:
`tencent:DescribeImageSharePermission:region=<region>:imageId=<id>`. It names the API, so an answer
of GetImageShareUinInfo is never served for it (nor the reverse): switching APIs looks the images up
again. As for v2, the answer depends only on the region, the image and the account behind the
credentials: keep one cache file per account (IMAGE_LOOKUPS_CACHE).
*/
export function tencentSharePermissionKey(query: { readonly region: string; readonly imageId: string }): string {
  return permissionKeys.format([['region', query.region], ['imageId', query.imageId]]);
}

/**
The engine's plugin for CVM API 3.0 DescribeImageSharePermission: one call per image, paced to the
configuration's `requestsPerSecond` by the client (the pacing is shared by every construct of the app
that signs with the same SecretId). Its values have the shape of GetImageShareUinInfo's, so the
constructs, policies and digests read both alike.
*/
export const tencentSharePermissionProvider: LookupProvider<TencentSharePermissionQuery, TencentImageSharesValue> = {
  id: permissionKeys.providerId,

  // The constructs check their image IDs; this only keeps a v2 configuration (its endpoint, its
  // signature) away from API 3.0 calls, for code that requests the provider directly.
  validate(query) {
    if (query.config.api !== DESCRIBE_IMAGE_SHARE_PERMISSION) {
      throw new LookupInputError('api', `${JSON.stringify(query.config.api)} is not ${DESCRIBE_IMAGE_SHARE_PERMISSION}: this provider looks images up over API 3.0 only; resolve the configuration with api: '${DESCRIBE_IMAGE_SHARE_PERMISSION}'`);
    }
  },

  keyOf(query) {
    return tencentSharePermissionKey({ region: query.config.region, imageId: query.imageId });
  },

  batchGroupOf(query) {
    return query.config.fingerprint;
  },

  valueSchemaOf() {
    return tencentImageSharesValueSchema;
  },

  async fetchGroup(queries, context) {
    const { config } = queries[0];
    const client = new TencentSharePermissionClient({ config, limit: context.limit, onRequest: context.countApiCall, progress: context.progress });
    const result = await client.lookupImageSharesUnchecked(queries.map((query) => query.imageId));
    const entries: FetchedEntries<TencentImageSharesValue> = new Map();
    for (const { imageId, ...outcome } of result.images) entries.set(tencentSharePermissionKey({ region: config.region, imageId }), outcome);
    return entries;
  },
};
