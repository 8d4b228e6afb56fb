// ImagePolicies.of(scope): what it refuses, and how attaching packs, suppressions, failOn and the
// clock to an app, a stack or a construct decides what an evaluation of a real, resolved app finds.
// Every app is built through the engine against the emulator on a cold temp cache.
import { TerraformStack, Testing, type App } from 'cdktf';
import { vodImagesPack } from '../../src/aliyun-vod-images/rules';
import { LookupInputError } from '../../src/engine';
import type { PolicyFinding, PolicyPack } from '../../src/policy';
import { evaluateAppPolicies, type AppEvaluation } from '../../src/policy/app-evaluation';
import { ImagePolicies } from '../../src/policy/image-policies';
import { tencentSharesPack } from '../../src/tencent-image-shares/rules';
import { thrown } from '../support/expect-errors';
import { isolateEnv, tempDirs, testingApps } from '../support/fixtures';
import { annotationsOf, customPack, flagRule, lookupsOn, policyEmulator, resolved } from './policy-app';

isolateEnv();
const tempDir = tempDirs();
const testingApp = testingApps();
const emulator = policyEmulator();
const { shares, cover } = lookupsOn(emulator);

/** Builds `define` through the engine and evaluates the final app's policies. */
async function evaluate(define: (app: App) => void): Promise<{ app: App; evaluation: AppEvaluation }> {
  const app = await resolved(tempDir(), testingApp, define);
  return { app, evaluation: evaluateAppPolicies(app)! };
}

/** `path image rule` of each finding. */
const places = (findings: readonly PolicyFinding[]) => findings.map((finding) => `${finding.constructPath} ${finding.imageId} ${finding.ruleId}`);

/** Two stacks, prod and dev, each looking up img-6pb6lrmy (shared with 3000000001) at `<stack>/shares`; prod also at `prod/other`. */
function twoStacks(app: App): { prod: TerraformStack; dev: TerraformStack } {
  const prod = new TerraformStack(app, 'prod');
  shares(prod, 'shares', ['img-6pb6lrmy']);
  shares(prod, 'other', ['img-6pb6lrmy']);
  const dev = new TerraformStack(app, 'dev');
  shares(dev, 'shares', ['img-6pb6lrmy']);
  return { prod, dev };
}

describe('input errors name ImagePolicies.of(<scope>) and the input, and are coded InvalidLookupInput', () => {
  let app: App;
  let stack: TerraformStack;
  beforeEach(() => {
    app = testingApp();
    stack = new TerraformStack(app, 'prod');
  });

  test('a pack that is not one, at the app', () => {
    const error = thrown(() => ImagePolicies.of(app).addPack({ rules: [] } as unknown as PolicyPack), LookupInputError);
    expect(error).toMatchObject({ code: 'InvalidLookupInput', input: 'ImagePolicies.of(app): addPack(pack)' });
    expect(error.message).toBe('ImagePolicies.of(app): addPack(pack): is not a policy pack: give it an id (a non-empty string) and a list of rules');
  });

  test('a malformed rule in a pack, at a stack, names the rule by its place', () => {
    const rule = { ...flagRule('Custom.Flag', 'error', []), severity: 'fatal' } as never;
    const error = thrown(() => ImagePolicies.of(stack).addPack(customPack('custom', flagRule('Custom.Ok', 'info', []), rule)), LookupInputError);
    expect(error).toMatchObject({ code: 'InvalidLookupInput', input: 'ImagePolicies.of(prod): addPack(pack).rules[1]' });
    expect(error.message).toMatch(/^ImagePolicies\.of\(prod\): addPack\(pack\)\.rules\[1\]: has severity "fatal": use error, warning or info \(rule Custom\.Flag\)\.$/);
  });

  test('a suppression with a short reason, or none of constructPath and imageId, at a stack', () => {
    const short = thrown(() => ImagePolicies.of(stack).suppress({ ruleId: 'Custom.Flag', reason: 'legacy' }), LookupInputError);
    expect(short).toMatchObject({ code: 'InvalidLookupInput', input: 'ImagePolicies.of(prod): suppressions[0].reason' });
    expect(short.message).toMatch(/is 6 characters long: give at least 10/);

    // At the app, a suppression must say where it applies.
    const nowhere = thrown(() => ImagePolicies.of(app).suppress({ ruleId: 'Custom.Flag', reason: 'Accepted until the migration' }), LookupInputError);
    expect(nowhere.input).toBe('ImagePolicies.of(app): suppressions[0]');
    expect(nowhere.message).toMatch(/names neither a constructPath nor an imageId/);

    const unknown = thrown(() => ImagePolicies.of(stack).suppress({ ruleId: 'Custom.Flag', reason: 'Accepted until the migration', until: 'x' } as never), LookupInputError);
    expect(unknown.message).toMatch(/^ImagePolicies\.of\(prod\): suppressions\[0\]: has an unknown field "until"/);
  });

  test('a failOn that is neither error nor warning, on a stack, also as addPack\'s option', () => {
    const construct = new TerraformStack(app, 'other');
    const error = thrown(() => ImagePolicies.of(stack).failOn('fatal' as never), LookupInputError);
    expect(error).toMatchObject({ code: 'InvalidLookupInput', input: 'ImagePolicies.of(prod): failOn' });
    expect(error.message).toMatch(/"fatal" is not a failOn setting/);
    expect(thrown(() => ImagePolicies.of(construct).failOn(undefined as never), LookupInputError).input).toBe('ImagePolicies.of(other): failOn');
    expect(thrown(() => ImagePolicies.of(stack).addPack(customPack('custom', flagRule('Custom.Never', 'info', [])), { failOn: 'info' as never }), LookupInputError).input).toBe('ImagePolicies.of(prod): failOn');
    // A refused addPack attaches nothing.
    expect(evaluateAppPolicies(app, { force: true })?.result.rules).toEqual([]);
  });

  test('a clock that is not a time', () => {
    const text = thrown(() => ImagePolicies.of(app).pinClock('next tuesday'), LookupInputError);
    expect(text).toMatchObject({ code: 'InvalidLookupInput', input: 'ImagePolicies.of(app): pinClock(now)' });
    expect(text.message).toMatch(/"next tuesday" is not a time/);
    expect(thrown(() => ImagePolicies.of(stack).pinClock(new Date(Number.NaN)), LookupInputError).input).toBe('ImagePolicies.of(prod): pinClock(now)');
    expect(thrown(() => ImagePolicies.of(stack).pinClock(1_700_000_000_000 as never), LookupInputError).input).toBe('ImagePolicies.of(prod): pinClock(now)');
  });
});

describe('a pack covers the lookup constructs at or under the scope it is attached to', () => {
  const flagged = ['prod/shares img-6pb6lrmy Custom.Flag', 'prod/other img-6pb6lrmy Custom.Flag', 'dev/shares img-6pb6lrmy Custom.Flag'];

  test('attached to the app: every lookup construct of every stack', async () => {
    const { evaluation } = await evaluate((app) => {
      twoStacks(app);
      ImagePolicies.of(app).addPack(customPack('custom', flagRule('Custom.Flag', 'warning', ['img-6pb6lrmy'])));
    });
    expect(places(evaluation.result.findings)).toEqual(flagged);
    expect(evaluation.result.subjectCount).toBe(3);
  });

  test('attached to a stack: that stack\'s constructs only', async () => {
    const { evaluation } = await evaluate((app) => {
      const { prod } = twoStacks(app);
      ImagePolicies.of(prod).addPack(customPack('custom', flagRule('Custom.Flag', 'warning', ['img-6pb6lrmy'])));
    });
    expect(places(evaluation.result.findings)).toEqual(flagged.slice(0, 2));
    expect(evaluation.result.rules).toMatchObject([{ id: 'Custom.Flag', subjectCount: 2 }]);
  });

  test('attached to a construct: that construct only, though another in its stack looks up the same image', async () => {
    const { evaluation } = await evaluate((app) => {
      const { prod } = twoStacks(app);
      ImagePolicies.of(prod.node.findChild('other')).addPack(customPack('custom', flagRule('Custom.Flag', 'warning', ['img-6pb6lrmy'])));
    });
    expect(places(evaluation.result.findings)).toEqual(['prod/other img-6pb6lrmy Custom.Flag']);
  });

  test('a stack whose id starts with another\'s is not under it', async () => {
    const { evaluation } = await evaluate((app) => {
      shares(new TerraformStack(app, 'prod'), 'shares', ['img-6pb6lrmy']);
      const prod2 = new TerraformStack(app, 'prod-2');
      shares(prod2, 'shares', ['img-6pb6lrmy']);
      ImagePolicies.of(app.node.findChild('prod')).addPack(customPack('custom', flagRule('Custom.Flag', 'warning', ['img-6pb6lrmy'])));
    });
    expect(places(evaluation.result.findings)).toEqual(['prod/shares img-6pb6lrmy Custom.Flag']);
  });

  test('one pack object attached twice to a scope, and to the app and a stack, runs its rule once per subject', async () => {
    const rule = flagRule('Custom.Flag', 'warning', ['img-6pb6lrmy']);
    const pack = customPack('custom', rule);
    const { evaluation } = await evaluate((app) => {
      const { prod } = twoStacks(app);
      rule.checked.length = 0; // only the final build's evaluation counts
      ImagePolicies.of(prod).addPack(pack).addPack(pack);
      ImagePolicies.of(app).addPack(pack);
    });
    expect(places(evaluation.result.findings)).toEqual(flagged);
    expect(rule.checked).toEqual(['prod/shares img-6pb6lrmy', 'prod/other img-6pb6lrmy', 'dev/shares img-6pb6lrmy']);
  });
});

test('the same pack configured per stack: each stack is checked by its own allowlist', async () => {
  const { evaluation } = await evaluate((app) => {
    const partners = new TerraformStack(app, 'partners');
    shares(partners, 'golden', ['img-jgggrva9', 'img-6pb6lrmy']);
    const vendor = new TerraformStack(app, 'vendor');
    shares(vendor, 'golden', ['img-jgggrva9', 'img-6pb6lrmy']);
    ImagePolicies.of(partners).addPack(tencentSharesPack({ allowlistedAccounts: { accounts: ['1621874004', '877354327'] } }));
    ImagePolicies.of(vendor).addPack(tencentSharesPack({ allowlistedAccounts: { accounts: ['3000000001'] } }));
  });
  const allowlist = evaluation.result.findings.filter((finding) => finding.ruleId === 'TencentShares.AllowlistedAccounts');
  expect(allowlist.map((finding) => [finding.constructPath, finding.imageId, finding.evidence])).toEqual([
    ['partners/golden', 'img-6pb6lrmy', { uins: ['3000000001'], allowlist: ['1621874004', '877354327'] }],
    ['vendor/golden', 'img-jgggrva9', { uins: ['1621874004', '877354327'], allowlist: ['3000000001'] }],
  ]);
  // Every subject checked once per rule id, whichever stack's pack holds the rule.
  expect(evaluation.result.rules.find((rule) => rule.id === 'TencentShares.AllowlistedAccounts')?.subjectCount).toBe(4);
  expect(evaluation.result.rules.find((rule) => rule.id === 'TencentShares.ImageFound')?.subjectCount).toBe(4);
  expect(evaluation.result.findings.filter((finding) => finding.ruleId !== 'TencentShares.AllowlistedAccounts')).toEqual([]);
});

test('two different packs with one rule id on two stacks are refused at synth, naming the later pack\'s scope', async () => {
  const app = await resolved(tempDir(), testingApp, (scope) => {
    const { prod, dev } = twoStacks(scope);
    ImagePolicies.of(prod).addPack(customPack('team-a', flagRule('Custom.Same', 'warning', [])));
    ImagePolicies.of(dev).addPack(customPack('team-b', flagRule('Custom.Same', 'warning', [])));
  });
  const error = thrown(() => Testing.synth(app.node.findChild('prod') as TerraformStack), LookupInputError);
  expect(error).toMatchObject({ code: 'InvalidLookupInput', input: 'ImagePolicies.of(dev): addPack(pack).rules[0]' });
  expect(error.message).toMatch(/the rule id "Custom\.Same" is also used by another rule \(in pack team-a\)/);
});

describe('suppressions are scoped by where they are attached', () => {
  const flag = () => customPack('custom', flagRule('Custom.Flag', 'error', ['img-6pb6lrmy']));

  test('at a stack, without constructPath: that stack and everything under it, by rule or by image', async () => {
    const { evaluation } = await evaluate((app) => {
      const { prod } = twoStacks(app);
      ImagePolicies.of(app).addPack(flag());
      ImagePolicies.of(prod).suppress({ ruleId: 'Custom.Flag', imageId: 'img-6pb6lrmy', reason: 'Prod keeps the partner share until 2027' });
    });
    expect(places(evaluation.result.findings)).toEqual(['dev/shares img-6pb6lrmy Custom.Flag']);
    expect(evaluation.result.suppressed.map(({ finding }) => finding.constructPath)).toEqual(['prod/shares', 'prod/other']);
    expect(evaluation.result.unusedSuppressions).toEqual([]);
  });

  test('at a construct: that construct only', async () => {
    const { evaluation } = await evaluate((app) => {
      const { prod } = twoStacks(app);
      ImagePolicies.of(app).addPack(flag());
      ImagePolicies.of(prod.node.findChild('other')).suppress({ ruleId: 'Custom.Flag', reason: 'The other share list is being retired' });
    });
    expect(places(evaluation.result.findings)).toEqual(['prod/shares img-6pb6lrmy Custom.Flag', 'dev/shares img-6pb6lrmy Custom.Flag']);
    expect(evaluation.result.suppressed.map(({ finding }) => finding.constructPath)).toEqual(['prod/other']);
  });

  test('with a constructPath, it is a glob over full paths, as at the app', async () => {
    const { evaluation } = await evaluate((app) => {
      const { prod } = twoStacks(app);
      ImagePolicies.of(app).addPack(flag());
      ImagePolicies.of(prod).suppress({ ruleId: 'Custom.Flag', constructPath: 'prod/shares', reason: 'Only the main share list is accepted' });
    });
    expect(evaluation.result.suppressed.map(({ finding }) => finding.constructPath)).toEqual(['prod/shares']);
  });

  test('one that matches nothing is unused, and a warning on the stack it was attached to', async () => {
    const { app, evaluation } = await evaluate((scope) => {
      twoStacks(scope);
      ImagePolicies.of(scope).addPack(flag());
      ImagePolicies.of(scope.node.findChild('dev')).suppress({ ruleId: 'Custom.Missing', reason: 'A rule id with a typo in it' });
    });
    expect(evaluation.result.unusedSuppressions).toMatchObject([{ ruleId: 'Custom.Missing', constructPath: 'dev{,/**}' }]);
    const dev = app.node.findChild('dev') as TerraformStack;
    Testing.synth(dev);
    expect(annotationsOf(dev)).toEqual([expect.stringMatching(/^warning: The suppression of Custom\.Missing \(constructPath dev and everything under it\) matches no finding/)]);
  });

  test.each(['**', 'dev/**', 'production/**'])('at a stack, a constructPath reaching outside it (%s) is refused, naming it', (glob) => {
    const app = testingApp();
    const prod = new TerraformStack(app, 'prod');
    const error = thrown(() => ImagePolicies.of(prod).suppress({ ruleId: 'Custom.Flag', constructPath: glob, reason: 'Reaches too far for a stack' }), LookupInputError);
    expect(error.input).toBe('ImagePolicies.of(prod): suppressions[0].constructPath');
    expect(error.message).toContain(`"${glob}" reaches outside prod: give a glob under it, such as "prod/**"`);
  });
});

test('a stack\'s pack adding a rule keeps the app\'s other rules there: each rule id is the nearest scope\'s', async () => {
  const { evaluation } = await evaluate((app) => {
    const { prod } = twoStacks(app);
    ImagePolicies.of(app).addPack(tencentSharesPack({ allowlistedAccounts: { accounts: ['1621874004'] } }));
    ImagePolicies.of(prod).addPack(tencentSharesPack({ maxSharesPerImage: { max: 0 } }));
  });
  const found = places(evaluation.result.findings.filter((finding) => /AllowlistedAccounts|MaxSharesPerImage/.test(finding.ruleId)));
  expect(found.sort()).toEqual([
    'dev/shares img-6pb6lrmy TencentShares.AllowlistedAccounts',
    'prod/other img-6pb6lrmy TencentShares.AllowlistedAccounts',
    'prod/other img-6pb6lrmy TencentShares.MaxSharesPerImage',
    'prod/shares img-6pb6lrmy TencentShares.AllowlistedAccounts',
    'prod/shares img-6pb6lrmy TencentShares.MaxSharesPerImage',
  ]);
});

test('the app\'s pack and a stack\'s configuration of the same pack: the stack\'s replaces it there, so nothing is found twice', async () => {
  const { evaluation } = await evaluate((app) => {
    const { prod } = twoStacks(app);
    ImagePolicies.of(app).addPack(tencentSharesPack({ allowlistedAccounts: { accounts: ['1621874004'] } }));
    ImagePolicies.of(prod).addPack(tencentSharesPack({ allowlistedAccounts: { accounts: ['1621874004', '3000000001'] } }));
  });
  // dev is checked by the app's allowlist; prod only by its own, which accepts 3000000001.
  expect(places(evaluation.result.findings.filter((finding) => finding.ruleId === 'TencentShares.AllowlistedAccounts'))).toEqual([
    'dev/shares img-6pb6lrmy TencentShares.AllowlistedAccounts',
  ]);
  // Each rule id checks each of the three subjects once.
  for (const rule of evaluation.result.rules) expect([rule.id, rule.subjectCount]).toEqual([rule.id, 3]);
  const quota = evaluation.result.findings.filter((finding) => finding.ruleId === 'TencentShares.ShareQuotaHeadroom');
  expect(new Set(quota.map((finding) => `${finding.constructPath} ${finding.imageId}`)).size).toBe(quota.length);
});

describe('failOn: the nearest scope\'s, unless IMAGE_LOOKUPS_FAIL_ON says otherwise', () => {
  const failing = (evaluation: AppEvaluation) => evaluation.result.findings.map((finding) => `${finding.constructPath} ${evaluation.failOnOf(finding)} ${evaluation.isFailing(finding)}`);
  const build = (app: App) => {
    const { dev, prod } = twoStacks(app);
    ImagePolicies.of(app).addPack(customPack('custom', flagRule('Custom.Flag', 'warning', ['img-6pb6lrmy']))).failOn('warning');
    ImagePolicies.of(dev).failOn('error');
    ImagePolicies.of(prod.node.findChild('other')).addPack(customPack('other', flagRule('Other.Flag', 'info', [])), { failOn: 'error' });
  };

  test('the app fails on warnings, dev and prod/other only on errors', async () => {
    const { evaluation } = await evaluate(build);
    expect(failing(evaluation)).toEqual(['prod/shares warning true', 'prod/other error false', 'dev/shares error false']);
  });

  test('nothing set anywhere: error, so a warning does not fail', async () => {
    const { evaluation } = await evaluate((app) => {
      twoStacks(app);
      ImagePolicies.of(app).addPack(customPack('custom', flagRule('Custom.Flag', 'warning', ['img-6pb6lrmy'])));
    });
    expect(failing(evaluation)).toEqual(['prod/shares error false', 'prod/other error false', 'dev/shares error false']);
  });

  test.each([
    ['warning', ['prod/shares warning true', 'prod/other warning true', 'dev/shares warning true']],
    ['ERROR', ['prod/shares error false', 'prod/other error false', 'dev/shares error false']],
  ])('IMAGE_LOOKUPS_FAIL_ON=%s wins over every scope', async (env, expected) => {
    process.env.IMAGE_LOOKUPS_FAIL_ON = env;
    const { evaluation } = await evaluate(build);
    expect(failing(evaluation)).toEqual(expected);
  });

  test('IMAGE_LOOKUPS_FAIL_ON set to anything else is refused, naming it', async () => {
    process.env.IMAGE_LOOKUPS_FAIL_ON = 'info';
    const app = await resolved(tempDir(), testingApp, build);
    expect(thrown(() => evaluateAppPolicies(app), LookupInputError)).toMatchObject({ code: 'InvalidLookupInput', input: 'IMAGE_LOOKUPS_FAIL_ON' });
  });
});

describe('a pinned clock decides date rules and is the evaluation\'s time', () => {
  // img-6pb6lrmy was shared on 2024-03-04 10:21:08 Beijing time; COVER was created on 2025-06-03.
  test.each([
    ['2024-04-01T00:00:00Z', []],
    ['2024-07-01T00:00:00Z', [{ maxAgeDays: 90, shares: [{ uin: '3000000001', shareTimeStamp: '2024-03-04 10:21:08', ageDays: 118 }] }]],
  ])('TencentShares.MaxShareAge at %s', async (now, evidence) => {
    const { evaluation } = await evaluate((app) => {
      shares(new TerraformStack(app, 'prod'), 'shares', ['img-6pb6lrmy']);
      ImagePolicies.of(app).addPack(tencentSharesPack({ maxShareAge: { maxAgeDays: 90 } })).pinClock(now);
    });
    expect(evaluation.result.evaluatedAt).toBe(new Date(now).toISOString());
    expect(evaluation.result.findings.filter((finding) => finding.ruleId === 'TencentShares.MaxShareAge').map((finding) => finding.evidence)).toEqual(evidence);
  });

  test.each([
    [new Date('2025-06-20T00:00:00Z'), 0],
    [new Date('2025-08-01T00:00:00Z'), 1],
  ])('AliyunVod.MaxAge at %s, pinned on a stack', async (now, count) => {
    const { evaluation } = await evaluate((app) => {
      const stack = new TerraformStack(app, 'media');
      cover(stack, 'hero');
      ImagePolicies.of(stack).addPack(vodImagesPack({ maxAge: { maxAgeDays: 30 } })).pinClock(now);
    });
    expect(evaluation.result.findings.filter((finding) => finding.ruleId === 'AliyunVod.MaxAge')).toHaveLength(count);
    expect(evaluation.result.findings.filter((finding) => finding.ruleId !== 'AliyunVod.MaxAge')).toEqual([]);
  });
});

describe('the evaluation is made once, until something changes', () => {
  test('the same evaluation again; a later addPack, pinClock, suppression or lookup construct makes a new one', async () => {
    let prod!: TerraformStack;
    const app = await resolved(tempDir(), testingApp, (scope) => {
      ({ prod } = twoStacks(scope));
      ImagePolicies.of(scope).addPack(customPack('custom', flagRule('Custom.Flag', 'warning', ['img-6pb6lrmy']))).pinClock('2026-01-01T00:00:00Z');
    });
    const first = evaluateAppPolicies(app)!;
    expect(evaluateAppPolicies(prod)).toBe(first);

    ImagePolicies.of(prod).addPack(customPack('late', flagRule('Late.Flag', 'error', ['img-6pb6lrmy'])));
    const second = evaluateAppPolicies(app)!;
    expect(second).not.toBe(first);
    expect(places(second.result.findings)).toEqual([
      'prod/shares img-6pb6lrmy Custom.Flag', 'prod/other img-6pb6lrmy Custom.Flag', 'dev/shares img-6pb6lrmy Custom.Flag',
      'prod/shares img-6pb6lrmy Late.Flag', 'prod/other img-6pb6lrmy Late.Flag',
    ]);

    ImagePolicies.of(app).pinClock('2026-02-01T00:00:00Z');
    const third = evaluateAppPolicies(app)!;
    expect(third.result.evaluatedAt).toBe('2026-02-01T00:00:00.000Z');

    ImagePolicies.of(prod).suppress({ ruleId: 'Late.Flag', reason: 'Accepted for the prod stack' });
    const fourth = evaluateAppPolicies(app)!;
    expect(fourth.result.suppressed).toHaveLength(2);

    shares(prod, 'late', ['img-6pb6lrmy']); // answered from the engine's cache: resolved at once
    const fifth = evaluateAppPolicies(app)!;
    expect(fifth).not.toBe(fourth);
    expect(fifth.result.subjectCount).toBe(4);
  });

  test('an app without anything attached is not evaluated', async () => {
    const app = await resolved(tempDir(), testingApp, (scope) => { twoStacks(scope); });
    expect(evaluateAppPolicies(app)).toBeUndefined();
  });
});
