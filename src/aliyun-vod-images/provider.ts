import { z } from 'zod';
import { lookupKeysOf } from '../engine/lookup-key';
import type { FetchedEntries, LookupProvider } from '../engine/lookup-provider';
import type { AliyunVodClientConfig } from './client-config';
import { AliyunVodImageClient } from './client';
import type { VodImageInfo } from './response';

/** What the engine looks up for this API: one image's info. */
export interface VodImageQuery {
  readonly imageId: string;
  readonly config: AliyunVodClientConfig;
  readonly keepSignedUrls: boolean;
}

const vodUrlSchema = z.object({ url: z.string(), signatureRemoved: z.boolean(), expiresAt: z.string().optional() });
const optionalCount = z.number().int().nonnegative().optional();

/** The cached value of a found image (`VodImageInfo`), checked when a run first reads it from the cache file. */
export const vodImageInfoSchema: z.ZodType<VodImageInfo> = z.object({
  imageId: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  imageType: z.string().optional(),
  status: z.string().optional(),
  tags: z.array(z.string()),
  appId: z.string().optional(),
  categoryId: z.number().int().optional(),
  categoryName: z.string().optional(),
  creationTime: z.string().optional(),
  storageLocation: z.string().optional(),
  url: vodUrlSchema.optional(),
  mezzanine: z.object({
    sizeBytes: optionalCount,
    width: optionalCount,
    height: optionalCount,
    fileUrl: vodUrlSchema.optional(),
    originalFileName: vodUrlSchema.optional(),
  }).optional(),
});

const vodImageKeys = lookupKeysOf('aliyun', 'vod.GetImageInfo');

/**
Cache key: `aliyun:vod.GetImageInfo:region=<region>:outputType=<cdn|oss>[:authTimeout=<s>][:signedUrls=kept]:imageId=<id>`.
OutputType and AuthTimeout change the URLs in the answer; `signedUrls=kept` marks entries that hold
whole signed URLs, so they are never served to a construct that did not ask for them (or the reverse).
*/
export function vodImageKey(query: { readonly region: string; readonly outputType: string; readonly authTimeout?: number; readonly keepSignedUrls: boolean; readonly imageId: string }): string {
  return vodImageKeys.format([
    ['region', query.region],
    ['outputType', query.outputType],
    ['authTimeout', query.authTimeout],
    ['signedUrls', query.keepSignedUrls ? 'kept' : undefined],
    ['imageId', query.imageId],
  ]);
}

/**
The engine's plugin for VOD images: batches every pending image of one configuration into
GetImageInfos calls of 20. It has no `validate`: its construct checks the image ID, naming its node path.
*/
export const aliyunVodImagesProvider: LookupProvider<VodImageQuery, VodImageInfo> = {
  id: vodImageKeys.providerId,

  keyOf(query) {
    const { region, outputType, authTimeout } = query.config;
    return vodImageKey({ region, outputType, authTimeout, keepSignedUrls: query.keepSignedUrls, imageId: query.imageId });
  },

  batchGroupOf(query) {
    return `${query.config.fingerprint}|${query.keepSignedUrls}`;
  },

  valueSchemaOf() {
    return vodImageInfoSchema;
  },

  async fetchGroup(queries, context) {
    const { config, keepSignedUrls } = queries[0];
    const client = new AliyunVodImageClient({ config, keepSignedUrls, limit: context.limit, onRequest: context.countApiCall, progress: context.progress });
    const entries: FetchedEntries<VodImageInfo> = new Map();
    for (const { imageId, ...outcome } of await client.lookupImagesUnchecked(queries.map((query) => query.imageId))) {
      entries.set(vodImageKey({ region: config.region, outputType: config.outputType, authTimeout: config.authTimeout, keepSignedUrls, imageId }), outcome);
    }
    return entries;
  },
};
