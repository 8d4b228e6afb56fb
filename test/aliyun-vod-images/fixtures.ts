// The Alibaba Cloud VOD fixture data, in one place: the seed's GetImageInfo example (as printed,
// masked IDs included) and the images the emulator-backed tests build around it.
import type { VodImageInfo, VodMezzanine } from '../../src/aliyun-vod-images/response';
import type { FoundSubject, NotFoundSubject } from '../../src/policy';

/** Made-up keys: they open nothing but the emulator. */
export const VOD_TEST_CREDENTIALS = { accessKeyId: 'LTAItestExample000001', accessKeySecret: 'testAccessKeySecret01' };

/** `ImageInfo` of the seed's JSON example, as printed (masked IDs included): FileSize a number, ImageType "default", no Status, no AppId. */
export const SEED_EXAMPLE = {
  Description: '测试描述',
  Mezzanine: {
    OriginalFileName: 'https://outin-bfefbb*****163e1c7426.oss-cn-shanghai.aliyuncs.com/image/default/5E84CD536*****D4DAD.png?Expires=1590982353&OSSAccessKeyId=*****&Signature=ALPET74o*****c%3D',
    Height: 200,
    Width: 200,
    FileSize: 8932,
  },
  CreationTime: '2018-11-21T02:37:23Z',
  ImageId: 'bbc65bba53f9*****ed90de118a7849',
  Title: 'this is a sample',
  CateId: 254766071,
  CateName: '测试',
  StorageLocation: 'outin-bfefbb*****163e1c7426.oss-cn-shanghai.aliyuncs.com',
  Tags: 'tag1,tag2,tag3',
  URL: 'https://al*****.cn/image/default/5E84CD536*****D4DAD.png?auth_key=159098055*****70a396e834',
  ImageType: 'default',
};

/**
What normalizeImageInfo makes of the fields the seed's example and the seed-like image share; each
test adds the ID, AppId, bucket and URLs of its own image.
*/
export const SEED_NORMALIZED = {
  title: 'this is a sample',
  description: '测试描述',
  imageType: 'default',
  status: undefined,
  tags: ['tag1', 'tag2', 'tag3'],
  categoryId: 254766071,
  categoryName: '测试',
  creationTime: '2018-11-21T02:37:23Z',
} satisfies Partial<VodImageInfo>;
/** The normalized Mezzanine sizes of the seed's example and the seed-like image. */
export const SEED_NORMALIZED_MEZZANINE = { sizeBytes: 8932, width: 200, height: 200 } satisfies VodMezzanine;

/** The seed's storage bucket, unmasked. */
export const SEED_STORAGE = 'outin-bfefbb90a1b2c3d4e5f6163e1c7426.oss-cn-shanghai.aliyuncs.com';
/** Shaped like the seed's OriginalFileName: a signed OSS URL. Expires=1590982353 is 2020-06-01T03:32:33Z. */
export const SEED_ORIGINAL_BASE = `https://${SEED_STORAGE}/image/default/5E84CD536ABCDEF0D4DAD.png`;
export const SEED_ORIGINAL_SIGNED = `${SEED_ORIGINAL_BASE}?Expires=1590982353&OSSAccessKeyId=LTAIseedOssKey01&Signature=ALPET74oSeedExample%3D`;
export const SEED_ORIGINAL_EXPIRES_AT = '2020-06-01T03:32:33Z';

/** Like the seed's example, unmasked: FileSize a number, ImageType "default", no Status, a signed URL as OriginalFileName. */
export const SEED_LIKE_ID = '3e34733b40b9a96ccf5c1ff6f69aaaaa';
export const SEED_LIKE_IMAGE = {
  Title: 'this is a sample',
  Description: '测试描述',
  ImageType: 'default',
  Tags: 'tag1,tag2,tag3',
  CateId: 254766071,
  CateName: '测试',
  AppId: 'app-1000000',
  StorageLocation: SEED_STORAGE,
  CreationTime: '2018-11-21T02:37:23Z',
  Mezzanine: { FileSize: 8932, Width: 200, Height: 200, OriginalFileName: SEED_ORIGINAL_SIGNED },
};

/** FileSize as a string, as the field table and the SDK type it; tags with spaces. */
export const COVER_ID = 'bbc65bba53f90a1b2c3d4ed90de118a7';
export const COVER_IMAGE = {
  Title: '春季新品封面', ImageType: 'cover', Status: 'Normal', Tags: 'cover, launch ,', CateId: 17, StorageLocation: SEED_STORAGE,
  CreationTime: '2025-03-02T08:15:00Z', Mezzanine: { FileSize: '524288', Width: 1920, Height: 1080, OriginalFileName: 'spring-cover.png' },
};

/** No fields: the emulator still gives the ID and URLs (in its default bucket). */
export const BARE_ID = '0123456789abcdef0123456789abcdef';

/** The emulator's account of the VOD tests: the test key, the seed-like image, the cover and the bare one. */
export const VOD_TEST_DATA = {
  credentials: { aliyun: [VOD_TEST_CREDENTIALS] },
  aliyun: { images: { [SEED_LIKE_ID]: SEED_LIKE_IMAGE, [COVER_ID]: COVER_IMAGE, [BARE_ID]: {} } },
};

/** The clock the VOD rules are tested at. */
export const VOD_RULES_NOW = new Date('2026-06-01T00:00:00Z');

/** A compliant image's facts: Normal, titled, a cover tagged approved, 200×200 and 8932 bytes, in the seed's bucket, a month old, https URLs. */
export const COMPLIANT_VOD_IMAGE: VodImageInfo = {
  imageId: COVER_ID, title: '春季新品封面', imageType: 'cover', status: 'Normal', tags: ['approved', 'cover'],
  storageLocation: SEED_STORAGE, creationTime: '2026-05-01T00:00:00Z',
  url: { url: 'https://cdn.example.com/image/cover/spring.png', signatureRemoved: true },
  mezzanine: { ...SEED_NORMALIZED_MEZZANINE, fileUrl: { url: `${SEED_ORIGINAL_BASE}`, signatureRemoved: true } },
};

/** A found VOD subject for rule tests: COMPLIANT_VOD_IMAGE with `facts` over it. */
export function vodSubject(facts: Partial<VodImageInfo> = {}, location: Partial<Omit<FoundSubject<VodImageInfo>, 'found' | 'facts'>> = {}): FoundSubject<VodImageInfo> {
  return {
    apiId: 'aliyun-vod-images', cloud: 'aliyun', region: 'cn-shanghai', imageId: COVER_ID, constructPath: 'stack/cover', ...location,
    found: true, facts: { ...COMPLIANT_VOD_IMAGE, ...facts },
  };
}

/** A VOD subject the API does not know. */
export function missingVodSubject(location: Partial<Omit<NotFoundSubject, 'found'>> = {}): NotFoundSubject {
  return { apiId: 'aliyun-vod-images', cloud: 'aliyun', region: 'cn-shanghai', imageId: BARE_ID, constructPath: 'stack/missing', ...location, found: false };
}
