import { z } from 'zod';
import { boundedRequestId } from '../http/send-form';
import { ShareAnswerInvalidError } from './answer-error';
import type { ImageShares, ShareUinInfo } from './response';

/** CVM API 3.0's action for an image's share list. */
export const DESCRIBE_IMAGE_SHARE_PERMISSION = 'DescribeImageSharePermission';

/** One successful DescribeImageSharePermission answer, normalized: the image's share list and the answer's RequestId. */
export interface SharePermissionAnswer extends ImageShares {
  readonly requestId?: string;
}

/**
The envelope of every API 3.0 answer, success or error: `{"Response": {…, "RequestId": "…"}}`, with
`Response.Error` `{Code, Message}` on an error. Only its outline: the error and the data are read
apart, so a malformed part is named.
*/
export const api3EnvelopeSchema = z.object({
  Response: z.looseObject({
    Error: z.unknown().optional(),
    RequestId: z.unknown().optional(),
  }),
});

/** `Response.Error` as documented: a code such as `AuthFailure.SignatureFailure` and a message. */
export const api3ErrorSchema = z.object({
  Code: z.string().min(1),
  Message: z.string().optional(),
});

/** API 3.0's request ID (`Response.RequestId`), when an answer has one: the transport records it. */
export function api3RequestIdOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const response = (body as { Response?: unknown }).Response;
  return typeof response === 'object' && response !== null ? boundedRequestId((response as { RequestId?: unknown }).RequestId) : undefined;
}

/** What a value is, for messages: never the value itself. */
function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
An account ID: digits as a string (kept as they came: account IDs exceed 2^31), or a JSON number
that is a safe integer (one above 2^53 has already lost digits in JSON.parse: refused, not guessed).
*/
const accountIdField = z.unknown().transform((value, context) => {
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return value.trim();
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  context.addIssue({ code: 'custom', message: `expected an account ID (digits, as a string or a number below 2^53), got ${kindOf(value)}` });
  return z.NEVER;
});

/** A share time: an instant in ISO 8601 (see `createdTimeOf`), anything else refused. */
const createdTimeField = z.unknown().transform((value, context) => {
  const created = typeof value === 'string' ? createdTimeOf(value) : undefined;
  if (created) return created;
  context.addIssue({
    code: 'custom',
    message: typeof value === 'string'
      ? 'expected a UTC time such as 2018-06-10T11:02:50Z, got a string of another shape or an impossible date'
      : `expected a UTC time such as 2018-06-10T11:02:50Z, got ${kindOf(value)}`,
  });
  return z.NEVER;
});

const sharePermissionSetSchema = z.object({
  SharePermissionSet: z.array(
    z.object({ AccountId: accountIdField, CreatedTime: createdTimeField }, { error: (issue) => `expected an object, got ${kindOf(issue.input)}` }),
    { error: (issue) => `expected a list, got ${kindOf(issue.input)}` },
  ),
}, { error: (issue) => `expected an object, got ${kindOf(issue.input)}` });

/**
Parses the `Response` of a DescribeImageSharePermission answer without `Error` into the share list
of `imageId`, in the shape GetImageShareUinInfo's answers have: `AccountId` becomes the uin,
`CreatedTime` (UTC) becomes `sharedAt` (`YYYY-MM-DDThh:mm:ssZ`) and `shareTimeStamp`, the same
instant in the v2 API's form (Beijing time, `YYYY-MM-DD HH:mm:ss`), so a sharing reads alike on both
APIs. Throws a ShareAnswerInvalidError naming the field (never its value) for anything else: no
`SharePermissionSet` (an empty list is an image shared with nobody; a missing one is not), an entry
that is not an object, an `AccountId` that is not digits, a `CreatedTime` that is not a UTC time.
*/
export function parseSharePermissionSet(response: unknown, requestId: string | undefined, imageId: string): SharePermissionAnswer {
  const result = sharePermissionSetSchema.safeParse(response);
  if (!result.success) {
    const issue = result.error.issues[0];
    // An object that is not one is named by its own path; a missing Response is `Response` itself.
    const field = issue.path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`), 'Response');
    throw new ShareAnswerInvalidError({ field, reason: issue.message, requestId, action: DESCRIBE_IMAGE_SHARE_PERMISSION, success: 'without an Error' });
  }
  const shares = result.data.SharePermissionSet.map(({ AccountId, CreatedTime }): ShareUinInfo => ({ uin: AccountId, ...CreatedTime }));
  return { imageId, shares, requestId };
}

/**
A `CreatedTime` as both APIs' share times: `sharedAt`, the instant in UTC (`2018-06-10T11:02:50Z`),
and `shareTimeStamp`, the same instant as GetImageShareUinInfo writes it (Beijing time, no zone:
`2018-06-10 19:02:50`). Takes `YYYY-MM-DDThh:mm:ss` with `Z` as documented, or with an explicit
offset (`+00:00`, `+08:00`: the same instant, written otherwise); undefined for anything else (no
zone, fractions of a second, an impossible date): a time without its zone is never guessed.
*/
export function createdTimeOf(text: string): { readonly sharedAt: string; readonly shareTimeStamp: string } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:Z|([+-])(\d{2}):(\d{2}))$/.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  if (!isRealTime(year, month, day, hour, minute, second)) return undefined;
  if (Number(match[8] ?? 0) > 23 || Number(match[9] ?? 0) > 59) return undefined;
  const offsetMinutes = match[7] === undefined ? 0 : (match[7] === '-' ? -1 : 1) * (Number(match[8]) * 60 + Number(match[9]));
  const sharedAt = isoSecondsOf(Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000);
  const shareTimeStamp = sharedAt && utcIsoToBeijingText(`${sharedAt}Z`);
  return sharedAt && shareTimeStamp ? { sharedAt: `${sharedAt}Z`, shareTimeStamp } : undefined;
}

/** Beijing time is UTC+8 all year (China has no daylight saving time). */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
`2018-06-10T11:02:50Z` → `2018-06-10 19:02:50`: a UTC time as GetImageShareUinInfo writes its share
times (Beijing time, UTC+8, without a zone). Undefined for any other shape or an impossible date.
*/
export function utcIsoToBeijingText(utcIso: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(utcIso);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  if (!isRealTime(year, month, day, hour, minute, second)) return undefined;
  const beijing = isoSecondsOf(Date.UTC(year, month - 1, day, hour, minute, second) + BEIJING_OFFSET_MS);
  return beijing && beijing.replace('T', ' ');
}

/** `YYYY-MM-DDThh:mm:ss` of an instant, or undefined outside years 1000 to 9999 (where the text would change shape). */
function isoSecondsOf(instantMs: number): string | undefined {
  const text = new Date(instantMs).toISOString().slice(0, 19);
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(text) && !text.startsWith('0') ? text : undefined;
}

/** Date.UTC rolls overflow over (Feb 30 becomes Mar 1): a real date and time survives the round trip unchanged. */
function isRealTime(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    && date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
}
