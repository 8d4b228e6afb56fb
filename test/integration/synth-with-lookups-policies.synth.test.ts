// synthWithLookups() with policies attached, against the emulator on a cold temp cache: the
// policy summary lines after the lookup summary, and the exit code when a finding fails the synth.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformStack, type App } from 'cdktf';
import { synthWithLookups } from '../../src/engine';
import { ImagePolicies } from '../../src/policy/image-policies';
import { appIn, isolateEnv, tempDirs } from '../support/fixtures';
import { customPack, flagRule, lookupsOn, policyEmulator } from '../policy/policy-app';

isolateEnv();
const tempDir = tempDirs();
const emulator = policyEmulator();
const { shares } = lookupsOn(emulator);

/** Runs synthWithLookups on `build`, collecting what it logs and prints to stderr, and the exit code it set. */
async function run(build: (app: App) => void) {
  const dir = tempDir();
  const logged: string[] = [];
  const errors: string[] = [];
  const stderr = jest.spyOn(console, 'error').mockImplementation((message) => { errors.push(String(message)); });
  const saved = process.exitCode;
  process.exitCode = undefined;
  try {
    const stats = await synthWithLookups(build, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir), log: (line) => logged.push(line) });
    return { stats, exitCode: process.exitCode, logged, errors, outdir: path.join(dir, 'cdktf.out') };
  } finally {
    stderr.mockRestore();
    process.exitCode = saved;
  }
}

/** prod/shares looks up three images; a warning rule flags img-2xk9q7dm, an error rule (when `failing`) img-6pb6lrmy. */
function app(failing: boolean) {
  return (scope: App) => {
    const prod = new TerraformStack(scope, 'prod');
    shares(prod, 'shares', ['img-jgggrva9', 'img-6pb6lrmy', 'img-2xk9q7dm']);
    ImagePolicies.of(scope).addPack(customPack('custom',
      flagRule('Custom.Error', 'error', failing ? ['img-6pb6lrmy'] : []),
      flagRule('Custom.Warning', 'warning', ['img-2xk9q7dm'])));
    ImagePolicies.of(prod).suppress({ ruleId: 'Custom.Gone', imageId: 'img-jgggrva9', reason: 'A rule that was removed long ago' });
  };
}

test('without failing findings: the lookup summary, then the policy summary and each unused suppression; exit code untouched', async () => {
  const result = await run(app(false));
  expect(result.exitCode).toBeUndefined();
  expect(result.stats).toMatchObject({ lookups: 4, rounds: 2 });
  expect(result.errors).toEqual([]);
  expect(result.logged).toEqual([
    expect.stringMatching(/^image-lookups: 4 lookups \(0 from cache, 4 fetched with 1 API call, 0 discovery-only\) in 2 rounds, mode auto; cache .* updated$/),
    'image-lookups: policies: 2 rules over 3 images: 0 errors, 1 warning, 0 info, 0 failing; 0 suppressed, 0 expired suppressions, 0 ignored suppressions, 1 unused suppression',
    'image-lookups: warning: The suppression of Custom.Gone (constructPath prod and everything under it, imageId img-jgggrva9) matches no finding: remove it, or correct its rule id, path or image.',
  ]);
  expect(fs.existsSync(path.join(result.outdir, 'stacks', 'prod', 'cdk.tf.json'))).toBe(true);
});

test('with an error finding: exit code 1, cdktf\'s list of failing annotations on stderr, the policy summary still logged', async () => {
  const result = await run(app(true));
  expect(result.stats).toBeUndefined();
  expect(result.exitCode).toBe(1);
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0]).toMatch(/^Encountered Annotations with level "ERROR":\n\[prod\/shares\] img-6pb6lrmy: Custom\.Error \(error\): img-6pb6lrmy is flagged by Custom\.Error\. Fix: Stop using the flagged image\./);
  expect(result.errors[0]).not.toMatch(/\n\s+at /); // no stack trace
  expect(result.logged).toEqual([
    // The lookups were settled before synth failed: their summary is still given.
    expect.stringMatching(/^image-lookups: 4 lookups \(0 from cache, 4 fetched with 1 API call/),
    'image-lookups: policies: 2 rules over 3 images: 1 error, 1 warning, 0 info, 1 failing; 0 suppressed, 0 expired suppressions, 0 ignored suppressions, 1 unused suppression',
    expect.stringMatching(/^image-lookups: warning: The suppression of Custom\.Gone/),
  ]);
  expect(fs.existsSync(path.join(result.outdir, 'stacks', 'prod', 'cdk.tf.json'))).toBe(false);
});

test('with nothing attached: no policy line', async () => {
  const result = await run((scope) => { shares(new TerraformStack(scope, 'prod'), 'shares', ['img-jgggrva9']); });
  expect(result.exitCode).toBeUndefined();
  expect(result.logged).toEqual([expect.stringMatching(/^image-lookups: 2 lookups /)]);
});
