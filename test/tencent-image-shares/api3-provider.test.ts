import pLimit from 'p-limit';
import type { CacheEntry } from '../../src/engine';
import { cachedEntryProblem } from '../../src/engine/cached-entry-problem';
import { LookupInputError } from '../../src/engine/errors';
import type { FetchContext } from '../../src/engine/lookup-provider';
import {
  resolveTencentClientConfig, TencentApi3Error, tencentImageSharesProvider, tencentSharePermissionKey, tencentSharePermissionProvider,
  type TencentClientProps, type TencentSharePermissionQuery,
} from '../../src/tencent-image-shares';
import { thrown } from '../support/expect-errors';
import { isolateEnv } from '../support/fixtures';
import { withoutProxyEnv } from '../support/proxy-env';
import { OFFICIAL_EXAMPLE_IMAGE_ID, sharedTestEmulator, TEST_CREDENTIALS } from './fixtures';

isolateEnv();
withoutProxyEnv();
const testEmulator = sharedTestEmulator();

const API3 = 'DescribeImageSharePermission';
const configOf = (props: Partial<TencentClientProps> = {}) =>
  resolveTencentClientConfig({ region: 'ap-guangzhou', api: API3, endpoint: testEmulator.current.origin, ...TEST_CREDENTIALS, ...props }, {});
const queryOf = (imageId: string, props: Partial<TencentClientProps> = {}): TencentSharePermissionQuery => ({ imageId, config: configOf(props) });

/** A fetch context as the engine lends one, counting what the provider reports. */
function fetchContext(): { context: FetchContext; counted: { requests: number; planned: number; finished: number } } {
  const counted = { requests: 0, planned: 0, finished: 0 };
  const context: FetchContext = {
    limit: pLimit(4),
    countApiCall: () => { counted.requests += 1; },
    progress: {
      callsPlanned: (count) => { counted.planned += count; },
      callsFinished: (count = 1) => { counted.finished += count; },
      retrying: () => undefined,
      throttled: () => undefined,
    },
  };
  return { context, counted };
}

describe('API 3.0 share keys', () => {
  test('are documented and stable, and name the API: never the key of the same image over v2', () => {
    expect(tencentSharePermissionProvider.id).toBe('tencent:DescribeImageSharePermission');
    expect(tencentSharePermissionKey({ region: 'ap-shanghai', imageId: 'img-31tjrtph' }))
      .toBe('tencent:DescribeImageSharePermission:region=ap-shanghai:imageId=img-31tjrtph');
    const query = queryOf('img-31tjrtph', { region: 'ap-shanghai' });
    expect(tencentSharePermissionProvider.keyOf(query)).toBe('tencent:DescribeImageSharePermission:region=ap-shanghai:imageId=img-31tjrtph');
    const v2Key = tencentImageSharesProvider.keyOf({ kind: 'image', imageId: 'img-31tjrtph', config: resolveTencentClientConfig({ region: 'ap-shanghai' }, {}) });
    expect(v2Key).not.toBe(tencentSharePermissionProvider.keyOf(query));
    expect(v2Key.replace('GetImageShareUinInfo', 'DescribeImageSharePermission')).toBe(tencentSharePermissionProvider.keyOf(query));
  });

  test('depend on the region and the image only: not the endpoint, the rate or the key', () => {
    const key = tencentSharePermissionProvider.keyOf(queryOf(OFFICIAL_EXAMPLE_IMAGE_ID));
    expect(tencentSharePermissionProvider.keyOf(queryOf(OFFICIAL_EXAMPLE_IMAGE_ID, { endpoint: undefined, requestsPerSecond: 3, secretId: 'AKIDother0000000001' }))).toBe(key);
  });

  test('batch groups are the configuration\'s fingerprint: another key or rate does not share a call', () => {
    const group = tencentSharePermissionProvider.batchGroupOf(queryOf(OFFICIAL_EXAMPLE_IMAGE_ID));
    expect(group).toBe(configOf().fingerprint);
    expect(tencentSharePermissionProvider.batchGroupOf(queryOf('img-6pb6lrmy'))).toBe(group);
    expect(tencentSharePermissionProvider.batchGroupOf(queryOf(OFFICIAL_EXAMPLE_IMAGE_ID, { requestsPerSecond: 3 }))).not.toBe(group);
    expect(tencentSharePermissionProvider.batchGroupOf(queryOf(OFFICIAL_EXAMPLE_IMAGE_ID, { secretId: 'AKIDother0000000001' }))).not.toBe(group);
  });
});

describe('validate', () => {
  test('refuses a configuration of the legacy API, naming api: its endpoint would get API 3.0 requests', () => {
    const v2 = { imageId: OFFICIAL_EXAMPLE_IMAGE_ID, config: resolveTencentClientConfig({ region: 'ap-guangzhou' }, {}) };
    const error = thrown(() => tencentSharePermissionProvider.validate!(v2), LookupInputError);
    expect(error).toMatchObject({ code: 'InvalidLookupInput', input: 'api' });
    expect(error.message).toContain("api: 'DescribeImageSharePermission'");
    expect(() => tencentSharePermissionProvider.validate!(queryOf(OFFICIAL_EXAMPLE_IMAGE_ID))).not.toThrow();
  });
});

describe('the cached value\'s shape: the same as v2\'s, so constructs and policies read both alike', () => {
  const ENTRY: CacheEntry = {
    provider: 'tencent:DescribeImageSharePermission',
    outcome: 'found',
    value: { imageId: OFFICIAL_EXAMPLE_IMAGE_ID, shares: [{ uin: '1621874004', sharedAt: '2016-01-13T07:16:53Z', shareTimeStamp: '2016-01-13 15:16:53' }] },
    endpoint: 'https://cvm.tencentcloudapi.com/',
    fetchedAt: '2026-01-01T00:00:00Z',
  };
  const QUERY = { imageId: OFFICIAL_EXAMPLE_IMAGE_ID } as TencentSharePermissionQuery;

  test('an answer as the client stores it is no problem; a notFound entry neither', () => {
    expect(cachedEntryProblem(ENTRY, tencentSharePermissionProvider, QUERY)).toBeUndefined();
    expect(cachedEntryProblem({ ...ENTRY, outcome: 'notFound', value: undefined }, tencentSharePermissionProvider, QUERY)).toBeUndefined();
  });

  test.each<[string, CacheEntry, { field: string; problem: RegExp }]>([
    ['a UIN as a number', { ...ENTRY, value: { imageId: OFFICIAL_EXAMPLE_IMAGE_ID, shares: [{ uin: 1621874004, shareTimeStamp: 't' }] } }, { field: 'value.shares[0].uin', problem: /expected string/ }],
    ['an account quota under an image key', { ...ENTRY, value: { maxImgShareNum: 50 } }, { field: 'value.imageId', problem: /expected string/ }],
    ['the v2 provider\'s entry', { ...ENTRY, provider: 'tencent:GetImageShareUinInfo' }, { field: 'provider', problem: /belongs to tencent:DescribeImageSharePermission/ }],
  ])('%s is named by its field', (_, entry, expected) => {
    expect(cachedEntryProblem(entry, tencentSharePermissionProvider, QUERY)).toEqual({ field: expected.field, problem: expect.stringMatching(expected.problem) });
  });
});

describe('fetchGroup against the emulator', () => {
  test('one call per image: found with the v2 value shape, unknown images not found, under this provider\'s keys', async () => {
    const { context, counted } = fetchContext();
    const queries = [OFFICIAL_EXAMPLE_IMAGE_ID, 'img-2xk9q7dm', 'img-unknown1'].map((imageId) => queryOf(imageId));
    const entries = await tencentSharePermissionProvider.fetchGroup(queries, context);
    const endpoint = `${testEmulator.current.origin}/`;
    expect(Object.fromEntries(entries)).toEqual({
      [tencentSharePermissionKey({ region: 'ap-guangzhou', imageId: OFFICIAL_EXAMPLE_IMAGE_ID })]: {
        outcome: 'found', endpoint,
        value: {
          imageId: OFFICIAL_EXAMPLE_IMAGE_ID,
          shares: [
            { uin: '1621874004', sharedAt: '2016-01-13T07:16:53Z', shareTimeStamp: '2016-01-13 15:16:53' },
            { uin: '877354327', sharedAt: '2016-01-18T05:14:17Z', shareTimeStamp: '2016-01-18 13:14:17' },
          ],
        },
      },
      [tencentSharePermissionKey({ region: 'ap-guangzhou', imageId: 'img-2xk9q7dm' })]: { outcome: 'found', endpoint, value: { imageId: 'img-2xk9q7dm', shares: [] } },
      [tencentSharePermissionKey({ region: 'ap-guangzhou', imageId: 'img-unknown1' })]: { outcome: 'notFound', endpoint },
    });
    // Each found value passes the schema the engine checks cached entries against.
    for (const outcome of entries.values()) {
      if (outcome.outcome === 'found') expect(tencentSharePermissionProvider.valueSchemaOf(queries[0]).safeParse(outcome.value).success).toBe(true);
    }
    expect(testEmulator.current.stats.requests).toBe(3);
    expect(counted).toEqual({ requests: 3, planned: 3, finished: 3 });
  });

  test('a refused call is an error outcome for its image, never cached as an answer', async () => {
    const { context } = fetchContext();
    const entries = await tencentSharePermissionProvider.fetchGroup([queryOf(OFFICIAL_EXAMPLE_IMAGE_ID, { secretKey: 'wrongSecretKey000001' })], context);
    const [outcome] = entries.values();
    expect(outcome.outcome).toBe('error');
    const { error } = outcome as { error: unknown };
    expect(error).toBeInstanceOf(TencentApi3Error);
    expect((error as TencentApi3Error).message).not.toContain('wrongSecretKey000001');
  });
});
