// terraform_data snapshots check the terraform binary's version once, not once per resource (cdktf's
// DataResource spawns `terraform version` for every instance). The app runs as a real process with a
// stand-in terraform first on PATH that logs each run (jest's process.env does not reach child processes).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { TerraformDataSnapshot } from '../../src/snapshot';
import { tempDirs, testingApps } from '../support/fixtures';

const tempDir = tempDirs();
const testingApp = testingApps();

/** 3 stacks of 5 terraform_data snapshots, synthesized with validations in a child process. */
const APP = `
  const { App, TerraformStack } = require('cdktf');
  const { TerraformDataSnapshot } = require(${JSON.stringify(path.resolve(__dirname, '../../src/snapshot'))});
  const app = new App({ outdir: process.argv[1] });
  for (let s = 0; s < 3; s++) {
    const stack = new TerraformStack(app, 'stack-' + s);
    for (let r = 0; r < 5; r++) new TerraformDataSnapshot(stack, 'snapshot-' + r, { digest: 'sha256:' + s + r });
  }
  app.synth();
`;

function synthWithTerraform(version: string): Promise<{ code: number | null; stderr: string; runs: number; outdir: string }> {
  const dir = tempDir();
  const bin = path.join(dir, 'bin');
  const log = path.join(dir, 'runs.log');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'terraform'), `#!/bin/sh\necho run >> "${log}"\necho "Terraform v${version}"\n`, { mode: 0o755 });
  const outdir = path.join(dir, 'out');
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), '-e', APP, outdir], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, TS_NODE_PROJECT: path.resolve(__dirname, '../../tsconfig.dev.json') },
    }, (_error, _stdout, stderr) => {
      const runs = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
      resolve({ code: child.exitCode, stderr, runs, outdir });
    });
  });
}

test('15 terraform_data snapshots in 3 stacks run terraform version once', async () => {
  const result = await synthWithTerraform('1.11.0');
  expect(result).toMatchObject({ code: 0, runs: 1 });
  const json = JSON.parse(fs.readFileSync(path.join(result.outdir, 'stacks/stack-2/cdk.tf.json'), 'utf8'));
  expect(Object.keys(json.resource.terraform_data)).toHaveLength(5);
});

test('a terraform older than 1.4 fails synth with what to do', async () => {
  const result = await synthWithTerraform('1.3.9');
  expect(result.code).not.toBe(0);
  expect(result.stderr).toMatch(/terraform version 1\.3\.9 is lower than the required version >=1\.4.*upgrade Terraform, or use snapshot: 'null_resource'/s);
});

test('writes the JSON cdktf\'s DataResource writes', () => {
  const stack = new TerraformStack(testingApp(), 'stack');
  new TerraformDataSnapshot(stack, 'snapshot', { digest: 'sha256:abc' });
  expect(JSON.parse(Testing.synth(stack)).resource.terraform_data).toEqual({ snapshot: { triggers_replace: { digest: 'sha256:abc' } } });
});
