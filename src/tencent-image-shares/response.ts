import { z } from 'zod';
import { boundedRequestId } from '../http/send-form';
import { ShareAnswerInvalidError } from './answer-error';

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
  /** The images the API knows, in its order. Requested IDs a well-formed list leaves out are not found. */
  readonly images: readonly ImageShares[];
  readonly requestId?: string;
}

/** The official example sends numbers as strings ("0", "50"): accept both. */
const lenientInteger = z.union([
  z.number().int(),
  z.string().trim().regex(/^-?\d+$/, 'an integer').transform(Number),
]);

/** The envelope every legacy answer has: a code, and a message when it is not 0. */
export const legacyEnvelopeSchema = z.object({
  code: lenientInteger,
  message: z.string().optional(),
  codeDesc: z.string().optional(),
  requestId: z.string().optional(),
});

/** The legacy API's request ID (`requestId`), when an answer has one: the transport records it. */
export function requestIdOf(body: unknown): string | undefined {
  return typeof body === 'object' && body !== null ? boundedRequestId((body as { requestId?: unknown }).requestId) : undefined;
}

/*
The `data` of a code-0 answer, strict: every documented field is required and of its type, with the
one tolerance the official example forces (numbers as strings); fields added later are ignored. An
image is "not found" only when a well-formed imageList leaves it out, so anything less than a
well-formed list is an error, never an empty list.
*/

/** What a value is, for messages: never the value itself. */
function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const expectedObject = { error: (issue: { input?: unknown }) => `expected an object, got ${kindOf(issue.input)}` };
const expectedList = { error: (issue: { input?: unknown }) => `expected a list, got ${kindOf(issue.input)}` };
const expectedString = { error: (issue: { input?: unknown }) => `expected a string, got ${kindOf(issue.input)}` };

/** A count (imageNum, maxImgShareNum): a non-negative integer, as a number or a string of digits. */
const countField = z.unknown().transform((value, context) => {
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number === 'number' && Number.isSafeInteger(number) && number >= 0) return number;
  const what = typeof value === 'number' || typeof value === 'string' ? `${kindOf(value)} that is not one` : kindOf(value);
  context.addIssue({ code: 'custom', message: `expected a non-negative integer (a number or a string of digits), got ${what}` });
  return z.NEVER;
});

/**
A UIN: digits as a string (kept as they came: UINs can exceed 2^31), or a JSON number that is a safe
integer (one above 2^53 has already lost digits in JSON.parse, so it is refused, not guessed).
*/
const uinField = z.unknown().transform((value, context) => {
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return value.trim();
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  context.addIssue({ code: 'custom', message: `expected an account ID (digits, as a string or a number below 2^53), got ${kindOf(value)}` });
  return z.NEVER;
});

const shareDataSchema = z.object({
  imageNum: countField,
  maxImgShareNum: countField,
  imageList: z.array(z.object({
    imageId: z.string(expectedString).min(1, 'expected an image ID, got an empty string'),
    shareUinInfo: z.array(z.object({ uin: uinField, shareTimeStamp: z.string(expectedString) }, expectedObject), expectedList),
  }, expectedObject), expectedList),
}, expectedObject);

/**
Parses the `data` of a code-0 answer. With `requestedIds` (the call's image IDs), also checks that
the list holds only those. Throws a ShareAnswerInvalidError naming the field for anything but the
documented shape: `data`, `imageNum`, `maxImgShareNum` and `imageList` missing or of the wrong type,
an image without `shareUinInfo`, a wrong-typed share entry, `imageNum` disagreeing with the list
(a partial answer), an image listed twice or not requested.
*/
export function parseShareData(data: unknown, requestId?: string, requestedIds?: readonly string[]): ShareUinInfoAnswer {
  const fail = (field: string, reason: string): never => {
    throw new ShareAnswerInvalidError({ field, reason, requestId });
  };
  const result = shareDataSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`), 'data');
    return fail(path, issue.message);
  }
  const parsed = result.data;
  // imageNum counts the entries of imageList (the official example: "1" and one entry); a
  // disagreement means entries went missing on the way, and a missing entry would read as not found.
  if (parsed.imageNum !== parsed.imageList.length) {
    fail('data.imageNum', `is ${parsed.imageNum} but imageList has ${parsed.imageList.length} entries: a partial answer`);
  }
  const requested = requestedIds && new Set(requestedIds);
  const seen = new Set<string>();
  parsed.imageList.forEach(({ imageId }, index) => {
    if (requested && !requested.has(imageId)) fail(`data.imageList[${index}].imageId`, `${JSON.stringify(imageId.slice(0, 64))} was not requested: the answer is not for this call`);
    if (seen.has(imageId)) fail(`data.imageList[${index}].imageId`, `${JSON.stringify(imageId.slice(0, 64))} is listed twice: the answer is ambiguous`);
    seen.add(imageId);
  });
  return {
    imageNum: parsed.imageNum,
    maxImgShareNum: parsed.maxImgShareNum,
    images: parsed.imageList.map((image) => ({
      imageId: image.imageId,
      shares: image.shareUinInfo.map((share) => ({
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
