import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformStack, Testing, type App } from 'cdktf';
import { AliyunVodImage, vodImagesPack, vodTitleRequired } from '../../src/aliyun-vod-images';
import { LookupInputError } from '../../src/engine/errors';
import { ImagePolicies } from '../../src/policy/image-policies';
import { TencentImageShares, tencentSharesPack } from '../../src/tencent-image-shares';
import { imagePolicyMatchers, LookupTesting, policyFindingsOf, tencentSharesFixture, vodImageFixture, type LookupFixture } from '../../src/testing';
import { thrown } from '../support/expect-errors';
import { isolateEnv, tempDirs } from '../support/fixtures';

isolateEnv();
const tempDir = tempDirs();
const made: App[] = [];
afterEach(() => { for (const app of made.splice(0)) fs.rmSync(app.outdir, { recursive: true, force: true }); });

const COVER = '7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c';
const UNTITLED = 'e8b4d1c7a2f94e3b6c5d0a9f8e7b2c14';
const ALLOWED = '1621874004';
const STRANGER = '3000000001';
const FIXTURES: readonly LookupFixture[] = [
  tencentSharesFixture({ region: 'ap-guangzhou', images: {
    'img-jgggrva9': [{ uin: ALLOWED }],
    'img-6pb6lrmy': [{ uin: STRANGER }],
  } }),
  vodImageFixture({ region: 'cn-shanghai', imageId: COVER }),
  vodImageFixture({ region: 'cn-shanghai', imageId: UNTITLED, info: { title: undefined } }),
];

/** Stack `leaky` shares img-6pb6lrmy with a stranger; stack `clean` shares img-jgggrva9 with the allowed account only. */
function twoStacks(options: { readonly packs?: boolean } = {}) {
  const app = LookupTesting.app({ fixtures: FIXTURES });
  made.push(app);
  if (options.packs !== false) ImagePolicies.of(app).addPack(tencentSharesPack({ allowlistedAccounts: { accounts: [ALLOWED] } }));
  const leaky = new TerraformStack(app, 'leaky');
  const leakyShares = new TencentImageShares(leaky, 'shares', { region: 'ap-guangzhou', imageIds: ['img-jgggrva9', 'img-6pb6lrmy'] });
  const clean = new TerraformStack(app, 'clean');
  const cleanShares = new TencentImageShares(clean, 'shares', { region: 'ap-guangzhou', imageIds: ['img-jgggrva9'] });
  return { app, leaky, leakyShares, clean, cleanShares };
}

describe('toHavePolicyViolation', () => {
  test('passes for an unsuppressed finding of the rule at or under the received scope, whatever the options narrow it to', () => {
    const { app, leaky, leakyShares } = twoStacks();
    expect(leaky).toHavePolicyViolation('TencentShares.AllowlistedAccounts');
    expect(app).toHavePolicyViolation('TencentShares.AllowlistedAccounts');
    expect(leakyShares).toHavePolicyViolation('TencentShares.AllowlistedAccounts', { imageId: 'img-6pb6lrmy', severity: 'error', constructPath: 'leaky/shares' });
  });

  test('fails, listing what it found, for another rule, image, severity or construct', () => {
    const { leaky } = twoStacks();
    const found = '  - TencentShares.AllowlistedAccounts (error) on leaky/shares, image img-6pb6lrmy: Image img-6pb6lrmy';
    expect(() => expect(leaky).toHavePolicyViolation('TencentShares.ForbiddenAccounts'))
      .toThrow(`expected leaky to have a violation of TencentShares.ForbiddenAccounts, but found none; findings:\n${found}`);
    expect(() => expect(leaky).toHavePolicyViolation('TencentShares.AllowlistedAccounts', { imageId: 'img-jgggrva9' }))
      .toThrow('expected leaky to have a violation of TencentShares.AllowlistedAccounts (image img-jgggrva9), but found none; findings:\n');
    expect(() => expect(leaky).toHavePolicyViolation('TencentShares.AllowlistedAccounts', { severity: 'warning' })).toThrow(/\(severity warning\), but found none/);
    expect(() => expect(leaky).toHavePolicyViolation('TencentShares.AllowlistedAccounts', { constructPath: 'leaky/other' })).toThrow(/\(construct leaky\/other\), but found none/);
  });

  test('.not fails, listing the findings, when there is one', () => {
    const { leaky, clean } = twoStacks();
    expect(clean).not.toHavePolicyViolation('TencentShares.AllowlistedAccounts');
    expect(() => expect(leaky).not.toHavePolicyViolation('TencentShares.AllowlistedAccounts'))
      .toThrow(/expected leaky not to have a violation of TencentShares.AllowlistedAccounts, but found:\n {2}- TencentShares.AllowlistedAccounts \(error\) on leaky\/shares, image img-6pb6lrmy/);
  });

  test('a suppressed finding is not a violation; the failure message lists it as suppressed', () => {
    const { leaky } = twoStacks();
    ImagePolicies.of(leaky).suppress({ ruleId: 'TencentShares.AllowlistedAccounts', reason: 'Partner account, reviewed' });
    expect(() => expect(leaky).toHavePolicyViolation('TencentShares.AllowlistedAccounts'))
      .toThrow(/but found none; findings: none\nsuppressed \(not violations\):\n {2}- TencentShares.AllowlistedAccounts \(error\) on leaky\/shares/);
    expect(leaky).toBeCompliant();
  });

  test('refuses a received value that is not a construct, and bad options, naming them', () => {
    const { leaky } = twoStacks();
    expect(thrown(() => expect('leaky').toHavePolicyViolation('TencentShares.ImageFound'), LookupInputError).input).toBe('toHavePolicyViolation: received');
    expect(thrown(() => expect(leaky).toHavePolicyViolation(''), LookupInputError).input).toBe('toHavePolicyViolation(ruleId)');
    expect(thrown(() => expect(leaky).toHavePolicyViolation('X', { severity: 'fatal' as 'error' }), LookupInputError).input).toBe('toHavePolicyViolation(options).severity');
    expect(thrown(() => expect(leaky).toHavePolicyViolation('X', { image: 'img-6pb6lrmy' } as object), LookupInputError).input).toBe('toHavePolicyViolation(options).image');
    expect(thrown(() => expect(42).toBeCompliant(), LookupInputError).message).toContain('expected a construct (the app, a stack or a lookup construct), got number');
  });
});

describe('toBeCompliant', () => {
  test('a finding in one stack does not make another stack non-compliant; the app holds both', () => {
    const { app, leaky, clean, cleanShares } = twoStacks();
    expect(clean).toBeCompliant();
    expect(cleanShares).toBeCompliant();
    expect(() => expect(leaky).toBeCompliant()).toThrow('expected leaky to be compliant, but found 1 finding:\n  - TencentShares.AllowlistedAccounts (error) on leaky/shares, image img-6pb6lrmy');
    expect(() => expect(app).toBeCompliant()).toThrow(/^expected the app to be compliant, but found 1 finding/);
    expect(() => expect(clean).not.toBeCompliant()).toThrow(/expected clean not to be compliant, but it has no warning or error finding/);
  });

  test('lists the findings one per line; warnings count, info findings do not', () => {
    const app = LookupTesting.app({ fixtures: FIXTURES });
    made.push(app);
    const stack = new TerraformStack(app, 'media');
    new AliyunVodImage(stack, 'untitled', { region: 'cn-shanghai', imageId: UNTITLED });
    new AliyunVodImage(stack, 'cover', { region: 'cn-shanghai', imageId: COVER });
    ImagePolicies.of(app).addPack(vodImagesPack({ requiredTags: { tags: ['cover', 'homepage'] } }));
    expect(() => expect(stack).toBeCompliant()).toThrow([
      'expected media to be compliant, but found 3 findings:',
      `  - AliyunVod.TitleRequired (warning) on media/untitled, image ${UNTITLED}: `,
    ].join('\n'));
    const message = thrown(() => expect(stack).toBeCompliant(), Error).message;
    expect(message.split('\n').filter((line) => line.startsWith('  - ')).map((line) => line.split(':')[0])).toEqual([
      `  - AliyunVod.TitleRequired (warning) on media/untitled, image ${UNTITLED}`,
      `  - AliyunVod.RequiredTags (warning) on media/untitled, image ${UNTITLED}`,
      `  - AliyunVod.RequiredTags (warning) on media/cover, image ${COVER}`,
    ]);

    // The same rule at severity info: reported, and matched by severity, but not a compliance failure.
    const infoApp = LookupTesting.app({ fixtures: FIXTURES });
    made.push(infoApp);
    const infoStack = new TerraformStack(infoApp, 'media');
    new AliyunVodImage(infoStack, 'untitled', { region: 'cn-shanghai', imageId: UNTITLED });
    ImagePolicies.of(infoApp).addPack({ id: 'lenient', rules: [{ ...vodTitleRequired, severity: 'info' }] });
    expect(infoStack).toBeCompliant();
    expect(infoStack).toHavePolicyViolation('AliyunVod.TitleRequired', { severity: 'info', imageId: UNTITLED });
    expect(() => expect(infoStack).toHavePolicyViolation('AliyunVod.TitleRequired', { severity: 'warning' })).toThrow(/findings:\n {2}- AliyunVod.TitleRequired \(info\)/);
  });

  test('fails when no pack is attached: nothing was checked', () => {
    const { clean } = twoStacks({ packs: false });
    expect(() => expect(clean).toBeCompliant()).toThrow('expected clean to be compliant, but no policy pack is attached to its app, so nothing was checked');
  });

  test('fails for a lookup construct with unresolved lookups, which policies cannot check', () => {
    process.env.IMAGE_LOOKUPS_CACHE = path.join(tempDir(), 'missing.json');
    const app = Testing.app();
    made.push(app);
    const stack = new TerraformStack(app, 'plain');
    new TencentImageShares(stack, 'shares', { region: 'ap-guangzhou', imageIds: ['img-jgggrva9'] });
    ImagePolicies.of(app).addPack(tencentSharesPack());
    expect(policyFindingsOf(stack).unresolvedConstructPaths).toEqual(['plain/shares']);
    expect(() => expect(stack).toBeCompliant()).toThrow('expected plain to be compliant, but these lookup constructs have unresolved lookups, so policies cannot check them: plain/shares.');
  });
});

describe('policyFindingsOf, for any test runner', () => {
  test('scopes findings, suppressed findings and unused suppressions to the scope; failing follows failOn', () => {
    const { app, leaky, clean } = twoStacks();
    ImagePolicies.of(leaky).suppress({ ruleId: 'TencentShares.AllowlistedAccounts', reason: 'Partner account, reviewed' });
    ImagePolicies.of(clean).suppress({ ruleId: 'TencentShares.MaxShareAge', reason: 'Old shares are fine here' });
    const inLeaky = policyFindingsOf(leaky);
    expect(inLeaky.findings).toEqual([]);
    expect(inLeaky.suppressed.map(({ finding }) => [finding.ruleId, finding.constructPath])).toEqual([['TencentShares.AllowlistedAccounts', 'leaky/shares']]);
    expect(inLeaky.unusedSuppressions).toEqual([]);
    const inClean = policyFindingsOf(clean);
    expect([inClean.suppressed, inClean.unusedSuppressions.map((suppression) => suppression.ruleId)]).toEqual([[], ['TencentShares.MaxShareAge']]);
    expect(policyFindingsOf(app).rules.map((rule) => rule.id)).toEqual(['TencentShares.ImageFound', 'TencentShares.AllowlistedAccounts', 'TencentShares.ShareQuotaHeadroom']);
  });

  test('failing holds the findings that fail the synth', () => {
    const app = LookupTesting.app({ fixtures: FIXTURES });
    made.push(app);
    const stack = new TerraformStack(app, 'media');
    new AliyunVodImage(stack, 'untitled', { region: 'cn-shanghai', imageId: UNTITLED });
    ImagePolicies.of(app).addPack(vodImagesPack());
    expect(policyFindingsOf(stack).failing).toEqual([]);
    ImagePolicies.of(stack).failOn('warning');
    expect(policyFindingsOf(stack).failing.map((finding) => finding.ruleId)).toEqual(['AliyunVod.TitleRequired']);
  });

  test('the matchers are plain functions too, for runners with a jest-compatible expect.extend', () => {
    const { leaky, clean } = twoStacks();
    expect(imagePolicyMatchers.toBeCompliant(clean).pass).toBe(true);
    expect(imagePolicyMatchers.toHavePolicyViolation(leaky, 'TencentShares.AllowlistedAccounts').pass).toBe(true);
  });
});
