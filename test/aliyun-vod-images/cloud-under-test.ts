// The VOD image client, as the shared contract suites see it (test/support/cloud-under-test.ts).
import { AliyunVodApiError, AliyunVodImageClient } from '../../src/aliyun-vod-images';
import { contractConfig, contractProps, type CloudUnderTest, type ContractOptions } from '../support/cloud-under-test';
import { paramsOf } from '../support/loopback-http';
import { SEED_LIKE_ID } from './fixtures';

const MARKERS = { keyId: 'LTAImarkerAccessKeyId01', keySecret: 'markerVodAccessSecret0001', securityToken: 'markerVodSecurityToken0001' };
const PLAIN_KEY = { keyId: 'LTAIcontractPlainKey01', keySecret: 'contractPlainSecret0001' };
const CODES = {
  throttle: ['Throttling.User', 400],
  internal: ['InternalError', 500],
  wrongSecret: ['SignatureDoesNotMatch', 400],
  unknownKeyId: ['InvalidAccessKeyId.NotFound', 404],
  tokenMismatch: ['InvalidSecurityToken.Mismatch', 400],
} as const;

function client(endpoint: string | undefined, options: ContractOptions, env: NodeJS.ProcessEnv): AliyunVodImageClient {
  const { keyId, keySecret, ...props } = contractProps(cloudUnderTest, endpoint, options);
  return new AliyunVodImageClient({ ...props, accessKeyId: keyId, accessKeySecret: keySecret }, env);
}

export const cloudUnderTest: CloudUnderTest = {
  cloud: 'Alibaba Cloud VOD',
  action: 'GetImageInfos',
  batchEntryPoint: 'lookupImages',
  region: 'cn-shanghai',
  otherRegion: 'cn-beijing',
  malformedRegion: 'Shanghai',
  regionTypo: { typo: 'cn-shanghia', closest: 'cn-shanghai' },
  unknownRegion: 'me-east-1',
  apiPath: '/',
  maxIdsPerCall: 20,
  knownImageId: SEED_LIKE_ID,
  unknownImageIds: (count) => Array.from({ length: count }, (_, index) => `${'f'.repeat(24)}${String(index).padStart(8, '0')}`),
  malformedImageId: SEED_LIKE_ID.toUpperCase(),
  markers: MARKERS,
  secrets: Object.values(MARKERS),
  plainKey: PLAIN_KEY,
  emulatorData: {
    credentials: {
      aliyun: [
        { accessKeyId: MARKERS.keyId, accessKeySecret: MARKERS.keySecret, securityToken: MARKERS.securityToken },
        { accessKeyId: PLAIN_KEY.keyId, accessKeySecret: PLAIN_KEY.keySecret },
      ],
    },
    aliyun: { images: { [SEED_LIKE_ID]: { Title: 'contract', Status: 'Normal', CreationTime: '2024-01-02T03:04:05Z' } } },
  },
  keyIdOf: (request) => paramsOf(request).get('AccessKeyId'),
  tokenOf: (request) => paramsOf(request).get('SecurityToken'),
  contentType: 'application/x-www-form-urlencoded',
  getSelectable: true,
  env: { region: 'ALICLOUD_REGION', endpoint: 'ALICLOUD_VOD_ENDPOINT', token: 'ALICLOUD_SECURITY_TOKEN' },
  credentialEnvs: [
    {
      family: 'ALICLOUD_*',
      env: ({ keyId, keySecret, securityToken }) => ({ ALICLOUD_ACCESS_KEY: keyId, ALICLOUD_SECRET_KEY: keySecret, ALICLOUD_SECURITY_TOKEN: securityToken }),
    },
    {
      family: 'ALIBABA_CLOUD_*',
      env: ({ keyId, keySecret, securityToken }) => ({
        ALIBABA_CLOUD_ACCESS_KEY_ID: keyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: keySecret, ALIBABA_CLOUD_SECURITY_TOKEN: securityToken,
      }),
    },
  ],
  credentialHints: ['ALICLOUD_ACCESS_KEY'],
  missingCredentials: ['ALICLOUD_ACCESS_KEY', 'ALICLOUD_SECRET_KEY', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'AccessKey ID'],
  missingSecret: { says: 'no AccessKey secret', doesNotSay: [] },
  codes: CODES,
  replayRefusal: { apiCode: 'InvalidTimeStamp.Expired', clockSkewMs: 20 * 60_000, resignsOnce: true, props: {} },
  defaultEndpoint: (region) => ({ url: `https://vod.${region}.aliyuncs.com/`, host: `vod.${region}.aliyuncs.com`, path: '/' }),
  ApiError: AliyunVodApiError,
  apiError(kind, requestId = 'REQ-CONTRACT-0001') {
    const apiCode = { throttle: CODES.throttle[0], auth: CODES.wrongSecret[0], internal: CODES.internal[0] }[kind];
    return { apiCode, body: { RequestId: requestId, HostId: 'vod.cn-shanghai.aliyuncs.com', Code: apiCode, Message: `${kind} answer` } };
  },
  malformedAnswer: () => ({ body: { RequestId: 'REQ-MALFORMED', ImageInfo: 'none' }, field: 'ImageInfo' }),
  nonceOf: (request) => paramsOf(request).get('SignatureNonce'),
  signatureOf: (request) => paramsOf(request).get('Signature'),
  configOf: (endpoint, options = {}, env = {}) => contractConfig(client(endpoint, options, env).config,
    ({ accessKeyId, accessKeySecret, securityToken }) => ({ keyId: accessKeyId, keySecret: accessKeySecret, securityToken })),
  async fetch(endpoint, imageIds, options = {}, env = {}) {
    return (await client(endpoint, options, env).getImageInfos(imageIds)).images.map((image) => image.imageId);
  },
  async lookup(endpoint, imageIds, options = {}, env = {}) {
    return client(endpoint, options, env).lookupImages(imageIds);
  },
};
