// TencentImageShares on both APIs: the `api` prop and IMAGE_LOOKUPS_TENCENT_API pick the provider;
// the same sharing reads alike and digests alike on both, while each API keeps its own cache keys.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformStack, Testing, type App } from 'cdktf';
import { resolveLookups, type ResolveLookupsOptions } from '../../src/engine';
import { LookupInputError, LookupsMissingError, LookupUnresolvedError } from '../../src/engine/errors';
import { RequestFailedError } from '../../src/http/errors';
import { ImagePolicies } from '../../src/policy/image-policies';
import {
  TencentImageShares, tencentSharesPack, type TencentImageSharesProps, type TencentShareApi,
} from '../../src/tencent-image-shares';
import { LookupTesting, policyFindingsOf, tencentSharesFixture, type LookupFixture } from '../../src/testing';
import { rejection, thrown } from '../support/expect-errors';
import { appIn, isolateEnv, tempDirs } from '../support/fixtures';
import { closedPort } from '../support/loopback-http';
import { sharedTestEmulator, TEST_CREDENTIALS } from './fixtures';

isolateEnv();
const tempDir = tempDirs();
const testEmulator = sharedTestEmulator();

const API3: TencentShareApi = 'DescribeImageSharePermission';
const V2: TencentShareApi = 'GetImageShareUinInfo';
const GOLDEN = ['img-jgggrva9', 'img-6pb6lrmy', 'img-2xk9q7dm', 'img-unknown1'];
const KEY_OF = (api: TencentShareApi, imageId: string) => `tencent:${api}:region=ap-guangzhou:imageId=${imageId}`;

/** Both APIs' endpoints on the emulator and its key in the env, as a pipeline would set them; the API is the env var's or a prop's. */
function emulatorEnv(api?: TencentShareApi): void {
  process.env.TENCENTCLOUD_IMAGE_ENDPOINT = testEmulator.current.origin;
  process.env.TENCENTCLOUD_CVM_ENDPOINT = testEmulator.current.origin;
  process.env.TENCENTCLOUD_SECRET_ID = TEST_CREDENTIALS.secretId;
  process.env.TENCENTCLOUD_SECRET_KEY = TEST_CREDENTIALS.secretKey;
  if (api === undefined) delete process.env.IMAGE_LOOKUPS_TENCENT_API;
  else process.env.IMAGE_LOOKUPS_TENCENT_API = api;
}

interface Built {
  readonly shares: TencentImageShares;
  readonly app: App;
  readonly json: { resource: Record<string, Record<string, { triggers: Record<string, string> }>>; output: Record<string, { value: unknown }> };
}

/** One stack with one construct, resolved through the engine on `cacheFile`, with the share pack attached to the app. */
async function build(cacheFile: string, props: Partial<TencentImageSharesProps> = {}, options: Partial<ResolveLookupsOptions> = {}): Promise<Built> {
  let shares: TencentImageShares | undefined;
  const { app } = await resolveLookups((scope) => {
    ImagePolicies.of(scope).addPack(tencentSharesPack({ allowlistedAccounts: { accounts: ['1621874004'] }, maxShareAge: { maxAgeDays: 365 } }));
    shares = new TencentImageShares(new TerraformStack(scope, 'stack'), 'shares', { region: 'ap-guangzhou', imageIds: GOLDEN, ...props });
  }, { cacheFile, createApp: appIn(path.dirname(cacheFile)), ...options });
  const stack = app.node.findChild('stack') as TerraformStack;
  return { shares: shares!, app, json: JSON.parse(Testing.synth(stack)) };
}

const cacheIn = () => path.join(tempDir(), 'cache.json');
const cachedKeys = (cacheFile: string) => Object.keys((JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { entries: object }).entries).sort();
const snapshotOf = (built: Built) => Object.values(built.json.resource.null_resource);

describe('the same sharing on both APIs, against the emulator', () => {
  test('the getters read alike: accounts, found and not found, share times as the same instants in both forms', async () => {
    emulatorEnv();
    const v2 = await build(cacheIn());
    emulatorEnv(API3);
    const api3 = await build(cacheIn());

    expect([v2.shares.api, api3.shares.api]).toEqual([V2, API3]);
    expect(api3.shares.foundImageIds).toEqual(v2.shares.foundImageIds);
    expect(api3.shares.notFoundImageIds).toEqual(['img-unknown1']);
    expect(api3.shares.imageNum).toBe(3);
    for (const imageId of GOLDEN) {
      const [before, after] = [v2.shares.image(imageId), api3.shares.image(imageId)];
      expect(after.shares.map((share) => share.uin)).toEqual(before.shares.map((share) => share.uin));
      expect(after.shares.map((share) => share.shareTimeStamp)).toEqual(before.shares.map((share) => share.shareTimeStamp));
      expect(after.shares.map((share) => Date.parse(share.sharedAt!))).toEqual(before.shares.map((share) => Date.parse(share.sharedAt!)));
    }
    // Each in its API's own form: v2's text read as Beijing time, API 3.0's CreatedTime in UTC.
    expect(v2.shares.image('img-jgggrva9').shares[0]).toEqual({ uin: '1621874004', sharedAt: '2016-01-13T15:16:53+08:00', shareTimeStamp: '2016-01-13 15:16:53' });
    expect(api3.shares.image('img-jgggrva9').shares[0]).toEqual({ uin: '1621874004', sharedAt: '2016-01-13T07:16:53Z', shareTimeStamp: '2016-01-13 15:16:53' });
    expect(api3.shares.isSharedWith('img-jgggrva9', '877354327')).toBe(true);
  });

  test('the same digest, and the same snapshot resource: switching IMAGE_LOOKUPS_TENCENT_API replaces nothing', async () => {
    const cacheFile = cacheIn();
    emulatorEnv();
    const v2 = await build(cacheFile);
    expect(testEmulator.current.stats.requests).toBe(1);
    emulatorEnv(API3);
    const api3 = await build(cacheFile);
    // One call per image: the v2 answers in the cache were not served for API 3.0.
    expect(testEmulator.current.stats.requests).toBe(1 + GOLDEN.length);

    expect(api3.shares.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(api3.shares.digest).toBe(v2.shares.digest);
    expect(snapshotOf(api3)).toEqual(snapshotOf(v2));
    expect(snapshotOf(api3)[0].triggers.digest).toBe(v2.shares.digest);
    expect(api3.json.output).toEqual(v2.json.output);
  });

  test('the cache keys name the API: an offline synth on API 3.0 from a cache of v2 answers misses, naming the API 3.0 keys', async () => {
    const cacheFile = cacheIn();
    emulatorEnv();
    await build(cacheFile);
    expect(cachedKeys(cacheFile)).toEqual([...GOLDEN.map((imageId) => KEY_OF(V2, imageId)), 'tencent:GetImageShareUinInfo:region=ap-guangzhou:scope=account'].sort());
    const requests = testEmulator.current.stats.requests;

    const error = await rejection(build(cacheFile, { api: API3 }, { mode: 'offline' }), LookupsMissingError);
    expect([...error.keys].sort()).toEqual(GOLDEN.map((imageId) => KEY_OF(API3, imageId)).sort());
    expect(testEmulator.current.stats.requests).toBe(requests);

    // Looked up over API 3.0, both APIs' answers sit side by side, and each API's offline synth finds its own.
    await build(cacheFile, { api: API3 });
    expect(cachedKeys(cacheFile)).toEqual(expect.arrayContaining(GOLDEN.map((imageId) => KEY_OF(API3, imageId))));
    const offline = testEmulator.current.stats.requests;
    await build(cacheFile, { api: API3 }, { mode: 'offline' });
    await build(cacheFile, { api: V2 }, { mode: 'offline' });
    expect(testEmulator.current.stats.requests).toBe(offline);
  });

  test('an unknown image over API 3.0 is cached as not found, and served from the cache', async () => {
    const cacheFile = cacheIn();
    emulatorEnv(API3);
    await build(cacheFile);
    const entries = (JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as { entries: Record<string, { provider: string; outcome: string; endpoint: string }> }).entries;
    expect(entries[KEY_OF(API3, 'img-unknown1')]).toMatchObject({ provider: 'tencent:DescribeImageSharePermission', outcome: 'notFound', endpoint: `${testEmulator.current.origin}/` });
    expect(entries[KEY_OF(API3, 'img-2xk9q7dm')]).toMatchObject({ outcome: 'found' });
    // No account entry: API 3.0 has no quota.
    expect(Object.keys(entries).filter((key) => key.includes('scope=account'))).toEqual([]);

    const requests = testEmulator.current.stats.requests;
    const offline = await build(cacheFile, {}, { mode: 'offline' });
    expect(offline.shares.image('img-unknown1')).toEqual({ imageId: 'img-unknown1', found: false, shares: [] });
    expect(testEmulator.current.stats.requests).toBe(requests);
  });

  test('the api prop wins over the env var', async () => {
    emulatorEnv(API3);
    const v2 = await build(cacheIn(), { api: V2 });
    expect(v2.shares.api).toBe(V2);
    expect(v2.shares.maxImgShareNum).toBe(50);
    emulatorEnv(V2);
    expect((await build(cacheIn(), { api: API3 })).shares.api).toBe(API3);
  });

  test('switching by env var never sends one API\'s requests to the other\'s endpoint', async () => {
    emulatorEnv(API3);
    // API 3.0 goes to TENCENTCLOUD_CVM_ENDPOINT only: here a closed port, though the v2 variable names the emulator.
    process.env.TENCENTCLOUD_CVM_ENDPOINT = `http://127.0.0.1:${await closedPort()}`;
    await rejection(build(cacheIn(), { retry: { retries: 0 } }), RequestFailedError);
    expect(testEmulator.current.stats.requests).toBe(0);
  });
});

describe('maxImgShareNum over API 3.0', () => {
  test('throws a coded error naming the construct and the api to switch to, in every build: it never makes a number up', async () => {
    emulatorEnv(API3);
    const reads: Array<number | string> = [];
    const readQuota = (shares: TencentImageShares) => {
      try {
        reads.push(shares.maxImgShareNum);
      } catch (error) {
        reads.push(error instanceof LookupInputError ? `${error.input}: thrown` : 'other');
      }
    };
    const { app } = await resolveLookups((scope) => {
      readQuota(new TencentImageShares(new TerraformStack(scope, 'stack'), 'shares', { region: 'ap-guangzhou', imageIds: GOLDEN }));
    }, { cacheFile: cacheIn(), createApp: appIn(tempDir()) });
    // The provisional build too: the answer can never come.
    expect(reads).toEqual(['stack/shares: maxImgShareNum: thrown', 'stack/shares: maxImgShareNum: thrown']);

    const shares = app.node.findChild('stack').node.findChild('shares') as TencentImageShares;
    const error = thrown(() => shares.maxImgShareNum, LookupInputError);
    expect(error).toMatchObject({ code: 'InvalidLookupInput', input: 'stack/shares: maxImgShareNum' });
    expect(error.message).toContain('DescribeImageSharePermission, which has no share quota');
    expect(error.message).toContain("api: 'GetImageShareUinInfo'");
    expect(error.message).toContain('IMAGE_LOOKUPS_TENCENT_API=GetImageShareUinInfo');
  });

  test('on v2 it stays the account\'s quota, 0 while provisional', async () => {
    emulatorEnv();
    const reads: number[] = [];
    await resolveLookups((scope) => {
      reads.push(new TencentImageShares(new TerraformStack(scope, 'stack'), 'shares', { region: 'ap-guangzhou', imageIds: GOLDEN }).maxImgShareNum);
    }, { cacheFile: cacheIn(), createApp: appIn(tempDir()) });
    expect(reads).toEqual([0, 50]);
  });
});

describe('policies on both APIs', () => {
  test('the share rules find the same; the quota rule says it does not apply over API 3.0', async () => {
    emulatorEnv();
    const v2 = policyFindingsOf((await build(cacheIn())).app).findings;
    emulatorEnv(API3);
    const api3 = policyFindingsOf((await build(cacheIn())).app).findings;
    const QUOTA = 'TencentShares.ShareQuotaHeadroom';
    const brief = (findings: typeof v2) => findings.filter((finding) => finding.ruleId !== QUOTA)
      .map((finding) => [finding.ruleId, finding.imageId, finding.severity, finding.evidence]);

    expect(brief(v2).map(([ruleId, imageId]) => [ruleId, imageId])).toEqual(expect.arrayContaining([
      ['TencentShares.ImageFound', 'img-unknown1'],
      ['TencentShares.AllowlistedAccounts', 'img-jgggrva9'],
      ['TencentShares.MaxShareAge', 'img-jgggrva9'],
    ]));
    expect(brief(api3)).toEqual(brief(v2));
    expect(v2.filter((finding) => finding.ruleId === QUOTA && finding.severity !== 'info')).toEqual([]);
    const quota = api3.filter((finding) => finding.ruleId === QUOTA);
    expect(quota).toHaveLength(1);
    expect(quota[0].severity).toBe('info');
    expect(quota[0].message).toMatch(/does not apply/);
  });
});

describe('fixtures of either API (no network)', () => {
  const apps: App[] = [];
  afterEach(() => { for (const app of apps.splice(0)) fs.rmSync(app.outdir, { recursive: true, force: true }); });
  function fixtureApp(fixtures: readonly LookupFixture[]): App {
    // A stray fetch would fail loudly: nothing listens on port 9 (discard) of loopback.
    process.env.TENCENTCLOUD_IMAGE_ENDPOINT = 'http://127.0.0.1:9';
    process.env.TENCENTCLOUD_CVM_ENDPOINT = 'http://127.0.0.1:9';
    const app = LookupTesting.app({ fixtures });
    apps.push(app);
    return app;
  }
  const IMAGES = { 'img-jgggrva9': [{ uin: '1621874004', sharedAt: '2026-01-01T00:00:00Z' }], 'img-unknown1': null };
  const construct = (app: App, api?: TencentShareApi) =>
    new TencentImageShares(new TerraformStack(app, 'stack'), 'shares', { region: 'ap-guangzhou', imageIds: Object.keys(IMAGES), api });

  test('an API 3.0 fixture answers an API 3.0 construct as the provider stores it, with no account entry', () => {
    const fixture = tencentSharesFixture({ region: 'ap-guangzhou', api: API3, images: IMAGES });
    expect(Object.keys(fixture.entries).sort()).toEqual([KEY_OF(API3, 'img-jgggrva9'), KEY_OF(API3, 'img-unknown1')]);
    expect(fixture.entries[KEY_OF(API3, 'img-jgggrva9')]).toMatchObject({ provider: 'tencent:DescribeImageSharePermission', endpoint: 'https://cvm.tencentcloudapi.com/' });
    expect(tencentSharesFixture({ region: 'ap-shanghai-fsi', api: API3, images: IMAGES }).entries[KEY_OF(API3, 'img-jgggrva9').replace('ap-guangzhou', 'ap-shanghai-fsi')])
      .toMatchObject({ endpoint: 'https://cvm.ap-shanghai-fsi.tencentcloudapi.com/' });

    const shares = construct(fixtureApp([fixture]), API3);
    expect(shares.image('img-jgggrva9').shares).toEqual([{ uin: '1621874004', sharedAt: '2026-01-01T00:00:00Z', shareTimeStamp: '2026-01-01 08:00:00' }]);
    expect(shares.notFoundImageIds).toEqual(['img-unknown1']);
    expect(thrown(() => shares.maxImgShareNum, LookupInputError).input).toBe('stack/shares: maxImgShareNum');
  });

  test('the same sharing in either API\'s fixture gives the same digest', () => {
    const v2 = construct(fixtureApp([tencentSharesFixture({ region: 'ap-guangzhou', images: IMAGES })]));
    const api3 = construct(fixtureApp([tencentSharesFixture({ region: 'ap-guangzhou', api: API3, images: IMAGES })]), API3);
    expect(api3.digest).toBe(v2.digest);
    expect(Date.parse(api3.image('img-jgggrva9').shares[0].sharedAt!)).toBe(Date.parse(v2.image('img-jgggrva9').shares[0].sharedAt!));
  });

  test('one API\'s fixture does not answer the other API\'s construct', () => {
    const error = thrown(() => construct(fixtureApp([tencentSharesFixture({ region: 'ap-guangzhou', images: IMAGES })]), API3), LookupUnresolvedError);
    expect(error.key).toBe(KEY_OF(API3, 'img-jgggrva9'));
    process.env.IMAGE_LOOKUPS_TENCENT_API = API3;
    expect(thrown(() => construct(fixtureApp([tencentSharesFixture({ region: 'ap-guangzhou', api: API3, images: IMAGES })]), V2), LookupUnresolvedError).key)
      .toBe(KEY_OF(V2, 'img-jgggrva9'));
  });

  test('the fixture refuses a quota over API 3.0, and an API it does not know, naming the option', () => {
    const quota = thrown(() => tencentSharesFixture({ region: 'ap-guangzhou', api: API3, maxImgShareNum: 50, images: IMAGES }), LookupInputError);
    expect(quota.input).toBe('tencentSharesFixture: maxImgShareNum');
    expect(quota.message).toContain('DescribeImageSharePermission has no share quota');
    const api = thrown(() => tencentSharesFixture({ region: 'ap-guangzhou', api: 'v3' as TencentShareApi, images: IMAGES }), LookupInputError);
    expect(api.input).toBe('tencentSharesFixture: api');
    // A share time the fixture cannot write as API 3.0 does.
    const odd = thrown(() => tencentSharesFixture({ region: 'ap-guangzhou', api: API3, images: { 'img-jgggrva9': [{ uin: '1', shareTimeStamp: 'yesterday' }] } }), LookupInputError);
    expect(odd.input).toBe('tencentSharesFixture: images["img-jgggrva9"][0].shareTimeStamp');
  });
});
