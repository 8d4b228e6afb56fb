// The Tencent share client, as the shared contract suites see it (test/support/cloud-under-test.ts).
import { TencentApiError, TencentImageShareClient } from '../../src/tencent-image-shares';
import { contractConfig, contractProps, type CloudUnderTest, type ContractOptions } from '../support/cloud-under-test';
import { paramsOf } from '../support/loopback-http';
import { OFFICIAL_EXAMPLE_IMAGE_ID, OFFICIAL_EXAMPLE_SHARES } from './fixtures';

const MARKERS = { keyId: 'AKIDmarkerSecretId0001', keySecret: 'markerTencentSecretKey0001', securityToken: 'markerTencentToken0001' };
const PLAIN_KEY = { keyId: 'AKIDcontractPlainKey01', keySecret: 'contractPlainSecretKey01' };
const CODES = { throttle: [4400, 200], internal: [6000, 200], wrongSecret: [4100, 200], unknownKeyId: [4104, 200], tokenMismatch: [4105, 200] } as const;

function client(endpoint: string | undefined, options: ContractOptions, env: NodeJS.ProcessEnv): TencentImageShareClient {
  const { keyId, keySecret, ...props } = contractProps(cloudUnderTest, endpoint, options);
  return new TencentImageShareClient({ ...props, secretId: keyId, secretKey: keySecret }, env);
}

export const cloudUnderTest: CloudUnderTest = {
  cloud: 'Tencent Cloud',
  action: 'GetImageShareUinInfo',
  batchEntryPoint: 'lookupImageShares',
  region: 'ap-guangzhou',
  otherRegion: 'ap-shanghai',
  malformedRegion: 'Guangzhou',
  regionTypo: { typo: 'ap-guangzou', closest: 'ap-guangzhou' },
  unknownRegion: 'sa-saopaulo',
  apiPath: '/v2/index.php',
  maxIdsPerCall: 10,
  knownImageId: OFFICIAL_EXAMPLE_IMAGE_ID,
  unknownImageIds: (count) => Array.from({ length: count }, (_, index) => `img-unk${String(index).padStart(5, '0')}`),
  malformedImageId: 'ami-12345678',
  markers: MARKERS,
  secrets: Object.values(MARKERS),
  plainKey: PLAIN_KEY,
  emulatorData: {
    credentials: {
      tencent: [
        { secretId: MARKERS.keyId, secretKey: MARKERS.keySecret, token: MARKERS.securityToken },
        { secretId: PLAIN_KEY.keyId, secretKey: PLAIN_KEY.keySecret },
      ],
    },
    tencent: { maxImgShareNum: 50, regions: { 'ap-guangzhou': { [OFFICIAL_EXAMPLE_IMAGE_ID]: OFFICIAL_EXAMPLE_SHARES } } },
  },
  keyIdOf: (request) => paramsOf(request).get('SecretId'),
  tokenOf: (request) => paramsOf(request).get('Token'),
  contentType: 'application/x-www-form-urlencoded',
  getSelectable: true,
  env: { region: 'TENCENTCLOUD_REGION', endpoint: 'TENCENTCLOUD_IMAGE_ENDPOINT', token: 'TENCENTCLOUD_SECURITY_TOKEN' },
  credentialEnvs: [{
    family: 'TENCENTCLOUD_*',
    env: ({ keyId, keySecret, securityToken }) => ({ TENCENTCLOUD_SECRET_ID: keyId, TENCENTCLOUD_SECRET_KEY: keySecret, TENCENTCLOUD_SECURITY_TOKEN: securityToken }),
  }],
  credentialHints: ['TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY'],
  missingCredentials: ['TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY'],
  missingSecret: { says: 'TENCENTCLOUD_SECRET_KEY', doesNotSay: ['TENCENTCLOUD_SECRET_ID'] },
  codes: CODES,
  replayRefusal: { apiCode: 4500, clockSkewMs: 10 * 60_000, resignsOnce: true, props: { isReplayRefusal: true } },
  defaultEndpoint: () => ({ url: 'https://image.api.qcloud.com/v2/index.php', host: 'image.api.qcloud.com', path: '/v2/index.php' }),
  ApiError: TencentApiError,
  apiError(kind, requestId = 'req-contract-0001') {
    const apiCode = { throttle: CODES.throttle[0], auth: CODES.wrongSecret[0], internal: CODES.internal[0] }[kind];
    return { apiCode, body: { code: apiCode, message: `${kind} answer`, codeDesc: kind, requestId } };
  },
  malformedAnswer: () => ({ body: { code: 0, message: '', data: { imageNum: 'many', maxImgShareNum: '50', imageList: [] } }, field: 'data.imageNum' }),
  nonceOf: (request) => paramsOf(request).get('Nonce'),
  signatureOf: (request) => paramsOf(request).get('Signature'),
  configOf: (endpoint, options = {}, env = {}) => contractConfig(client(endpoint, options, env).config,
    ({ secretId, secretKey, securityToken }) => ({ keyId: secretId, keySecret: secretKey, securityToken })),
  async fetch(endpoint, imageIds, options = {}, env = {}) {
    return (await client(endpoint, options, env).getImageShareUinInfo(imageIds)).images.map((image) => image.imageId);
  },
  async lookup(endpoint, imageIds, options = {}, env = {}) {
    return (await client(endpoint, options, env).lookupImageShares(imageIds)).images;
  },
};
