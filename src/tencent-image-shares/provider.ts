import { z } from 'zod';
import { lookupKeysOf } from '../engine/lookup-key';
import type { FetchedEntries, KindedLookupProvider } from '../engine/lookup-provider';
import type { TencentClientConfig } from './client-config';
import { GET_IMAGE_SHARE_UIN_INFO, TencentImageShareClient } from './client';
import type { ShareUinInfo } from './response';

/**
What the engine looks up for this API:
- `image`: one image's share list;
- `account`: the account's quota of shareable images (maxImgShareNum), which every answer carries;
  `imageId` is then only the image to ask about if no other call in the batch brings the quota along.
*/
export interface TencentShareQuery {
  readonly kind: keyof TencentShareValues;
  readonly imageId: string;
  readonly config: TencentClientConfig;
}

/** Cached value of an `image` query. */
export interface TencentImageSharesValue {
  readonly imageId: string;
  readonly shares: readonly ShareUinInfo[];
}

/** Cached value of an `account` query. */
export interface TencentShareAccountValue {
  readonly maxImgShareNum: number;
}

/** The cached value of each kind of query. */
export interface TencentShareValues {
  readonly image: TencentImageSharesValue;
  readonly account: TencentShareAccountValue;
}

/** The cached value of an `image` query, checked when a run first reads it from the cache file. */
export const tencentImageSharesValueSchema: z.ZodType<TencentImageSharesValue> = z.object({
  imageId: z.string(),
  shares: z.array(z.object({
    // UINs stay strings: they can exceed 2^31, and a JSON number above 2^53 would already have lost digits.
    uin: z.string().regex(/^\d+$/, 'an account ID (UIN): digits, as a string'),
    sharedAt: z.string().optional(),
    shareTimeStamp: z.string(),
  })),
});

/** The cached value of an `account` query. */
export const tencentShareAccountValueSchema: z.ZodType<TencentShareAccountValue> = z.object({
  maxImgShareNum: z.number().int(),
});

/** Each kind's value schema: indexed by a query's kind, it has the type of that kind's value. */
const valueSchemas: { readonly [Kind in keyof TencentShareValues]: z.ZodType<TencentShareValues[Kind]> } = {
  image: tencentImageSharesValueSchema,
  account: tencentShareAccountValueSchema,
};

const shareKeys = lookupKeysOf('tencent', GET_IMAGE_SHARE_UIN_INFO);

/**
Cache keys:
- `tencent:GetImageShareUinInfo:region=<region>:imageId=<id>` for an image's share list;
- `tencent:GetImageShareUinInfo:region=<region>:scope=account` for the account's quota.
The answer depends only on the region, the image and the account behind the credentials: keep one
cache file per account (IMAGE_LOOKUPS_CACHE).
*/
export function tencentShareKey(query: Pick<TencentShareQuery, 'kind' | 'imageId'> & { readonly region: string }): string {
  return shareKeys.format(query.kind === 'image'
    ? [['region', query.region], ['imageId', query.imageId]]
    : [['region', query.region], ['scope', 'account']]);
}

/**
The engine's plugin for GetImageShareUinInfo: batches every pending query of one configuration into
calls of 10. It has no `validate`: its constructs check their image IDs, naming their node path.
*/
export const tencentImageSharesProvider: KindedLookupProvider<TencentShareQuery, TencentShareValues> = {
  id: shareKeys.providerId,

  keyOf(query) {
    return tencentShareKey({ kind: query.kind, imageId: query.imageId, region: query.config.region });
  },

  batchGroupOf(query) {
    return query.config.fingerprint;
  },

  valueSchemaOf<Q extends TencentShareQuery>(query: Q) {
    // Typed as this query's kind, not the union of kinds, so the schema's type follows it.
    const kind: Q['kind'] = query.kind;
    return valueSchemas[kind];
  },

  async fetchGroup(queries, context) {
    const { config } = queries[0];
    const client = new TencentImageShareClient({ config, limit: context.limit, onRequest: context.countApiCall, progress: context.progress });
    // An account query's image is looked up with the others (once, if an image query names it too): every answer brings the quota.
    const result = await client.lookupImageSharesUnchecked(queries.map((query) => query.imageId));
    const entries: FetchedEntries<TencentImageSharesValue | TencentShareAccountValue> = new Map();
    for (const { imageId, ...outcome } of result.images) entries.set(tencentShareKey({ kind: 'image', imageId, region: config.region }), outcome);
    // Every successful answer carries the account's quota; without one, the account query fails with the calls' error.
    const accountKey = tencentShareKey({ kind: 'account', imageId: '', region: config.region });
    const failure = result.images.find((image) => image.outcome === 'error');
    if (result.maxImgShareNum !== undefined) {
      entries.set(accountKey, { outcome: 'found', value: { maxImgShareNum: result.maxImgShareNum }, endpoint: config.endpoint.url });
    } else if (failure?.outcome === 'error') entries.set(accountKey, { outcome: 'error', error: failure.error });
    return entries;
  },
};
