import { LookupInputError } from '../../src/engine/errors';
import { TencentImageShareClient, type TencentImageShareClientOptions } from '../../src/tencent-image-shares';
import { describeClientConfigContract } from '../support/client-config-contract';
import { thrown } from '../support/expect-errors';
import { sharedEmulator } from '../support/emulator-fixture';
import { isolateEnv } from '../support/fixtures';
import { withoutProxyEnv } from '../support/proxy-env';
import { cloudUnderTest as TENCENT } from './cloud-under-test';
import { TEST_CREDENTIALS, TEST_DATA } from './fixtures';

isolateEnv();
withoutProxyEnv();

// The region, the endpoint and the credentials: the prop, then the env var, then the default.
describeClientConfigContract(TENCENT);

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
