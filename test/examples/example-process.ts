// Runs an example app, or this repository's CLI from source (examples/cli.ts), as its own process,
// offline: no credentials, and every API's endpoint at a closed port on 127.0.0.1, so a lookup that
// tried the network would fail at once instead of leaving the machine.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { API_LIST } from '../../src/apis';
import { closedPort } from '../support/loopback-http';

export const ROOT = path.resolve(__dirname, '../..');
const TS_NODE = require.resolve('ts-node/register/transpile-only');

export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
The env of an offline run: this process's env (isolateEnv has removed the library's variables),
offline mode, every endpoint closed, and none of the variables that would change the output
(GitHub annotations, cdktf's continue-on-error switch, a fail-on override).
*/
export async function offlineEnv(extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const closed = `http://127.0.0.1:${await closedPort()}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...Object.fromEntries(API_LIST.flatMap((api) => api.endpointEnvVars.map((name) => [name, closed]))),
    IMAGE_LOOKUPS_MODE: 'offline',
    CHECKPOINT_DISABLE: '1',
    TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.dev.json'),
  };
  for (const name of ['GITHUB_ACTIONS', 'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS', 'IMAGE_LOOKUPS_FAIL_ON', 'IMAGE_LOOKUPS_REPORT_DIR']) delete env[name];
  return { ...env, ...extra };
}

/** Runs a TypeScript file with ts-node in `cwd`. */
export function runTs(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['-r', TS_NODE, file, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }));
  });
}

/** `image-lookups <args>` in `cwd`, from source: what `npx image-lookups` runs once built. */
export function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<ProcessResult> {
  return runTs(path.join(ROOT, 'examples/cli.ts'), args, cwd, env);
}
