import { AliyunVodApiError, AliyunVodImageClient, type AliyunVodImageClientOptions } from '../../src/aliyun-vod-images';
import { LookupInputError } from '../../src/engine/errors';
import { describeClientConfigContract } from '../support/client-config-contract';
import { rejection, thrown } from '../support/expect-errors';
import { sharedEmulator } from '../support/emulator-fixture';
import { isolateEnv } from '../support/fixtures';
import { withoutProxyEnv } from '../support/proxy-env';
import { cloudUnderTest as VOD } from './cloud-under-test';
import { SEED_LIKE_ID as SEED_ID, VOD_TEST_CREDENTIALS as KEY, VOD_TEST_DATA } from './fixtures';

const REGION = 'cn-shanghai';
/** Tiny backoff so retried tests stay fast; no test measures time. */
const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 5 };
/** What the client gives for the seed-like image, in brief: the tests here are about which config reached the API. */
const SEED_EXPECTED = expect.objectContaining({ imageId: SEED_ID, title: 'this is a sample' });

isolateEnv();
withoutProxyEnv();

// The region, the endpoint and the credentials: the prop, then the env var, then the default.
describeClientConfigContract(VOD);

describe('the VOD client config', () => {
  const emulator = sharedEmulator(VOD_TEST_DATA);
  /** A key the emulator does not know. */
  const WRONG = { accessKeyId: 'LTAInobodyHasThisKey1', accessKeySecret: 'notTheRightSecret0001' };

  /** A client that reaches `endpoint` (the emulator by default) with the test key and tiny backoff. */
  function client(options: Partial<AliyunVodImageClientOptions> = {}): AliyunVodImageClient {
    return new AliyunVodImageClient({ region: REGION, endpoint: emulator.current.origin, ...KEY, retry: FAST_RETRY, ...options });
  }

  describe('regions and endpoints', () => {
    test('an unknown region: the error lists the known regions and the way through', () => {
      const error = thrown(() => new AliyunVodImageClient({ region: 'me-east-1', ...KEY }), LookupInputError);
      expect(error.input).toBe('region');
      for (const region of ['cn-beijing', 'cn-shanghai', 'cn-shenzhen', 'cn-hongkong', 'ap-northeast-1', 'ap-southeast-1', 'ap-southeast-5', 'eu-central-1', 'us-west-1']) {
        expect(error.message).toContain(region);
      }
      expect(error.message).toContain('"me-east-1"');
      expect(error.message).toContain('allowUnknownRegion: true');
      expect(error.message).toContain('IMAGE_LOOKUPS_ALLOW_UNKNOWN_REGION=1');
    });

    test('an unknown region from ALICLOUD_REGION names the env var', () => {
      process.env.ALICLOUD_REGION = 'me-east-1';
      expect(thrown(() => new AliyunVodImageClient({ ...KEY }), LookupInputError).input).toBe('ALICLOUD_REGION');
    });

    test('an endpoint, as a prop or ALICLOUD_VOD_ENDPOINT, does not admit an unknown region; allowUnknownRegion does', async () => {
      expect(thrown(() => client({ region: 'me-east-1' }), LookupInputError).input).toBe('region');
      process.env.ALICLOUD_VOD_ENDPOINT = emulator.current.origin;
      expect(thrown(() => new AliyunVodImageClient({ region: 'me-east-1', ...KEY, retry: FAST_RETRY }), LookupInputError).input).toBe('region');
      const allowed = new AliyunVodImageClient({ region: 'me-east-1', allowUnknownRegion: true, ...KEY, retry: FAST_RETRY });
      await expect(allowed.getImageInfo(SEED_ID)).resolves.toEqual(SEED_EXPECTED);
      const knownRegion = new AliyunVodImageClient({ region: REGION, ...KEY, retry: FAST_RETRY });
      await expect(knownRegion.getImageInfo(SEED_ID)).resolves.toEqual(SEED_EXPECTED);
      expect(emulator.current.stats.requests).toBe(2);
    });

    test('an unknown region allowed without an endpoint gets https://vod.<region>.aliyuncs.com', () => {
      expect(new AliyunVodImageClient({ region: 'me-east-1', allowUnknownRegion: true }).config.endpoint.url).toBe('https://vod.me-east-1.aliyuncs.com/');
      process.env.IMAGE_LOOKUPS_ALLOW_UNKNOWN_REGION = '1';
      expect(new AliyunVodImageClient({ region: 'me-east-1' }).config.endpoint.url).toBe('https://vod.me-east-1.aliyuncs.com/');
    });

    test('https to any host is accepted as an endpoint', () => {
      expect(client({ endpoint: 'https://vod-vpc.cn-shanghai.aliyuncs.com' }).config.endpoint.url).toBe('https://vod-vpc.cn-shanghai.aliyuncs.com/');
    });

    test('region reaches the error details', async () => {
      process.env.ALICLOUD_REGION = 'cn-beijing';
      const error = await rejection(new AliyunVodImageClient({ endpoint: emulator.current.origin, ...WRONG }).getImageInfo(SEED_ID), AliyunVodApiError);
      expect(error.details.region).toBe('cn-beijing');
      expect(error.message).toContain('cn-beijing');
    });

    test('endpoint: the region table without prop or env var', () => {
      expect(new AliyunVodImageClient({ region: 'cn-shanghai' }).config.endpoint).toEqual({
        url: 'https://vod.cn-shanghai.aliyuncs.com/', host: 'vod.cn-shanghai.aliyuncs.com', path: '/',
      });
      process.env.ALICLOUD_REGION = 'eu-central-1';
      expect(new AliyunVodImageClient({}).config.endpoint.url).toBe('https://vod.eu-central-1.aliyuncs.com/');
    });
  });

  describe('outputType and authTimeout', () => {
    test.each<[number, 'oss' | 'cdn']>([
      [0, 'oss'], [1.5, 'oss'], [2_592_001, 'oss'], [-1, 'oss'], [Number.NaN, 'oss'],
      [0, 'cdn'], [1.5, 'cdn'],
    ])('authTimeout %p with %s is refused, naming authTimeout', (authTimeout, outputType) => {
      const error = thrown(() => client({ authTimeout, outputType }), LookupInputError);
      expect(error.input).toBe('authTimeout');
      expect(error.message).toContain('authTimeout');
      expect(emulator.current.stats.requests).toBe(0);
    });

    test('2592001 with cdn (no maximum) is allowed', () => {
      expect(client({ authTimeout: 2_592_001, outputType: 'cdn' }).config.authTimeout).toBe(2_592_001);
      expect(client({ authTimeout: 2_592_001 }).config.outputType).toBe('cdn');
    });

    test.each([
      ['outputType', { outputType: 'CDN' }],
      ['outputType', { outputType: 'https' }],
    ])('a bad %s (%j) is refused', (input, overrides) => {
      const error = thrown(() => client(overrides as Partial<AliyunVodImageClientOptions>), LookupInputError);
      expect(error.input).toBe(input);
    });
  });

  describe('credentials: families of env vars', () => {
    function envClient(options: Partial<AliyunVodImageClientOptions> = {}): AliyunVodImageClient {
      return new AliyunVodImageClient({ region: REGION, endpoint: emulator.current.origin, retry: FAST_RETRY, ...options });
    }

    test('credentials: ALICLOUD_* wins over ALIBABA_CLOUD_*', async () => {
      process.env.ALICLOUD_ACCESS_KEY = KEY.accessKeyId;
      process.env.ALICLOUD_SECRET_KEY = KEY.accessKeySecret;
      process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = WRONG.accessKeyId;
      process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = WRONG.accessKeySecret;
      const fromEnv = envClient();
      expect(fromEnv.config.credentials()).toMatchObject(KEY);
      await expect(fromEnv.getImageInfo(SEED_ID)).resolves.toEqual(SEED_EXPECTED);
    });

    test('a family is taken whole: ALICLOUD_ACCESS_KEY with only ALIBABA_CLOUD_ACCESS_KEY_SECRET is a missing secret', async () => {
      process.env.ALICLOUD_ACCESS_KEY = KEY.accessKeyId;
      process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = KEY.accessKeySecret;
      const error = await rejection(envClient().getImageInfo(SEED_ID), LookupInputError);
      expect(error.input).toBe('credentials');
      expect(error.message).toContain('no AccessKey secret');
      expect(emulator.current.stats.requests).toBe(0);
    });

    test('a family is taken whole: ALIBABA_CLOUD_ACCESS_KEY_ID with only ALICLOUD_SECRET_KEY is a missing secret', async () => {
      process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = KEY.accessKeyId;
      process.env.ALICLOUD_SECRET_KEY = KEY.accessKeySecret;
      const error = await rejection(envClient().getImageInfo(SEED_ID), LookupInputError);
      expect(error.message).toContain('no AccessKey secret');
      expect(emulator.current.stats.requests).toBe(0);
    });

    test('props are a family too: an accessKeyId prop with the secret only in the env is a missing secret', async () => {
      process.env.ALICLOUD_ACCESS_KEY = KEY.accessKeyId;
      process.env.ALICLOUD_SECRET_KEY = KEY.accessKeySecret;
      const error = await rejection(envClient({ accessKeyId: KEY.accessKeyId }).getImageInfo(SEED_ID), LookupInputError);
      expect(error.message).toContain('no AccessKey secret');
      expect(emulator.current.stats.requests).toBe(0);
    });
  });
});
