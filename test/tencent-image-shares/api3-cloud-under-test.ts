// The Tencent share client over CVM API 3.0 (DescribeImageSharePermission), as the shared contract
// suites see it: the same construct's second backend, so the same markers, emulator data and env
// families as the v2 client (./cloud-under-test.ts), with API 3.0's path, headers and dialect.
import { TencentSharePermissionClient } from '../../src/tencent-image-shares/api3-client';
import { TencentApi3Error } from '../../src/tencent-image-shares/api3-error';
import { parseTc3Authorization } from '../../src/tencent-image-shares/tc3-signature';
import { contractConfig, contractProps, type CloudUnderTest, type ContractOptions } from '../support/cloud-under-test';
import type { RecordedRequest } from '../support/loopback-http';
import { cloudUnderTest as legacy } from './cloud-under-test';

const CODES = {
  throttle: ['RequestLimitExceeded.UinLimitExceeded', 200],
  internal: ['InternalError', 200],
  wrongSecret: ['AuthFailure.SignatureFailure', 200],
  unknownKeyId: ['AuthFailure.SecretIdNotFound', 200],
  tokenMismatch: ['AuthFailure.TokenFailure', 200],
} as const;
/**
The contract's calls go as fast as the pacer allows: its tests are about retries, faults and
secrets, not the rate (the client's own suite tests the pacing against the emulator's limit).
*/
const CONTRACT_RATE = 1000;

function client(endpoint: string | undefined, options: ContractOptions, env: NodeJS.ProcessEnv): TencentSharePermissionClient {
  const { keyId, keySecret, ...props } = contractProps(cloudUnderTest, endpoint, options);
  return new TencentSharePermissionClient({ requestsPerSecond: CONTRACT_RATE, ...props, secretId: keyId, secretKey: keySecret }, env);
}

const headerOf = (request: RecordedRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export const cloudUnderTest: CloudUnderTest = {
  ...legacy,
  action: 'DescribeImageSharePermission',
  apiPath: '/',
  maxIdsPerCall: 1,
  keyIdOf: (request) => parseTc3Authorization(headerOf(request, 'authorization'))?.secretId ?? null,
  tokenOf: (request) => headerOf(request, 'x-tc-token') ?? null,
  contentType: 'application/json; charset=utf-8',
  getSelectable: false,
  env: { ...legacy.env, endpoint: 'TENCENTCLOUD_CVM_ENDPOINT' },
  codes: CODES,
  // AuthFailure.* is never retried (the contract): a clock 10 minutes ahead is thrown at once, with the clock named.
  replayRefusal: { apiCode: 'AuthFailure.SignatureExpire', clockSkewMs: 10 * 60_000, resignsOnce: false, props: {} },
  defaultEndpoint: () => ({ url: 'https://cvm.tencentcloudapi.com/', host: 'cvm.tencentcloudapi.com', path: '/' }),
  ApiError: TencentApi3Error,
  apiError(kind, requestId = 'req-contract-0001') {
    const apiCode = { throttle: 'RequestLimitExceeded', auth: CODES.wrongSecret[0], internal: CODES.internal[0] }[kind];
    return { apiCode, body: { Response: { Error: { Code: apiCode, Message: `${kind} answer` }, RequestId: requestId } } };
  },
  malformedAnswer: () => ({ body: { Response: { SharePermissionSet: 'many', RequestId: 'req-malformed' } }, field: 'Response.SharePermissionSet' }),
  nonceOf: undefined,
  signatureOf: (request) => parseTc3Authorization(headerOf(request, 'authorization'))?.signature ?? null,
  configOf: (endpoint, options = {}, env = {}) => contractConfig(client(endpoint, options, env).config,
    ({ secretId, secretKey, securityToken }) => ({ keyId: secretId, keySecret: secretKey, securityToken })),
  async fetch(endpoint, imageIds, options = {}, env = {}) {
    if (imageIds.length !== 1) throw new Error(`API 3.0 takes one image per call; the contract passed ${imageIds.length}`);
    const answer = client(endpoint, options, env).describeImageSharePermission(imageIds[0]);
    return answer.then((found) => [found.imageId], (error: unknown) => {
      if (error instanceof TencentApi3Error && error.isNotFound) return [];
      throw error;
    });
  },
  async lookup(endpoint, imageIds, options = {}, env = {}) {
    return (await client(endpoint, options, env).lookupImageShares(imageIds)).images;
  },
};
