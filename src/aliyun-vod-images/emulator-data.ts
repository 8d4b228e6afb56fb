import { z } from 'zod';
import { emulatorSection } from '../emulator/emulator-section';

/**
The documented image ID shape. The emulator is an independent implementation of the server, so it
keeps its own copy rather than importing the client's.
*/
export const EMULATOR_IMAGE_ID = /^[0-9a-f]{32}$/;

const credentialSchema = z.object({
  accessKeyId: z.string().min(1),
  accessKeySecret: z.string().min(1),
  /** When present, the key is an STS one: requests must carry `SecurityToken` equal to it (else InvalidSecurityToken.Mismatch). */
  securityToken: z.string().min(1).optional(),
});

/** The seed's example has FileSize as a number though its table says String: data may use either, and answers keep it as written. */
const mezzanineSchema = z.strictObject({
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
const imageSchema = z.strictObject({
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
  Mezzanine: mezzanineSchema.optional(),
});

const sectionSchema = z.object({
  /** ImageId → its ImageInfo. No region level: one emulator stands for whichever regional endpoint a client targets. */
  images: z.record(z.string().regex(EMULATOR_IMAGE_ID, 'VOD image IDs must be 32 lowercase hexadecimal digits'), imageSchema).default({}),
});

/** `aliyun` and `credentials.aliyun` in the emulator data file. */
export const aliyunEmulatorSection = emulatorSection({
  name: 'aliyun',
  schema: sectionSchema.default({ images: {} }),
  credentialSchema,
});

export type AliyunEmulatorCredential = z.output<typeof credentialSchema>;
export type VodEmulatorImage = z.output<typeof imageSchema>;
export type AliyunEmulatorSection = typeof aliyunEmulatorSection;
