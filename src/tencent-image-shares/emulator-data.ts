import { z } from 'zod';
import { emulatorSection } from '../emulator/emulator-section';

/**
The documented image ID shape. The emulator is an independent implementation of the server, so it
keeps its own copy rather than importing the client's.
*/
export const EMULATOR_IMAGE_ID = /^img-[a-z0-9]{8}$/;

const credentialSchema = z.object({
  secretId: z.string().min(1),
  secretKey: z.string().min(1),
  /**
  When present, the key is temporary: requests must carry it (v2: `Token`, else code 4105; API 3.0:
  `X-TC-Token`, else AuthFailure.TokenFailure).
  */
  token: z.string().min(1).optional(),
});

const shareSchema = z.object({
  /** A string, like the official example: account IDs may exceed 2^31. */
  uin: z.string().regex(/^\d+$/, 'uin must be a string of digits'),
  /** Beijing time (UTC+8), as v2 sends it; API 3.0 answers the same instant as `CreatedTime` in UTC. */
  shareTimeStamp: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'shareTimeStamp must look like 2016-01-13 15:16:53')
    // A real time: API 3.0 sends it converted to UTC, which needs one (2016-02-30 would silently roll over).
    .refine(isRealTime, 'shareTimeStamp must be a real date and time, like 2016-01-13 15:16:53'),
});

/** API 3.0's documented limit for DescribeImageSharePermission: 10 requests per second. */
export const EMULATOR_API3_REQUESTS_PER_SECOND = 10;

const sectionSchema = z.object({
  /** Reported as `maxImgShareNum` in every answer. */
  maxImgShareNum: z.number().int().nonnegative().default(50),
  /**
  How many API 3.0 requests one SecretId may make in any one second (a sliding window); more are
  answered `RequestLimitExceeded`. 0 turns the limit off. Left out of the parsed data when not
  given (the route applies the default), so a file written before API 3.0 reads back unchanged.
  @default 10 (`EMULATOR_API3_REQUESTS_PER_SECOND`, the documented limit)
  */
  api3RequestsPerSecond: z.number().int().nonnegative().optional(),
  /**
  Answer every v2 (GetImageShareUinInfo) request with code 6100, "not supported at this endpoint",
  as the legacy endpoint will once Tencent switches it off; API 3.0 keeps answering.
  @default false
  */
  legacyApiRetired: z.boolean().optional(),
  /** Region → image ID → accounts the image is shared with (an empty list: shared with nobody). */
  regions: z.record(
    z.string().min(1),
    z.record(z.string().regex(EMULATOR_IMAGE_ID, 'image IDs must be img- and 8 lowercase letters or digits'), z.array(shareSchema)),
  ),
});

/**
`tencent` and `credentials.tencent` in the emulator data file: one set of share data, served by
both the v2 route and the API 3.0 route.
*/
export const tencentEmulatorSection = emulatorSection({
  name: 'tencent',
  schema: sectionSchema.default({ maxImgShareNum: 50, regions: {} }),
  credentialSchema,
});

export type TencentEmulatorCredential = z.output<typeof credentialSchema>;
export type TencentEmulatorShare = z.output<typeof shareSchema>;
export type TencentEmulatorSection = typeof tencentEmulatorSection;

function isRealTime(text: string): boolean {
  const time = new Date(`${text.replace(' ', 'T')}Z`);
  return !Number.isNaN(time.getTime()) && time.toISOString().slice(0, 19) === text.replace(' ', 'T');
}
