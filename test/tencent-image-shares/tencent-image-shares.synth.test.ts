import * as path from 'node:path';
import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { DataResource, TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { resolveLookups } from '../../src/engine';
import { LookupInputError } from '../../src/engine/errors';
import { TencentApiError, TencentImageShares, type TencentImageSharesProps } from '../../src/tencent-image-shares';
import { expectInputRefused, rejection, thrown } from '../support/expect-errors';
import { appIn, isolateEnv, tempDirs, testingApps } from '../support/fixtures';
import { sharedTestEmulator, TEST_CREDENTIALS } from './fixtures';

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

  test('duplicate IDs are looked up once; an ID that was not requested is a coded input error', async () => {
    const { shares: [shares] } = await buildStack({ imageIds: ['img-jgggrva9', 'img-jgggrva9'] });
    expect(shares.imageIds).toEqual(['img-jgggrva9']);
    expect(testEmulator.current.stats.requests).toBe(1);
    for (const read of [() => shares.image('img-6pb6lrmy'), () => shares.sharedAccountIds('img-6pb6lrmy'), () => shares.isSharedWith('img-6pb6lrmy', '1')]) {
      const error = thrown(read, LookupInputError);
      expect(error).toMatchObject({ code: 'InvalidLookupInput', input: 'stack/shares0: image(imageId)' });
      expect(error.message).toContain('"img-6pb6lrmy" is not one of the looked-up imageIds (img-jgggrva9); add it to imageIds');
    }
  });

  test('isSharedWith takes a UIN as digits or as a safe integer, and refuses anything else', async () => {
    const { shares: [shares] } = await buildStack({});
    expect(shares.isSharedWith('img-jgggrva9', 877354327)).toBe(true);
    expect(shares.isSharedWith('img-jgggrva9', '877354327')).toBe(true);
    for (const uin of ['877 354 327', '', 'uin-1', 2 ** 53 + 2, -1, 1.5, Number.NaN]) {
      expect(thrown(() => shares.isSharedWith('img-jgggrva9', uin), LookupInputError).input).toBe('stack/shares0: isSharedWith(uin)');
    }
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
    expect(synthesized).toHaveResource(NullResource);
    expect(Object.values(json.resource.null_resource).map((resource) => (resource as { triggers: unknown }).triggers))
      .toContainEqual(expect.objectContaining({ digest: shares.digest, 'img-jgggrva9': expect.stringMatching(/^[0-9a-f]{8}$/) }));
    expect(synthesized).toHaveProvider(NullProvider);
    expect(Object.keys(json.provider.null)).toHaveLength(1);
    const outputs = Object.values(json.output) as Array<{ value: unknown }>;
    expect(outputs.map((output) => output.value)).toContain(shares.digest);
  });

  test('terraform_data needs no provider', async () => {
    const { synthesized, json, shares: [shares] } = await buildStack({ snapshot: 'terraform_data' });
    expect(synthesized).toHaveResource(DataResource);
    expect(Object.values(json.resource.terraform_data)).toEqual([{ triggers_replace: expect.objectContaining({ digest: shares.digest }) }]);
    expect(json.provider).toBeUndefined();
  });

  test('the triggers hold a short digest per image, sorted by ID, each image\'s own', async () => {
    const { json, shares: [shares] } = await buildStack({ snapshot: 'terraform_data' });
    const [{ triggers_replace: triggers }] = Object.values(json.resource.terraform_data) as Array<{ triggers_replace: Record<string, string> }>;
    expect(Object.keys(triggers)).toEqual(['digest', ...[...GOLDEN].sort()]);
    expect(triggers.digest).toBe(shares.digest);
    for (const imageId of GOLDEN) expect(triggers[imageId]).toMatch(/^[0-9a-f]{8}$/);
    // Four different share lists (an unshared image and an unknown one included): four different digests.
    expect(new Set(GOLDEN.map((imageId) => triggers[imageId])).size).toBe(4);
    // An image's entry depends on its own share list only.
    const { json: alone } = await buildStack({ snapshot: 'terraform_data', imageIds: ['img-6pb6lrmy'] });
    expect((Object.values(alone.resource.terraform_data)[0] as { triggers_replace: Record<string, string> }).triggers_replace['img-6pb6lrmy']).toBe(triggers['img-6pb6lrmy']);
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
  test.each<[string, Record<string, unknown>, string, RegExp]>([
    ['no image IDs', { imageIds: [] }, 'stack/shares: imageIds', /imageIds: the list is empty: give at least one image ID/],
    ['image IDs as one string', { imageIds: 'img-jgggrva9' }, 'stack/shares: imageIds', /imageIds: expected a list of image IDs such as \['img-jgggrva9'\], got string/],
    ['image IDs missing', { imageIds: undefined }, 'stack/shares: imageIds', /expected a list of image IDs .*, got undefined/],
    ['image IDs null', { imageIds: null }, 'stack/shares: imageIds', /expected a list of image IDs .*, got null/],
    ['a malformed image ID', { imageIds: ['img-jgggrva9', 'IMG-BAD'] }, 'stack/shares: imageIds[1]', /stack\/shares: imageIds\[1\]: "IMG-BAD" is not a Tencent Cloud image ID: expected img- followed by 8 lowercase letters or digits/],
    ['no region', { region: undefined }, 'region', /region: no region: set the region prop or TENCENTCLOUD_REGION/],
    ['a malformed region', { region: 'Guangzhou!' }, 'region', /region: "Guangzhou!" is not a region name/],
    ['a region typo', { region: 'ap-guangzho', endpoint: undefined }, 'region', /"ap-guangzho" is not a Tencent Cloud region this library knows \(did you mean ap-guangzhou\?\)\. Known: ap-guangzhou, ap-shanghai, .*allowUnknownRegion: true/],
    ['a region typo with the endpoint prop', { region: 'ap-guangzho' }, 'region', /"ap-guangzho" is not a Tencent Cloud region this library knows \(did you mean ap-guangzhou\?\)/],
    ['allowUnknownRegion not a boolean', { region: 'sa-saopaulo', allowUnknownRegion: 'yes' }, 'allowUnknownRegion', /allowUnknownRegion: "yes" is not true or false/],
    ['plain http to a remote host', { endpoint: 'http://example.com' }, 'endpoint', /endpoint: plain http is only allowed to loopback hosts/],
    ['a malformed maxAge', { maxAge: 'soon' }, 'stack/shares: maxAge', /maxAge: "soon" is not a duration/],
    ['an unknown snapshot', { snapshot: 'null-resource' }, 'stack/shares: snapshot', /snapshot: "null-resource" is not null_resource, terraform_data or none/],
    ['imageOutputs not a boolean', { imageOutputs: 'yes' }, 'stack/shares: imageOutputs', /imageOutputs: "yes" is not true or false/],
    ['sensitiveOutputs not a boolean', { sensitiveOutputs: 'false' }, 'stack/shares: sensitiveOutputs', /sensitiveOutputs: "false" is not true or false/],
    ['an empty secretId', { secretId: '' }, 'secretId', /secretId: is empty; give the credential, or leave the prop out to use TENCENTCLOUD_SECRET_ID/],
    ['a blank secretKey', { secretKey: '  ' }, 'secretKey', /secretKey: is empty; .*TENCENTCLOUD_SECRET_KEY/],
    ['an empty securityToken', { securityToken: '' }, 'securityToken', /securityToken: is empty; .*TENCENTCLOUD_SECURITY_TOKEN/],
    ['a secretId that is not a string', { secretId: 12345 }, 'secretId', /secretId: expected a string, got number/],
  ])('%s: an InvalidLookupInput naming it, thrown before any call even with other lookups pending', async (_, props, input, message) => {
    const define = (scope: Construct) => {
      const stack = new TerraformStack(scope, 'stack');
      // A valid construct first: its lookup is pending when the bad one throws.
      new TencentImageShares(stack, 'valid', { region: 'ap-guangzhou', endpoint: testEmulator.current.origin, ...TEST_CREDENTIALS, imageIds: ['img-jgggrva9'] });
      new TencentImageShares(stack, 'shares', {
        region: 'ap-guangzhou', endpoint: testEmulator.current.origin, ...TEST_CREDENTIALS, imageIds: ['img-jgggrva9'], ...props,
      } as TencentImageSharesProps);
    };

    await expectInputRefused(define, { input, message }, { app: testingApp(), dir: tempDir(), requests: () => testEmulator.current.stats.requests });
  });

  test('no secret given as a prop is repeated in an error', () => {
    const error = thrown(() => new TencentImageShares(new TerraformStack(testingApp(), 'stack'), 'shares', {
      region: 'ap-guangzhou', secretId: 'AKIDsecretIdValue0001', secretKey: '', imageIds: ['img-jgggrva9'],
    }), LookupInputError);
    expect(error.message).not.toContain('AKIDsecretIdValue0001');
  });

  test('a region typo is refused even with TENCENTCLOUD_IMAGE_ENDPOINT set: an endpoint does not vouch for it', async () => {
    process.env.TENCENTCLOUD_IMAGE_ENDPOINT = testEmulator.current.origin;
    const dir = tempDir();
    const error = await rejection(resolveLookups((scope) => {
      new TencentImageShares(new TerraformStack(scope, 'stack'), 'shares', { region: 'ap-shangahi', ...TEST_CREDENTIALS, imageIds: ['img-jgggrva9'] });
    }, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir) }), LookupInputError);
    expect(error.input).toBe('region');
    expect(error.message).toContain('did you mean ap-shanghai?');
    expect(testEmulator.current.stats.requests).toBe(0);
  });

  test('a region outside the list is accepted with allowUnknownRegion: the request is sent for it', async () => {
    const dir = tempDir();
    // The emulator has no data for the region, so it answers 4000, as the API does for a region it does not know.
    const error = await rejection(resolveLookups((scope) => {
      new TencentImageShares(new TerraformStack(scope, 'stack'), 'shares', {
        region: 'sa-saopaulo', allowUnknownRegion: true, endpoint: testEmulator.current.origin, ...TEST_CREDENTIALS, imageIds: ['img-jgggrva9'],
      });
    }, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir) }), TencentApiError);
    expect(error.details).toMatchObject({ apiCode: 4000, region: 'sa-saopaulo' });
    expect(testEmulator.current.stats.requests).toBe(1);
  });

  test('every listed region is accepted without an endpoint', () => {
    const stack = new TerraformStack(testingApp(), 'stack');
    for (const region of ['ap-guangzhou', 'ap-shanghai-fsi', 'na-ashburn', 'eu-frankfurt', 'ap-mumbai']) {
      expect(new TencentImageShares(stack, region, { region, imageIds: ['img-jgggrva9'] }).region).toBe(region);
    }
  });

  test('an empty credential env var counts as unset: the fetch fails naming it, before any request', async () => {
    process.env.TENCENTCLOUD_SECRET_ID = '';
    process.env.TENCENTCLOUD_SECRET_KEY = TEST_CREDENTIALS.secretKey;
    const dir = tempDir();
    const error = await rejection(resolveLookups((scope) => {
      new TencentImageShares(new TerraformStack(scope, 'stack'), 'shares', { region: 'ap-guangzhou', endpoint: testEmulator.current.origin, imageIds: ['img-jgggrva9'] });
    }, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir) }), LookupInputError);
    expect(error.input).toBe('credentials');
    expect(error.message).toContain('TENCENTCLOUD_SECRET_ID (or the secretId prop) is not set');
    expect(testEmulator.current.stats.requests).toBe(0);
  });
});
