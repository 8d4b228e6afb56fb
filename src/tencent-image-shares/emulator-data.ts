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
  /** When present, the key is temporary: requests must carry `Token` equal to it (else code 4105). */
  token: z.string().min(1).optional(),
});

const shareSchema = z.object({
  /** A string, like the official example: account IDs may exceed 2^31. */
  uin: z.string().regex(/^\d+$/, 'uin must be a string of digits'),
  shareTimeStamp: z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, 'shareTimeStamp must look like 2016-01-13 15:16:53'),
});

const sectionSchema = z.object({
  /** Reported as `maxImgShareNum` in every answer. */
  maxImgShareNum: z.number().int().nonnegative().default(50),
  /** Region → image ID → accounts the image is shared with (an empty list: shared with nobody). */
  regions: z.record(
    z.string().min(1),
    z.record(z.string().regex(EMULATOR_IMAGE_ID, 'image IDs must be img- and 8 lowercase letters or digits'), z.array(shareSchema)),
  ),
});

/** `tencent` and `credentials.tencent` in the emulator data file. */
export const tencentEmulatorSection = emulatorSection({
  name: 'tencent',
  schema: sectionSchema.default({ maxImgShareNum: 50, regions: {} }),
  credentialSchema,
});

export type TencentEmulatorCredential = z.output<typeof credentialSchema>;
export type TencentEmulatorShare = z.output<typeof shareSchema>;
export type TencentEmulatorSection = typeof tencentEmulatorSection;
