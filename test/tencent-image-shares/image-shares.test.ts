import * as path from 'node:path';
import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { DataResource, TerraformStack, Testing } from 'cdktf';
import { resolveLookups } from '../../src/engine';
import { TencentImageShares, type TencentImageSharesProps } from '../../src/tencent-image-shares';
import { appIn, isolateEnv, sharedTestEmulator, tempDirs, testingApps, TEST_CREDENTIALS } from '../support/fixtures';

isolateEnv();
const tempDir = tempDirs();
const testingApp = testingApps();
const testEmulator = sharedTestEmulator();

const GOLDEN = ['img-jgggrva9', 'img-6pb6lrmy', 'img-2xk9q7dm', 'img-unknown1'];

/** Builds one stack with the given constructs through the engine, against the testEmulator.current. */
async function buildStack(...constructs: Array<Partial<TencentImageSharesProps>>) {
  const dir = tempDir();
  const built: TencentImageShares[] = [];
  const { app } = await resolveLookups((scope) => {
    const stack = new TerraformStack(scope, 'stack');
    constructs.forEach((props, index) => built.push(new TencentImageShares(stack, `shares${index}`, {
      region: 'ap-guangzhou', endpoint: testEmulator.current.origin, ...TEST_CREDENTIALS, imageIds: GOLDEN, ...props,
    })));
  }, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir) });
  const stack = app.node.findChild('stack') as TerraformStack;
  return { stack, shares: built, synthesized: Testing.synth(stack, true), json: JSON.parse(Testing.synth(stack, true)) };
}

describe('typed access at synth time', () => {
  test('share lists, found and not-found images, and the account quota', async () => {
    const { shares: [shares] } = await buildStack({});

    expect(shares.imageIds).toEqual(GOLDEN);
    expect(shares.sharedAccountIds('img-jgggrva9')).toEqual(['1621874004', '877354327']);
    expect(shares.image('img-jgggrva9').shares[0]).toEqual({ uin: '1621874004', sharedAt: '2016-01-13T15:16:53+08:00', shareTimeStamp: '2016-01-13 15:16:53' });
    expect(shares.isSharedWith('img-jgggrva9', '877354327')).toBe(true);
    expect(shares.isSharedWith('img-6pb6lrmy', '877354327')).toBe(false);
    expect(shares.foundImageIds).toEqual(['img-jgggrva9', 'img-6pb6lrmy', 'img-2xk9q7dm']);
    expect(shares.notFoundImageIds).toEqual(['img-unknown1']);
    expect(shares.image('img-unknown1')).toEqual({ imageId: 'img-unknown1', found: false, shares: [] });
    expect(shares.imageNum).toBe(3);
    expect(shares.maxImgShareNum).toBe(50);
    expect(shares.isResolved).toBe(true);
  });

  test('duplicate IDs are looked up once; an ID that was not requested is an error', async () => {
    const { shares: [shares] } = await buildStack({ imageIds: ['img-jgggrva9', 'img-jgggrva9'] });
    expect(shares.imageIds).toEqual(['img-jgggrva9']);
    expect(testEmulator.current.stats.requests).toBe(1);
    expect(() => shares.image('img-6pb6lrmy')).toThrow(/img-6pb6lrmy is not one of the looked-up imageIds/);
  });

  test('the digest ignores order and changes with the share lists', async () => {
    const { shares: [a, b, c] } = await buildStack({}, { imageIds: [...GOLDEN].reverse() }, { imageIds: ['img-jgggrva9'] });
    expect(a.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(b.digest).toBe(a.digest);
    expect(c.digest).not.toBe(a.digest);
  });
});

describe('synthesized Terraform JSON', () => {
  test('a null_resource snapshot holds the digest, with the null provider added once per stack', async () => {
    const { synthesized, json, shares: [shares] } = await buildStack({}, { imageIds: ['img-jgggrva9'] });
    expect(synthesized).toHaveResourceWithProperties(NullResource, { triggers: { digest: shares.digest } });
    expect(synthesized).toHaveProvider(NullProvider);
    expect(Object.keys(json.provider.null)).toHaveLength(1);
    const outputs = Object.values(json.output) as Array<{ value: unknown }>;
    expect(outputs.map((output) => output.value)).toContain(shares.digest);
  });

  test('terraform_data needs no provider', async () => {
    const { synthesized, json, shares: [shares] } = await buildStack({ snapshot: 'terraform_data' });
    expect(synthesized).toHaveResourceWithProperties(DataResource, { triggers_replace: { digest: shares.digest } });
    expect(json.provider).toBeUndefined();
  });

  test('per-image outputs are opt-in and may be sensitive', async () => {
    const plain = await buildStack({ snapshot: 'none' });
    expect(Object.keys(plain.json.output)).toHaveLength(1);
    expect(plain.json.resource).toBeUndefined();

    const { json } = await buildStack({ snapshot: 'none', imageOutputs: true, sensitiveOutputs: true });
    const perImage = Object.entries(json.output as Record<string, { value: unknown; sensitive?: boolean }>).filter(([name]) => name.includes('img-'));
    expect(perImage).toHaveLength(4);
    const jgggrva9 = perImage.find(([name]) => name.includes('img-jgggrva9'))![1];
    expect(jgggrva9).toMatchObject({ sensitive: true, value: { found: true, shared_with: ['1621874004', '877354327'] } });
    expect(perImage.find(([name]) => name.includes('img-unknown1'))![1].value).toEqual({ found: false, shared_with: [] });
  });

  test('no secret reaches the synthesized JSON', async () => {
    const { synthesized } = await buildStack({ imageOutputs: true });
    expect(synthesized).not.toContain(TEST_CREDENTIALS.secretKey);
    expect(synthesized).not.toContain(TEST_CREDENTIALS.secretId);
  });
});

describe('bad inputs fail in the constructor, before any request', () => {
  test.each([
    ['no image IDs', { imageIds: [] }, /imageIds must be a non-empty list/],
    ['a malformed image ID', { imageIds: ['img-jgggrva9', 'IMG-BAD'] }, /stack\/shares: imageIds\[1\]: "IMG-BAD" is not a Tencent Cloud image ID: expected img- followed by 8 lowercase letters or digits/],
    ['no region', { imageIds: ['img-jgggrva9'], region: undefined }, /region: no region: set the region prop or TENCENTCLOUD_REGION/],
    ['a malformed region', { imageIds: ['img-jgggrva9'], region: 'Guangzhou!' }, /region: "Guangzhou!" is not a region name/],
    ['plain http to a remote host', { imageIds: ['img-jgggrva9'], endpoint: 'http://example.com' }, /endpoint: plain http is only allowed to loopback hosts/],
    ['a malformed maxAge', { imageIds: ['img-jgggrva9'], maxAge: 'soon' }, /maxAge: "soon" is not a duration/],
  ])('%s', (_, props, message) => {
    const stack = new TerraformStack(testingApp(), 'stack');
    expect(() => new TencentImageShares(stack, 'shares', { region: 'ap-guangzhou', ...props } as TencentImageSharesProps)).toThrow(message);
    expect(testEmulator.current.stats.requests).toBe(0);
  });
});
