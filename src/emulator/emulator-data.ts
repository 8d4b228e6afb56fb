import { readFileSync } from 'node:fs';
import { z } from 'zod';

// The emulator is an independent implementation of the server, so it keeps its own copy of the
// documented ID shape rather than importing the client's.
const TENCENT_IMAGE_ID = /^img-[a-z0-9]{8}$/;
const VOD_IMAGE_ID = /^[0-9a-f]{32}$/;

const tencentCredentialSchema = z.object({
  secretId: z.string().min(1),
  secretKey: z.string().min(1),
  /** When present, the key is temporary: requests must carry `Token` equal to it (else code 4105). */
  token: z.string().min(1).optional(),
});

const tencentShareSchema = z.object({
  /** A string, like the official example: account IDs may exceed 2^31. */
  uin: z.string().regex(/^\d+$/, 'uin must be a string of digits'),
  shareTimeStamp: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'shareTimeStamp must look like 2016-01-13 15:16:53'),
});

const tencentSectionSchema = z.object({
  /** Reported as `maxImgShareNum` in every answer. */
  maxImgShareNum: z.number().int().nonnegative().default(50),
  /** Region → image ID → accounts the image is shared with (an empty list: shared with nobody). */
  regions: z.record(
    z.string().min(1),
    z.record(z.string().regex(TENCENT_IMAGE_ID, 'image IDs must be img- and 8 lowercase letters or digits'), z.array(tencentShareSchema)),
  ),
});

const aliyunCredentialSchema = z.object({
  accessKeyId: z.string().min(1),
  accessKeySecret: z.string().min(1),
  /** When present, the key is an STS one: requests must carry `SecurityToken` equal to it (else InvalidSecurityToken.Mismatch). */
  securityToken: z.string().min(1).optional(),
});

/** The seed's example has FileSize as a number though its table says String: data may use either, and answers keep it as written. */
const vodMezzanineSchema = z.strictObject({
  FileSize: z.union([z.string().regex(/^\d+$/, 'FileSize must be a string of digits or a number'), z.number().int().nonnegative()]).optional(),
  Width: z.number().int().nonnegative().optional(),
  Height: z.number().int().nonnegative().optional(),
  OriginalFileName: z.string().optional(),
});

/**
One image's ImageInfo, as GetImageInfo(s) return it. Every field is optional; `ImageId`, `URL` and
`Mezzanine.FileURL` are made by the emulator. Strict, so a misspelt field is reported instead of
silently missing from answers. Documented values: ImageType default, cover, CoverSnapshot,
NormalSnapshot, SpriteSnapshot, SpriteOriginSnapshot; Status Uploading, Normal, UploadFail.
*/
const vodImageSchema = z.strictObject({
  Title: z.string().optional(),
  Description: z.string().optional(),
  ImageType: z.string().min(1).optional(),
  Status: z.string().min(1).optional(),
  /** Comma-separated. */
  Tags: z.string().optional(),
  CateId: z.number().int().optional(),
  CateName: z.string().optional(),
  AppId: z.string().optional(),
  /** The OSS host of the origin URLs. @default an emulator-made bucket in cn-shanghai */
  StorageLocation: z.string().regex(/^[a-z0-9.-]+$/, 'StorageLocation must be a host name such as outin-xxxx.oss-cn-shanghai.aliyuncs.com').optional(),
  CreationTime: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'CreationTime must look like 2018-11-21T02:37:23Z (UTC)').optional(),
  Mezzanine: vodMezzanineSchema.optional(),
});

const aliyunSectionSchema = z.object({
  /** ImageId → its ImageInfo. No region level: one emulator stands for whichever regional endpoint a client targets. */
  images: z.record(z.string().regex(VOD_IMAGE_ID, 'VOD image IDs must be 32 lowercase hexadecimal digits'), vodImageSchema).default({}),
});

/**
Schema of an emulator data file. Loose at the top level and in `credentials`, so each cloud API
adds its own section (`tencent`, `aliyun`, …) without breaking files written for the others.
*/
export const emulatorDataSchema = z.looseObject({
  credentials: z.looseObject({
    tencent: z.array(tencentCredentialSchema).default([]),
    aliyun: z.array(aliyunCredentialSchema).default([]),
  }),
  tencent: tencentSectionSchema.default({ maxImgShareNum: 50, regions: {} }),
  aliyun: aliyunSectionSchema.default({ images: {} }),
});

/** Accounts and resources the emulator serves (after defaults are applied). */
export type EmulatorData = z.output<typeof emulatorDataSchema>;
/** An emulator data file as written (defaults not applied yet). */
export type EmulatorDataInput = z.input<typeof emulatorDataSchema>;
export type TencentEmulatorCredential = z.output<typeof tencentCredentialSchema>;
export type TencentEmulatorShare = z.output<typeof tencentShareSchema>;
export type AliyunEmulatorCredential = z.output<typeof aliyunCredentialSchema>;
export type VodEmulatorImage = z.output<typeof vodImageSchema>;

/** Validates data given as an object; `source` names it in errors (a file path, or 'inline data'). */
export function parseEmulatorData(value: unknown, source = 'inline emulator data'): EmulatorData {
  const result = emulatorDataSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`Invalid emulator data in ${source}:\n${problems.join('\n')}`);
  }
  return result.data;
}

/** Reads and validates a JSON data file; every error names the file. */
export function loadEmulatorData(file: string): EmulatorData {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read emulator data file ${file}: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`Emulator data file ${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return parseEmulatorData(json, `file ${file}`);
}
