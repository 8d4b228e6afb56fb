// The policy aspect: findings become cdktf annotations on the constructs they concern, when a stack
// is synthesized (Testing.synth, app.synth), from one evaluation of the whole app made after the
// final build. Apps are built through the engine against the emulator on a cold temp cache.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { resolveLookups } from '../../src/engine';
import type { BatchRule, PolicySubject } from '../../src/policy';
import { ImagePolicies } from '../../src/policy/image-policies';
import { appIn, isolateEnv, tempDirs, testingApps } from '../support/fixtures';
import { allAnnotations, annotationsOf, customPack, flagRule, lookupsOn, policyEmulator, resolved } from './policy-app';

isolateEnv();
const tempDir = tempDirs();
const testingApp = testingApps();
const emulator = policyEmulator();
const { shares } = lookupsOn(emulator);

const CONTINUE = 'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS';
afterEach(() => { delete process.env[CONTINUE]; });

const line = (imageId: string, ruleId: string, severity: string) =>
  `${imageId}: ${ruleId} (${severity}): ${imageId} is flagged by ${ruleId}. Fix: Stop using the flagged image.`;

/** prod/shares looks up img-6pb6lrmy and img-2xk9q7dm, under a pack with a rule per level. */
function levels(app: App): TerraformStack {
  const prod = new TerraformStack(app, 'prod');
  shares(prod, 'shares', ['img-6pb6lrmy', 'img-2xk9q7dm']);
  ImagePolicies.of(app).addPack(customPack('custom',
    flagRule('Custom.Error', 'error', ['img-6pb6lrmy']),
    flagRule('Custom.Warning', 'warning', ['img-6pb6lrmy']),
    flagRule('Custom.Info', 'info', ['img-2xk9q7dm'])));
  return prod;
}

describe('annotations, via Testing.synth', () => {
  test('one line per finding at its level: error, warning, info; Testing.synth does not throw', async () => {
    const app = await resolved(tempDir(), testingApp, levels);
    const prod = app.node.findChild('prod') as TerraformStack;
    expect(() => Testing.synth(prod)).not.toThrow();
    expect(annotationsOf(prod.node.findChild('shares'))).toEqual([
      `error: ${line('img-6pb6lrmy', 'Custom.Error', 'error')}`,
      `warning: ${line('img-6pb6lrmy', 'Custom.Warning', 'warning')}`,
      `info: ${line('img-2xk9q7dm', 'Custom.Info', 'info')}`,
    ]);
    // A second synth adds nothing.
    Testing.synth(prod);
    expect(annotationsOf(prod.node.findChild('shares'))).toHaveLength(3);
  });

  test('suppressed findings as info; expired and ignored suppressions as warnings; an unused one on its stack', async () => {
    const app = await resolved(tempDir(), testingApp, (scope) => {
      const prod = new TerraformStack(scope, 'prod');
      shares(prod, 'shares', ['img-6pb6lrmy', 'img-2xk9q7dm']);
      const locked = { ...flagRule('Custom.Locked', 'error', ['img-2xk9q7dm']), suppressible: false };
      ImagePolicies.of(scope).addPack(customPack('custom', flagRule('Custom.Error', 'error', ['img-6pb6lrmy']), flagRule('Custom.Old', 'warning', ['img-6pb6lrmy']), locked))
        .pinClock('2026-06-01T00:00:00Z');
      ImagePolicies.of(prod).suppress(
        { ruleId: 'Custom.Error', reason: 'Shared with the partner under contract', owner: 'platform-team' },
        { ruleId: 'Custom.Old', reason: 'Was accepted until the spring', expiresAt: '2026-03-31' },
        { ruleId: 'Custom.Locked', reason: 'Trying to hide a locked rule' },
        { ruleId: 'Custom.Nothing', reason: 'Matches no finding at all' },
      );
    });
    const prod = app.node.findChild('prod') as TerraformStack;
    Testing.synth(prod);
    expect(annotationsOf(prod.node.findChild('shares'))).toEqual([
      `warning: ${line('img-6pb6lrmy', 'Custom.Old', 'warning')}`,
      `error: ${line('img-2xk9q7dm', 'Custom.Locked', 'error')}`,
      'info: img-6pb6lrmy: Custom.Error suppressed: img-6pb6lrmy is flagged by Custom.Error. Accepted: Shared with the partner under contract. (owner platform-team)',
      'warning: img-6pb6lrmy: the suppression of Custom.Old expired at 2026-03-31T00:00:00.000Z, so its finding is reported again: fix it, or renew the suppression.',
      'warning: img-2xk9q7dm: Custom.Locked cannot be suppressed, so the suppression (Trying to hide a locked rule.) is ignored: fix the finding, and remove the suppression.',
    ]);
    expect(annotationsOf(prod)).toEqual([
      'warning: The suppression of Custom.Nothing (constructPath prod and everything under it) matches no finding: remove it, or correct its rule id, path or image.',
    ]);
  });

  test('an unused suppression attached to the app is no annotation (and no crash)', async () => {
    const app = await resolved(tempDir(), testingApp, (scope) => {
      levels(scope);
      ImagePolicies.of(scope).suppress({ ruleId: 'Custom.Nothing', constructPath: '**', reason: 'Matches no finding at all' });
    });
    const prod = app.node.findChild('prod') as TerraformStack;
    expect(() => Testing.synth(prod)).not.toThrow();
    expect(annotationsOf(prod)).toEqual([]);
    expect(annotationsOf(prod.node.findChild('shares'))).toHaveLength(3);
  });

  test('a rule that throws is an error finding naming the rule, not a crash', async () => {
    const app = await resolved(tempDir(), testingApp, (scope) => {
      shares(new TerraformStack(scope, 'prod'), 'shares', ['img-6pb6lrmy']);
      ImagePolicies.of(scope).addPack(customPack('custom', {
        ...flagRule('Custom.Broken', 'warning', []),
        check: () => { throw new RangeError('boom'); },
      }));
    });
    const prod = app.node.findChild('prod') as TerraformStack;
    expect(() => Testing.synth(prod)).not.toThrow();
    expect(annotationsOf(prod.node.findChild('shares'))).toEqual([
      'error: img-6pb6lrmy: Custom.Broken (error): Rule Custom.Broken (pack custom) failed while checking img-6pb6lrmy: RangeError: boom. ' +
      'The image was not checked against it. Fix: Fix the rule Custom.Broken, or leave it out of the pack custom until it is fixed.',
    ]);
  });
});

describe('a real App synth', () => {
  test('throws cdktf\'s error listing each failing finding with its construct path, and writes no stack', async () => {
    const dir = tempDir();
    const app = await resolved(dir, appIn(dir), levels);
    expect(() => app.synth()).toThrow(/^Encountered Annotations with level "ERROR":\n\[prod\/shares\] img-6pb6lrmy: Custom\.Error \(error\): img-6pb6lrmy is flagged by Custom\.Error\. Fix: Stop using the flagged image\.\n\nEither fix/);
    expect(fs.existsSync(path.join(dir, 'cdktf.out', 'stacks', 'prod', 'cdk.tf.json'))).toBe(false);
  });

  test(`with ${CONTINUE} it synthesizes, the findings in the manifest`, async () => {
    process.env[CONTINUE] = '1';
    const dir = tempDir();
    const app = await resolved(dir, appIn(dir), levels);
    expect(() => app.synth()).not.toThrow();
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.out', 'manifest.json'), 'utf8'));
    expect(manifest.stacks.prod.annotations.map((annotation: { level: string; constructPath: string; message: string }) => `${annotation.level} ${annotation.constructPath} ${annotation.message}`)).toEqual([
      `@cdktf/error prod/shares ${line('img-6pb6lrmy', 'Custom.Error', 'error')}`,
      `@cdktf/warn prod/shares ${line('img-6pb6lrmy', 'Custom.Warning', 'warning')}`,
      `@cdktf/info prod/shares ${line('img-2xk9q7dm', 'Custom.Info', 'info')}`,
    ]);
    expect(fs.existsSync(path.join(dir, 'cdktf.out', 'stacks', 'prod', 'cdk.tf.json'))).toBe(true);
  });

  test('failOn warning turns warnings into errors, saying so', async () => {
    const dir = tempDir();
    const app = await resolved(dir, appIn(dir), (scope) => {
      const prod = new TerraformStack(scope, 'prod');
      shares(prod, 'shares', ['img-6pb6lrmy']);
      ImagePolicies.of(scope).addPack(customPack('custom', flagRule('Custom.Warning', 'warning', ['img-6pb6lrmy'])));
      ImagePolicies.of(prod).failOn('warning');
    });
    expect(() => app.synth()).toThrow(`[prod/shares] ${line('img-6pb6lrmy', 'Custom.Warning', 'warning, failing with failOn warning')}`);
  });

  test('warnings alone do not fail it', async () => {
    const dir = tempDir();
    const app = await resolved(dir, appIn(dir), (scope) => {
      shares(new TerraformStack(scope, 'prod'), 'shares', ['img-6pb6lrmy']);
      ImagePolicies.of(scope).addPack(customPack('custom', flagRule('Custom.Warning', 'warning', ['img-6pb6lrmy'])));
    });
    expect(() => app.synth()).not.toThrow();
    expect(annotationsOf(app.node.findChild('prod').node.findChild('shares'))).toEqual([`warning: ${line('img-6pb6lrmy', 'Custom.Warning', 'warning')}`]);
  });
});

describe('policies run once, after the final build, over resolved lookups only', () => {
  /** A rule that records every subject it is given, and a batch rule that records every call. */
  function countingPack() {
    const seen: string[] = [];
    const batches: number[] = [];
    const record = (subject: PolicySubject) => `${subject.constructPath} ${subject.imageId} found=${subject.found} shares=${subject.found ? (subject.facts as { shares: unknown[] }).shares.length : '-'}`;
    const batch: BatchRule = {
      id: 'Count.Batch', apiId: 'tencent-image-shares', severity: 'info', description: 'Counts evaluations', fixHint: 'Nothing to do.',
      checkAll: (subjects) => { batches.push(subjects.length); return []; },
    };
    const each = { ...flagRule('Count.Each', 'warning', ['img-6pb6lrmy']), check: (subject: PolicySubject) => {
      seen.push(record(subject));
      return subject.imageId === 'img-6pb6lrmy' ? [{ message: `${subject.imageId} is flagged by Count.Each` }] : [];
    } };
    return { pack: customPack('count', each, batch as never), seen, batches };
  }

  test('a cold cache takes a provisional build; the rules see each resolved subject once, at synth', async () => {
    const { pack, seen, batches } = countingPack();
    const dir = tempDir();
    const { app, stats } = await resolveLookups((scope) => {
      shares(new TerraformStack(scope, 'prod'), 'shares', ['img-jgggrva9', 'img-6pb6lrmy']);
      shares(new TerraformStack(scope, 'dev'), 'shares', ['img-2xk9q7dm']);
      ImagePolicies.of(scope).addPack(pack);
    }, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir) });
    expect(stats.rounds).toBe(2);
    expect(seen).toEqual([]); // building evaluates nothing
    app.synth();
    expect(seen).toEqual(['prod/shares img-jgggrva9 found=true shares=2', 'prod/shares img-6pb6lrmy found=true shares=1', 'dev/shares img-2xk9q7dm found=true shares=0']);
    expect(batches).toEqual([3]); // one evaluation for both stacks
    // Each finding is annotated on its own stack's construct only.
    expect(allAnnotations(app)).toEqual([`[prod/shares] warning: ${line('img-6pb6lrmy', 'Count.Each', 'warning')}`]);
  });

  test('the first stack synthesized annotates every stack, once, from the one evaluation', async () => {
    const { pack, batches } = countingPack();
    const app = await resolved(tempDir(), testingApp, (scope) => {
      shares(new TerraformStack(scope, 'dev'), 'shares', ['img-2xk9q7dm']);
      shares(new TerraformStack(scope, 'prod'), 'shares', ['img-6pb6lrmy']);
      ImagePolicies.of(scope).addPack(pack);
    });
    Testing.synth(app.node.findChild('dev') as TerraformStack);
    expect(allAnnotations(app)).toEqual([`[prod/shares] warning: ${line('img-6pb6lrmy', 'Count.Each', 'warning')}`]);
    Testing.synth(app.node.findChild('prod') as TerraformStack);
    Testing.synth(app.node.findChild('dev') as TerraformStack);
    expect(allAnnotations(app)).toEqual([`[prod/shares] warning: ${line('img-6pb6lrmy', 'Count.Each', 'warning')}`]);
    expect(batches).toEqual([2]);
  });

  test('on a warm cache the one build is final: still nothing runs until a stack is synthesized', async () => {
    const { pack, seen } = countingPack();
    const dir = tempDir();
    // A second build on a warm cache is final at once: still nothing runs before synth.
    const build = (scope: App) => {
      shares(new TerraformStack(scope, 'prod'), 'shares', ['img-6pb6lrmy']);
      ImagePolicies.of(scope).addPack(pack);
    };
    await resolveLookups(build, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir) });
    const { app, stats } = await resolveLookups(build, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir) });
    expect(stats.rounds).toBe(1);
    expect(seen).toEqual([]);
    app.synth();
    expect(seen).toEqual(['prod/shares img-6pb6lrmy found=true shares=1']);
  });
});
