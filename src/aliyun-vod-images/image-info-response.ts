import { z } from 'zod';
import { toVodUrl, type VodUrl } from './signed-url';

/** Image types the documentation lists; other values pass through as strings. */
export type VodImageType = 'default' | 'cover' | 'CoverSnapshot' | 'NormalSnapshot' | 'SpriteSnapshot' | 'SpriteOriginSnapshot' | 'All' | (string & {});
/** Upload states the documentation lists; other values pass through as strings. */
export type VodImageStatus = 'Uploading' | 'Normal' | 'UploadFail' | (string & {});

/** The source file of an image (`Mezzanine`). */
export interface VodMezzanine {
  /** FileSize in bytes (the API sends a string or a number). */
  readonly sizeBytes?: number;
  readonly width?: number;
  readonly height?: number;
  /** The OSS URL of the file; signed, see `VodUrl`. */
  readonly fileUrl?: VodUrl;
  /** The uploaded file's name; the API sometimes puts a signed URL here, which is treated like one. */
  readonly originalFileName?: VodUrl;
}

/** Every field of GetImageInfo's ImageInfo, normalized. Absent fields stay undefined. */
export interface VodImageInfo {
  readonly imageId: string;
  readonly title?: string;
  readonly description?: string;
  readonly imageType?: VodImageType;
  readonly status?: VodImageStatus;
  /** Tags, split from the API's comma-separated string. */
  readonly tags: readonly string[];
  readonly appId?: string;
  /** CateId. */
  readonly categoryId?: number;
  /** CateName. */
  readonly categoryName?: string;
  /** CreationTime, ISO 8601 UTC. */
  readonly creationTime?: string;
  readonly storageLocation?: string;
  /** The image's URL (CDN or OSS, per OutputType); signed, see `VodUrl`. */
  readonly url?: VodUrl;
  readonly mezzanine?: VodMezzanine;
}

/** Non-negative integers may come as numbers or numeric strings; anything else becomes undefined. */
const lenientInteger = z.union([z.number().int().nonnegative(), z.string().trim().regex(/^\d+$/).transform(Number)]).optional().catch(undefined);
const text = z.string().optional().catch(undefined);

/** The API's ImageInfo, as loosely as the docs and the example disagree (FileSize string or number, ImageType "default"). */
export const imageInfoSchema = z.object({
  ImageId: z.string(),
  Title: text,
  Description: text,
  ImageType: text,
  Status: text,
  Tags: text,
  AppId: text,
  CateId: lenientInteger,
  CateName: text,
  CreationTime: text,
  StorageLocation: text,
  URL: text,
  Mezzanine: z.object({
    FileSize: lenientInteger,
    Width: lenientInteger,
    Height: lenientInteger,
    FileURL: text,
    OriginalFileName: text,
  }).optional().catch(undefined),
});

export type RawImageInfo = z.infer<typeof imageInfoSchema>;

/** Normalizes one ImageInfo. Signed URLs keep only their stable part unless `keepSignedUrls`. */
export function normalizeImageInfo(raw: RawImageInfo, keepSignedUrls: boolean): VodImageInfo {
  const url = (value?: string) => (value ? toVodUrl(value, keepSignedUrls) : undefined);
  const mezzanine = raw.Mezzanine;
  return {
    imageId: raw.ImageId,
    title: raw.Title,
    description: raw.Description,
    imageType: raw.ImageType,
    status: raw.Status,
    tags: (raw.Tags ?? '').split(',').map((tag) => tag.trim()).filter((tag) => tag !== ''),
    appId: raw.AppId,
    categoryId: raw.CateId,
    categoryName: raw.CateName,
    creationTime: isoUtc(raw.CreationTime),
    storageLocation: raw.StorageLocation,
    url: url(raw.URL),
    mezzanine: mezzanine && {
      sizeBytes: mezzanine.FileSize,
      width: mezzanine.Width,
      height: mezzanine.Height,
      fileUrl: url(mezzanine.FileURL),
      originalFileName: url(mezzanine.OriginalFileName),
    },
  };
}

/** `2018-11-21T02:37:23Z` (or any zoned ISO form) → ISO 8601 UTC without milliseconds; undefined if unparseable. */
function isoUtc(value?: string): string | undefined {
  if (!value || !/[zZ]|[+-]\d\d:?\d\d$/.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
