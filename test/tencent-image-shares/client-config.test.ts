import { LookupInputError } from '../../src/engine/errors';
import {
  resolveTencentClientConfig, TENCENT_API3_DOCUMENTED_RPS, TENCENT_API3_RPS_ENV, TENCENT_API_ENV, tencentCvmOrigin, TencentImageShareClient,
  type TencentClientProps, type TencentImageShareClientOptions,
} from '../../src/tencent-image-shares';
import { describeClientConfigContract } from '../support/client-config-contract';
import { thrown } from '../support/expect-errors';
import { sharedEmulator } from '../support/emulator-fixture';
import { isolateEnv } from '../support/fixtures';
import { withoutProxyEnv } from '../support/proxy-env';
import { cloudUnderTest as TENCENT_API3 } from './api3-cloud-under-test';
import { cloudUnderTest as TENCENT } from './cloud-under-test';
import { TEST_CREDENTIALS, TEST_DATA } from './fixtures';

isolateEnv();
withoutProxyEnv();

// The region, the endpoint and the credentials: the prop, then the env var, then the default.
describeClientConfigContract(TENCENT);
describeClientConfigContract(TENCENT_API3);

describe('the Tencent client config', () => {
  const testEmulator = sharedEmulator(TEST_DATA);

  test('a region from TENCENTCLOUD_REGION reaches the API', async () => {
    process.env.TENCENTCLOUD_REGION = 'ap-shanghai';
    const shanghai = new TencentImageShareClient({ endpoint: testEmulator.current.origin, ...TEST_CREDENTIALS });
    const result = await shanghai.lookupImageShares(['img-31tjrtph', 'img-jgggrva9']);
    expect(result.images.map((image) => image.outcome)).toEqual(['found', 'notFound']);
  });

  test('a bad signatureMethod is refused', () => {
    const options = { region: 'ap-guangzhou', endpoint: testEmulator.current.origin, ...TEST_CREDENTIALS, signatureMethod: 'HmacMD5' };
    const error = thrown(() => new TencentImageShareClient(options as unknown as TencentImageShareClientOptions), LookupInputError);
    expect(error.input).toBe('signatureMethod');
  });
});

describe('the API: the api prop, then IMAGE_LOOKUPS_TENCENT_API, then GetImageShareUinInfo', () => {
  const REGION = { region: 'ap-guangzhou' };
  const API3 = 'DescribeImageSharePermission';

  test('the legacy API by default, with an empty env var counting as unset', () => {
    expect(resolveTencentClientConfig(REGION, {}).api).toBe('GetImageShareUinInfo');
    expect(resolveTencentClientConfig(REGION, { [TENCENT_API_ENV]: '' }).api).toBe('GetImageShareUinInfo');
  });

  test('the env var switches every construct without a prop; the prop wins over it', () => {
    expect(resolveTencentClientConfig(REGION, { IMAGE_LOOKUPS_TENCENT_API: API3 }).api).toBe(API3);
    expect(resolveTencentClientConfig({ ...REGION, api: 'GetImageShareUinInfo' }, { IMAGE_LOOKUPS_TENCENT_API: API3 }).api).toBe('GetImageShareUinInfo');
    expect(resolveTencentClientConfig({ ...REGION, api: API3 }, { IMAGE_LOOKUPS_TENCENT_API: 'GetImageShareUinInfo' }).api).toBe(API3);
  });

  test.each<[string, Record<string, unknown>, NodeJS.ProcessEnv, string]>([
    ['a prop in the wrong case', { api: 'describeImageSharePermission' }, {}, 'api'],
    ['a prop that is not a string', { api: 3 }, {}, 'api'],
    ['an unknown env value', {}, { IMAGE_LOOKUPS_TENCENT_API: 'v3' }, TENCENT_API_ENV],
  ])('%s is a coded error naming its input and the two names', (_, props, env, input) => {
    const error = thrown(() => resolveTencentClientConfig({ ...REGION, ...props } as TencentClientProps, env), LookupInputError);
    expect(error).toMatchObject({ code: 'InvalidLookupInput', input });
    expect(error.message).toContain('GetImageShareUinInfo or DescribeImageSharePermission');
  });

  test('API 3.0 is always a POST, whatever httpMethod says', () => {
    expect(resolveTencentClientConfig({ ...REGION, api: API3, httpMethod: 'GET' }, {}).httpMethod).toBe('POST');
    expect(resolveTencentClientConfig({ ...REGION, httpMethod: 'GET' }, {}).httpMethod).toBe('GET');
  });
});

describe('the endpoint of each API', () => {
  const API3 = { region: 'ap-guangzhou', api: 'DescribeImageSharePermission' } as const;
  const V2 = { region: 'ap-guangzhou' } as const;
  const ORIGIN = 'http://127.0.0.1:8787';

  test('defaults: the legacy image.api.qcloud.com, and cvm.tencentcloudapi.com for API 3.0', () => {
    expect(resolveTencentClientConfig(V2, {}).endpoint).toMatchObject({ url: 'https://image.api.qcloud.com/v2/index.php', host: 'image.api.qcloud.com' });
    expect(resolveTencentClientConfig(API3, {}).endpoint).toMatchObject({ url: 'https://cvm.tencentcloudapi.com/', host: 'cvm.tencentcloudapi.com', path: '/' });
  });

  test('finance regions get their regional domain on API 3.0, which they require; other regions share one', () => {
    for (const region of ['ap-shanghai-fsi', 'ap-shenzhen-fsi']) {
      expect(resolveTencentClientConfig({ ...API3, region }, {}).endpoint.url).toBe(`https://cvm.${region}.tencentcloudapi.com/`);
      expect(resolveTencentClientConfig({ region }, {}).endpoint.url).toBe('https://image.api.qcloud.com/v2/index.php');
    }
    expect(resolveTencentClientConfig({ ...API3, region: 'ap-shanghai' }, {}).endpoint.url).toBe('https://cvm.tencentcloudapi.com/');
    expect(tencentCvmOrigin('eu-frankfurt')).toBe('https://cvm.tencentcloudapi.com');
  });

  test('the endpoint prop applies to whichever API is chosen: v2 appends its path, API 3.0 posts to /', () => {
    expect(resolveTencentClientConfig({ ...V2, endpoint: ORIGIN }, {}).endpoint.url).toBe(`${ORIGIN}/v2/index.php`);
    expect(resolveTencentClientConfig({ ...API3, endpoint: ORIGIN }, {}).endpoint.url).toBe(`${ORIGIN}/`);
    expect(resolveTencentClientConfig({ ...API3, region: 'ap-shanghai-fsi', endpoint: ORIGIN }, {}).endpoint.url).toBe(`${ORIGIN}/`);
  });

  test('TENCENTCLOUD_IMAGE_ENDPOINT applies to v2 only, TENCENTCLOUD_CVM_ENDPOINT to API 3.0 only', () => {
    const env = { TENCENTCLOUD_IMAGE_ENDPOINT: 'http://127.0.0.1:1001', TENCENTCLOUD_CVM_ENDPOINT: 'http://127.0.0.1:1002' };
    expect(resolveTencentClientConfig(V2, env).endpoint.url).toBe('http://127.0.0.1:1001/v2/index.php');
    expect(resolveTencentClientConfig(API3, env).endpoint.url).toBe('http://127.0.0.1:1002/');
    // One API's variable alone leaves the other API on the vendor's endpoint: a switch by env var never crosses them.
    expect(resolveTencentClientConfig(API3, { TENCENTCLOUD_IMAGE_ENDPOINT: 'http://127.0.0.1:1001' }).endpoint.url).toBe('https://cvm.tencentcloudapi.com/');
    expect(resolveTencentClientConfig(V2, { TENCENTCLOUD_CVM_ENDPOINT: 'http://127.0.0.1:1002' }).endpoint.url).toBe('https://image.api.qcloud.com/v2/index.php');
    expect(resolveTencentClientConfig(V2, { ...env, IMAGE_LOOKUPS_TENCENT_API: 'DescribeImageSharePermission' }).endpoint.url).toBe('http://127.0.0.1:1002/');
    // The prop wins over either.
    expect(resolveTencentClientConfig({ ...API3, endpoint: ORIGIN }, env).endpoint.url).toBe(`${ORIGIN}/`);
  });

  test('a bad TENCENTCLOUD_CVM_ENDPOINT is refused naming it; a bad endpoint prop names the prop', () => {
    expect(thrown(() => resolveTencentClientConfig(API3, { TENCENTCLOUD_CVM_ENDPOINT: 'http://example.com' }), LookupInputError).input).toBe('TENCENTCLOUD_CVM_ENDPOINT');
    expect(thrown(() => resolveTencentClientConfig({ ...API3, endpoint: 'http://example.com' }, {}), LookupInputError).input).toBe('endpoint');
    // A v2 run never reads it, so a bad value there cannot fail it.
    expect(resolveTencentClientConfig(V2, { TENCENTCLOUD_CVM_ENDPOINT: 'http://example.com' }).api).toBe('GetImageShareUinInfo');
  });
});

describe('requestsPerSecond: the prop, then IMAGE_LOOKUPS_TENCENT_API3_RPS, then the documented 10', () => {
  const API3 = { region: 'ap-guangzhou', api: 'DescribeImageSharePermission' } as const;

  test('the default is the documented limit; the env var applies without a prop; the prop wins', () => {
    expect(resolveTencentClientConfig(API3, {}).requestsPerSecond).toBe(TENCENT_API3_DOCUMENTED_RPS);
    expect(TENCENT_API3_DOCUMENTED_RPS).toBe(10);
    expect(resolveTencentClientConfig(API3, { [TENCENT_API3_RPS_ENV]: '2.5' }).requestsPerSecond).toBe(2.5);
    expect(resolveTencentClientConfig(API3, { [TENCENT_API3_RPS_ENV]: '' }).requestsPerSecond).toBe(10);
    expect(resolveTencentClientConfig({ ...API3, requestsPerSecond: 4 }, { [TENCENT_API3_RPS_ENV]: '2' }).requestsPerSecond).toBe(4);
  });

  test.each<[string, Record<string, unknown>, NodeJS.ProcessEnv, string]>([
    ['zero', { requestsPerSecond: 0 }, {}, 'requestsPerSecond'],
    ['a negative rate', { requestsPerSecond: -1 }, {}, 'requestsPerSecond'],
    ['over 1000', { requestsPerSecond: 1001 }, {}, 'requestsPerSecond'],
    ['not a number', { requestsPerSecond: '10' }, {}, 'requestsPerSecond'],
    ['NaN', { requestsPerSecond: Number.NaN }, {}, 'requestsPerSecond'],
    ['a word in the env var', {}, { IMAGE_LOOKUPS_TENCENT_API3_RPS: 'fast' }, TENCENT_API3_RPS_ENV],
    ['0 in the env var', {}, { IMAGE_LOOKUPS_TENCENT_API3_RPS: '0' }, TENCENT_API3_RPS_ENV],
  ])('%s is a coded error naming its input', (_, props, env, input) => {
    const error = thrown(() => resolveTencentClientConfig({ ...API3, ...props } as TencentClientProps, env), LookupInputError);
    expect(error).toMatchObject({ code: 'InvalidLookupInput', input });
    expect(error.message).toContain('at most 1000');
  });
});

describe('the fingerprint: configurations that may not share a call', () => {
  test('differs by API, and by rate on API 3.0; holds no secret', () => {
    const props = { region: 'ap-guangzhou', ...TEST_CREDENTIALS };
    const v2 = resolveTencentClientConfig(props, {}).fingerprint;
    const api3 = resolveTencentClientConfig({ ...props, api: 'DescribeImageSharePermission' }, {}).fingerprint;
    expect(api3).not.toBe(v2);
    expect(resolveTencentClientConfig({ ...props, api: 'DescribeImageSharePermission' }, {}).fingerprint).toBe(api3);
    expect(resolveTencentClientConfig({ ...props, api: 'DescribeImageSharePermission', requestsPerSecond: 5 }, {}).fingerprint).not.toBe(api3);
    for (const fingerprint of [v2, api3]) {
      expect(fingerprint).not.toContain(TEST_CREDENTIALS.secretId);
      expect(fingerprint).not.toContain(TEST_CREDENTIALS.secretKey);
    }
  });
});
