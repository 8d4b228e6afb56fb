// The real `npx cdktf synth` as a process, on a tiny app (test/policy/cli-app) in a temp folder,
// offline on its committed cache with every endpoint at a closed loopback port: an error finding
// fails the synth naming the construct path, image, rule and fix hint; warnings alone do not.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { API_LIST, LIBRARY_ENV_PREFIXES } from '../../src/apis';
import { tempDirs } from '../support/fixtures';
import { closedPort } from '../support/loopback-http';

const ROOT = path.resolve(__dirname, '../..');
const APP = path.join(__dirname, 'cli-app');
const TS_NODE = require.resolve('ts-node/register/transpile-only');
const tempDir = tempDirs();

interface Run { readonly code: number | null; readonly output: string; readonly dir: string }

/** `npx cdktf synth` in a fresh dir holding cdktf.json, the cache and a link to this repo's node_modules. */
/** The output without colours and without the CLI's spinner lines. */
function readable(output: string): string {
  // eslint-disable-next-line no-control-regex
  return output.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').split('\n').filter((text) => !/^\s*[⠀-⣿]\s+\w+\s*$/.test(text) && text.trim() !== '').join('\n');
}

async function cdktfSynth(scenario: 'error' | 'warning'): Promise<Run> {
  const dir = tempDir();
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.copyFileSync(path.join(APP, 'image-lookups.context.json'), path.join(dir, 'image-lookups.context.json'));
  fs.writeFileSync(path.join(dir, 'cdktf.json'), JSON.stringify({
    language: 'typescript', app: `node -r ${TS_NODE} ${path.join(APP, 'main.ts')}`, projectId: 'policy-cli-test', sendCrashReports: 'false',
    terraformProviders: [], terraformModules: [], context: {},
  }));
  // This process's env without the library's variables, proxies, cdktf's continue switch and a
  // TF_CLI_CONFIG_FILE naming a missing file (synth downloads nothing).
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !LIBRARY_ENV_PREFIXES.some((prefix) => name.startsWith(prefix))
    && !/^(HTTPS?|NO|ALL)_PROXY$/i.test(name) && name !== 'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS' && name !== 'GITHUB_ACTIONS'));
  if (env.TF_CLI_CONFIG_FILE && !fs.existsSync(env.TF_CLI_CONFIG_FILE)) delete env.TF_CLI_CONFIG_FILE;
  const closed = `http://127.0.0.1:${await closedPort()}`;
  const child = spawn('npx', ['cdktf', 'synth'], {
    cwd: dir,
    env: {
      ...env, ...Object.fromEntries(API_LIST.flatMap((api) => api.endpointEnvVars.map((name) => [name, closed]))),
      CHECKPOINT_DISABLE: '1', NPM_CONFIG_UPDATE_NOTIFIER: 'false', TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json'),
      IMAGE_LOOKUPS_MODE: 'offline', CLI_APP_SCENARIO: scenario,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: readable(output), dir }));
  });
}

test('an error finding: non-zero exit, the output names the construct path, image, rule and fix hint', async () => {
  const run = await cdktfSynth('error');
  expect(run.code).not.toBe(0);
  expect(run.output).toContain('image-lookups: policies: 4 rules over 2 images: 1 error, 1 warning, 0 info, 1 failing;');
  // The CLI prints each error annotation as ERROR [path]: message.
  expect(run.output).toMatch(/ERROR \[golden\/shares\]: img-8hw3nc5t: TencentShares\.AllowlistedAccounts \(error\): Image img-8hw3nc5t \(golden\/shares\) is shared with account 100000000001, not in the allowlist\. Fix: /);
  // The CLI runs the app with CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS and fails afterwards, itself.
  expect(run.output).toContain('While synthesizing one or more error annotations have been encountered');
}, 180_000);

test('warnings only: exit 0, the warning printed, the stack written', async () => {
  const run = await cdktfSynth('warning');
  expect({ code: run.code, output: run.output }).toMatchObject({ code: 0 });
  expect(run.output).toMatch(/WARN \[golden\/shares\]: img-jgggrva9: TencentShares\.MaxShareAge \(warning\): Image img-jgggrva9 \(golden\/shares\) has been shared with accounts 1621874004 and 877354327 for more than 3650 days \(the oldest for 3791 days\)\. Fix: Review the share/);
  expect(run.output).not.toMatch(/ERROR \[/);
  expect(fs.existsSync(path.join(run.dir, 'cdktf.out', 'stacks', 'golden', 'cdk.tf.json'))).toBe(true);
}, 180_000);
