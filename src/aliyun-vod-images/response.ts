import { z } from 'zod';
import type { LookupOutcome } from '../http/lookup-batch';
import { boundedRequestId } from '../http/send-form';
import { toVodUrl, type VodUrl } from './signed-url';
import { VodAnswerInvalidError } from './answer-error';

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

/*
Strict, with the tolerances the documents force on us and nothing more:
- a field of the wrong type fails the image (its lookup becomes an error, never a found image with
  holes); ImageId is the one required field (the seed's example has neither Status nor AppId);
- null is JSON's "no value" and reads like an absent field: nothing is lost;
- integers may come as numbers or strings of digits (the docs and SDK type FileSize as a string,
  the example sends a number);
- ImageType and Status outside the documented lists pass through as strings;
- fields the API adds later are ignored.
*/

/** What a value is, for messages: never the value itself (a URL field holds a signature). */
function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** An integer ≥ `min`, as a JSON number or a string of digits; null or absent is undefined. */
function integerField(min: number) {
  const digits = min >= 0 ? /^\s*\d+\s*$/ : /^\s*-?\d+\s*$/;
  const expected = min >= 0 ? 'a non-negative integer' : 'an integer';
  return optionalField((value, context) => {
    const number = typeof value === 'string' && digits.test(value) ? Number(value) : value;
    if (typeof number === 'number' && Number.isSafeInteger(number) && number >= min) return number;
    const what = typeof value === 'number' || typeof value === 'string' ? `${kindOf(value)} that is not one` : kindOf(value);
    context.addIssue({ code: 'custom', message: `expected ${expected} (a number or a string of digits), got ${what}` });
    return z.NEVER;
  });
}

/** A string; null or absent is undefined. `emptyIsAbsent` for URLs: an empty URL is no URL. */
function textField(options: { readonly emptyIsAbsent?: boolean } = {}) {
  return optionalField((value, context) => {
    if (typeof value === 'string') return options.emptyIsAbsent && value === '' ? undefined : value;
    context.addIssue({ code: 'custom', message: `expected a string, got ${kindOf(value)}` });
    return z.NEVER;
  });
}

/** CreationTime: an ISO 8601 time with a zone, normalized to UTC without milliseconds; empty is absent. */
function utcTimeField() {
  return optionalField((value, context) => {
    if (value === '') return undefined;
    const time = typeof value === 'string' && /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? Date.parse(value) : Number.NaN;
    if (!Number.isNaN(time)) return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
    context.addIssue({
      code: 'custom',
      message: typeof value === 'string' ? 'expected an ISO 8601 time with a zone, such as 2018-11-21T02:37:23Z' : `expected a string, got ${kindOf(value)}`,
    });
    return z.NEVER;
  });
}

/** A field that may be absent or null (both read as undefined); `read` checks and converts any other value. */
function optionalField<T>(read: (value: unknown, context: z.RefinementCtx) => T) {
  return z.unknown()
    .transform((value, context) => (value === null ? undefined : read(value, context)))
    // optional(): an absent key skips the transform (zod would otherwise demand the key).
    .optional();
}

const mezzanineSchema = z.object({
  FileSize: integerField(0),
  Width: integerField(0),
  Height: integerField(0),
  FileURL: textField({ emptyIsAbsent: true }),
  OriginalFileName: textField({ emptyIsAbsent: true }),
}, { error: (issue) => `expected an object, got ${kindOf(issue.input)}` });

/** The API's ImageInfo, strict but for the documented disagreements (see above). */
export const imageInfoSchema = z.object({
  ImageId: z.string({ error: (issue) => `expected the image's ID, a string, got ${kindOf(issue.input)}` }).min(1, 'expected the image\'s ID, got an empty string'),
  Title: textField(),
  Description: textField(),
  ImageType: textField(),
  Status: textField(),
  Tags: textField(),
  AppId: textField(),
  CateId: integerField(Number.MIN_SAFE_INTEGER),
  CateName: textField(),
  CreationTime: utcTimeField(),
  StorageLocation: textField(),
  URL: textField({ emptyIsAbsent: true }),
  Mezzanine: mezzanineSchema.nullish().transform((value) => value ?? undefined),
}, { error: (issue) => `expected an object, got ${kindOf(issue.input)}` });

export type RawImageInfo = z.infer<typeof imageInfoSchema>;

/** Normalizes one parsed ImageInfo. Signed URLs keep only their stable part unless `keepSignedUrls`. */
export function normalizeImageInfo(raw: RawImageInfo, keepSignedUrls: boolean): VodImageInfo {
  const url = (value?: string) => (value === undefined ? undefined : toVodUrl(value, keepSignedUrls));
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
    creationTime: raw.CreationTime,
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

/** The fields of VOD's error body (`{RequestId, HostId, Code, Message}`). */
export interface VodErrorBody {
  readonly code: string;
  readonly message?: string;
  readonly requestId?: string;
  readonly hostId?: string;
}

/** `Code` values some Alibaba APIs put in successful answers (as pop-core reads them); VOD's have none. */
const SUCCESS_CODES = new Set(['200', 'OK', 'Success', 'success']);

/**
The error in an answer, whatever its HTTP status: VOD (or a gateway in front of it) can answer
HTTP 200 with `{"Code":"Throttling.User",…}`. Undefined when the body is not an error body.
The client turns a result into its API error (retried by Code) before reading any data.
*/
export function readVodErrorBody(body: unknown): VodErrorBody | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { Code, Message, RequestId, HostId } = body as Record<string, unknown>;
  if (Code === undefined || Code === null) return undefined;
  const code = typeof Code === 'string' || typeof Code === 'number' ? String(Code) : JSON.stringify(Code);
  if (SUCCESS_CODES.has(code)) return undefined;
  return {
    code,
    message: typeof Message === 'string' ? Message : undefined,
    requestId: typeof RequestId === 'string' ? RequestId : undefined,
    hostId: typeof HostId === 'string' ? HostId : undefined,
  };
}

export interface VodImageInfosAnswer {
  readonly requestId?: string;
  /** One per distinct requested ID, in the order requested; found and not found name the endpoint that answered. */
  readonly outcomes: ReadonlyArray<LookupOutcome<VodImageInfo, VodAnswerInvalidError>>;
}

const requestIdField = textField();
const imageInfosEnvelopeSchema = z.object({
  RequestId: requestIdField,
  // Absent when every requested image is nonexistent; the per-ID check below catches the rest.
  ImageInfo: z.array(z.unknown(), { error: (issue) => `expected a list, got ${kindOf(issue.input)}` }).nullish(),
  NonExistImageIds: z.array(z.string({ error: (issue) => `expected an image ID, got ${kindOf(issue.input)}` }),
    { error: (issue) => `expected a list of image IDs, got ${kindOf(issue.input)}` }).nullish(),
}, { error: (issue) => `expected a JSON object, got ${kindOf(issue.input)}` });

/**
Every requested image's outcome in a GetImageInfos answer. An image is not found only when the
answer says so (NonExistImageIds lists it); it is an error, never "not found", when the answer is an
error body, `{}`, a list without it, or has a field of the wrong type:

- a body that is not the documented object, an error body, an entry that cannot be told apart (no
  ImageId) or one for an image not requested: every requested image is an error;
- an entry with a bad field, two entries for one image, an image both returned and listed as
  nonexistent, or a requested image neither returned nor listed: that image is an error, the
  others keep their answers.
*/
export function classifyImageInfosAnswer(requestedIds: readonly string[], body: unknown, keepSignedUrls: boolean, endpoint: string): VodImageInfosAnswer {
  const action = 'GetImageInfos';
  const imageIds = [...new Set(requestedIds)];
  const requestId = rawRequestIdOf(body);
  const error = (field: string, reason: string, ids: readonly string[] = imageIds) => new VodAnswerInvalidError({ action, field, reason, imageIds: ids, requestId });
  const everyImage = (failure: VodAnswerInvalidError): VodImageInfosAnswer =>
    ({ requestId, outcomes: imageIds.map((imageId) => ({ imageId, outcome: 'error', error: failure })) });

  const errorBody = readVodErrorBody(body);
  if (errorBody) return everyImage(error('Code', `is ${errorBody.code}: the answer is an error${errorBody.message ? ` (${errorBody.message})` : ''}, not image data`));
  const envelope = imageInfosEnvelopeSchema.safeParse(body);
  if (!envelope.success) return everyImage(errorFromIssue(envelope.error, '', (field, reason) => error(field, reason)));

  const requested = new Set(imageIds);
  const nonExistent = new Set(envelope.data.NonExistImageIds ?? []);
  for (const imageId of nonExistent) {
    if (!requested.has(imageId)) return everyImage(error('NonExistImageIds', `lists ${JSON.stringify(imageId.slice(0, 64))}, which was not requested: the answer is not for this request`));
  }

  const found = new Map<string, VodImageInfo>();
  const failed = new Map<string, VodAnswerInvalidError>();
  const entries = envelope.data.ImageInfo ?? [];
  for (const [index, entry] of entries.entries()) {
    const field = `ImageInfo[${index}]`;
    const imageId = (entry as { ImageId?: unknown } | null)?.ImageId;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return everyImage(error(field, `expected an object, got ${kindOf(entry)}`));
    if (typeof imageId !== 'string') return everyImage(error(`${field}.ImageId`, `expected the image's ID, a string, got ${kindOf(imageId)}: the entry cannot be matched to an image`));
    if (!requested.has(imageId)) return everyImage(error(`${field}.ImageId`, `${JSON.stringify(imageId.slice(0, 64))} was not requested: the answer is not for this request`));
    if (found.has(imageId) || failed.has(imageId)) {
      found.delete(imageId);
      failed.set(imageId, error(field, 'is a second entry for this image; the answer is ambiguous', [imageId]));
      continue;
    }
    if (nonExistent.has(imageId)) {
      failed.set(imageId, error(field, 'is returned although NonExistImageIds lists it as nonexistent', [imageId]));
      continue;
    }
    const parsed = imageInfoSchema.safeParse(entry);
    if (parsed.success) found.set(imageId, normalizeImageInfo(parsed.data, keepSignedUrls));
    else failed.set(imageId, errorFromIssue(parsed.error, field, (path, reason) => error(path, reason, [imageId])));
  }

  return {
    requestId,
    outcomes: imageIds.map((imageId): LookupOutcome<VodImageInfo, VodAnswerInvalidError> => {
      const failure = failed.get(imageId);
      if (failure) return { imageId, outcome: 'error', error: failure };
      const image = found.get(imageId);
      if (image) return { imageId, outcome: 'found', value: image, endpoint };
      if (nonExistent.has(imageId)) return { imageId, outcome: 'notFound', endpoint };
      return { imageId, outcome: 'error', error: error('ImageInfo', 'has no entry for it and NonExistImageIds does not list it: a partial answer', [imageId]) };
    }),
  };
}

const imageInfoEnvelopeSchema = z.object({
  RequestId: requestIdField,
  ImageInfo: z.unknown(),
}, { error: (issue) => `expected a JSON object, got ${kindOf(issue.input)}` });

/**
The image in a GetImageInfo answer. Throws a VodAnswerInvalidError for anything but the documented
shape for this very image (an error body, no ImageInfo, another image's ID, a field of the wrong
type). Not found is VOD's NoSuchResource error, which the client handles before this.
*/
export function parseImageInfoAnswer(imageId: string, body: unknown, keepSignedUrls: boolean): { readonly image: VodImageInfo; readonly requestId?: string } {
  const action = 'GetImageInfo';
  const requestId = rawRequestIdOf(body);
  const error = (field: string, reason: string) => new VodAnswerInvalidError({ action, field, reason, imageIds: [imageId], requestId });
  const errorBody = readVodErrorBody(body);
  if (errorBody) throw error('Code', `is ${errorBody.code}: the answer is an error${errorBody.message ? ` (${errorBody.message})` : ''}, not image data`);
  const envelope = imageInfoEnvelopeSchema.safeParse(body);
  if (!envelope.success) throw errorFromIssue(envelope.error, '', error);
  const parsed = imageInfoSchema.safeParse(envelope.data.ImageInfo);
  if (!parsed.success) throw errorFromIssue(parsed.error, 'ImageInfo', error);
  if (parsed.data.ImageId !== imageId) throw error('ImageInfo.ImageId', `is ${JSON.stringify(parsed.data.ImageId.slice(0, 64))}, not the image requested`);
  return { image: normalizeImageInfo(parsed.data, keepSignedUrls), requestId };
}

/** VOD's request ID (`RequestId`), when an answer has one: the transport records it. */
export function requestIdOf(body: unknown): string | undefined {
  return boundedRequestId(rawRequestIdOf(body));
}

/** The RequestId as the body has it, for the parser's error messages; never fails. */
function rawRequestIdOf(body: unknown): string | undefined {
  const requestId = (typeof body === 'object' && body !== null ? (body as { RequestId?: unknown }).RequestId : undefined);
  return typeof requestId === 'string' ? requestId : undefined;
}

/** The first issue of a failed parse, as an error naming the field (`ImageInfo[2].Mezzanine.FileSize`). */
function errorFromIssue(zodError: z.ZodError, prefix: string, make: (field: string, reason: string) => VodAnswerInvalidError): VodAnswerInvalidError {
  const issue = zodError.issues[0];
  const path = issue.path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), prefix);
  return make(path, issue.message);
}
