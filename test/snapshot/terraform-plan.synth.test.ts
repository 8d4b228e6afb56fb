import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalBackend, TerraformStack } from 'cdktf';
import { resolveLookups } from '../../src/engine';
import { Emulator } from '../../src/emulator';
import { TencentImageShares } from '../../src/tencent-image-shares';
import { appIn, isolateEnv, tempDirs } from '../support/fixtures';
import { TEST_CREDENTIALS, TEST_DATA } from '../tencent-image-shares/fixtures';

const hasTerraform = spawnSync('terraform', ['version'], { stdio: 'ignore' }).status === 0;
isolateEnv();
const tempDir = tempDirs();

/** Synthesizes a terraform_data snapshot of the share lists of `imageIds` (img-jgggrva9's by default), as served by `data`. */
async function synthSnapshot(dir: string, data: typeof TEST_DATA, imageIds: readonly string[] = ['img-jgggrva9']): Promise<string> {
  const emulator = await Emulator.start({ data });
  try {
    const { app } = await resolveLookups((scope) => {
      const stack = new TerraformStack(scope, 'shares');
      new LocalBackend(stack, { path: path.join(dir, 'terraform.tfstate') });
      new TencentImageShares(stack, 'golden', {
        region: 'ap-guangzhou', imageIds, endpoint: emulator.origin, ...TEST_CREDENTIALS, snapshot: 'terraform_data',
      });
    }, { cacheFile: path.join(dir, `cache-${Date.now()}.json`), createApp: appIn(dir) });
    app.synth();
  } finally {
    await emulator.stop();
  }
  return path.join(dir, 'cdktf.out', 'stacks', 'shares');
}

/** Runs terraform offline: no provider is needed for terraform_data, and nothing may be downloaded. */
function terraform(stackDir: string, ...args: string[]): string {
  const config = path.join(stackDir, 'empty.tfrc');
  fs.writeFileSync(config, '');
  return execFileSync('terraform', [...args, '-input=false', '-no-color'], {
    cwd: stackDir,
    encoding: 'utf8',
    env: { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_CLI_CONFIG_FILE: config },
  });
}

(hasTerraform ? describe : describe.skip)('with the terraform binary', () => {
  test('init and plan work offline, and plan shows when sharing changed', async () => {
    const dir = tempDir();
    const stackDir = await synthSnapshot(dir, TEST_DATA);

    terraform(stackDir, 'init');
    expect(terraform(stackDir, 'plan')).toMatch(/terraform_data\.golden_snapshot_resource_\w+ will be created[\s\S]*digest\s+= "sha256:[0-9a-f]{64}"/);
    terraform(stackDir, 'apply', '-auto-approve');
    expect(terraform(stackDir, 'plan')).toContain('No changes.');

    // Someone shares the image with one more account: the next synth changes the digest.
    const shared = structuredClone(TEST_DATA);
    shared.tencent.regions['ap-guangzhou']['img-jgggrva9'].push({ uin: '999999999', shareTimeStamp: '2026-11-20 09:00:00' });
    await synthSnapshot(dir, shared);
    expect(terraform(stackDir, 'plan')).toMatch(/terraform_data\.golden_snapshot_resource_\w+ must be replaced[\s\S]*~ digest\s+= "sha256:[0-9a-f]{64}" -> "sha256:[0-9a-f]{64}"/);
  });

  test('with imageOutputs off, plan names the image whose sharing changed, and not the unchanged ones', async () => {
    const dir = tempDir();
    const imageIds = ['img-jgggrva9', 'img-6pb6lrmy', 'img-2xk9q7dm'];
    const stackDir = await synthSnapshot(dir, TEST_DATA, imageIds);
    terraform(stackDir, 'init');
    terraform(stackDir, 'apply', '-auto-approve');

    // img-6pb6lrmy is shared with one more account; the other two are unchanged.
    const shared = structuredClone(TEST_DATA);
    shared.tencent.regions['ap-guangzhou']['img-6pb6lrmy'].push({ uin: '999999999', shareTimeStamp: '2026-11-20 09:00:00' });
    await synthSnapshot(dir, shared, imageIds);
    const plan = terraform(stackDir, 'plan');
    expect(plan).toMatch(/~ digest\s+= "sha256:[0-9a-f]{64}" -> "sha256:[0-9a-f]{64}"/);
    expect(plan).toMatch(/~ img-6pb6lrmy\s+= "[0-9a-f]{8}" -> "[0-9a-f]{8}"/);
    expect(plan).toContain('(2 unchanged attributes hidden)');
    expect(plan).not.toContain('img-jgggrva9');
    expect(plan).not.toContain('img-2xk9q7dm');
  });
});
