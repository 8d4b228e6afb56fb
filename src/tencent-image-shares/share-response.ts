import { z } from 'zod';

/** One account an image is shared with. */
export interface ShareUinInfo {
  /** The account (UIN). A string: UINs can exceed 2^31. */
  readonly uin: string;
  /**
  When it was shared, ISO 8601. The API gives `YYYY-MM-DD HH:mm:ss` without a zone; we assume
  Beijing time (+08:00), which Tencent does not document. Undefined if the API's text has another shape.
  */
  readonly sharedAt?: string;
  /** The API's own text, kept as it came. */
  readonly shareTimeStamp: string;
}

/** An image's share list, as the API returned it. */
export interface ImageShares {
  readonly imageId: string;
  readonly shares: readonly ShareUinInfo[];
}

/** One successful answer of GetImageShareUinInfo, normalized. */
export interface ShareUinInfoAnswer {
  /** Images in this answer (`imageNum`). */
  readonly imageNum: number;
  /** The account's quota of images that may be shared (`maxImgShareNum`): account-level, not per image. */
  readonly maxImgShareNum: number;
  /** The images the API knows, in its order. Requested IDs it left out are not found. */
  readonly images: readonly ImageShares[];
  readonly requestId?: string;
}

/** The official example sends numbers as strings ("0", "50"): accept both. */
const lenientInteger = z.union([
  z.number().int(),
  z.string().trim().regex(/^-?\d+$/, 'an integer').transform(Number),
]);

/** UINs may come as numbers or strings; we keep them as strings. */
const lenientUin = z.union([z.string().trim().regex(/^\d+$/, 'digits'), z.number().int().nonnegative().transform(String)]);

/** The envelope every legacy answer has: a code, and a message when it is not 0. */
export const legacyEnvelopeSchema = z.object({
  code: lenientInteger,
  message: z.string().optional(),
  codeDesc: z.string().optional(),
  requestId: z.string().optional(),
});

const shareDataSchema = z.object({
  imageNum: lenientInteger,
  maxImgShareNum: lenientInteger,
  imageList: z.array(z.object({
    imageId: z.string(),
    shareUinInfo: z.array(z.object({ uin: lenientUin, shareTimeStamp: z.string() })).nullish(),
  })).nullish(),
});

/** Parses the `data` of a successful answer. Throws a ZodError if it does not have the documented shape. */
export function parseShareData(data: unknown, requestId?: string): ShareUinInfoAnswer {
  const parsed = shareDataSchema.parse(data);
  return {
    imageNum: parsed.imageNum,
    maxImgShareNum: parsed.maxImgShareNum,
    images: (parsed.imageList ?? []).map((image) => ({
      imageId: image.imageId,
      shares: (image.shareUinInfo ?? []).map((share) => ({
        uin: share.uin,
        sharedAt: beijingTimeToIso(share.shareTimeStamp),
        shareTimeStamp: share.shareTimeStamp,
      })),
    })),
    requestId,
  };
}

/** `2016-01-13 15:16:53` → `2016-01-13T15:16:53+08:00`; undefined for any other shape or an impossible date. */
export function beijingTimeToIso(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  // Date.UTC rolls overflow over (Feb 30 becomes Mar 1): a real date survives the round trip unchanged.
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const roundTrips = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    && date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
  return roundTrips ? `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}+08:00` : undefined;
}
