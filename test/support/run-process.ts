import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { LIBRARY_ENV_PREFIXES } from '../../src/apis';

/** How a process ended, and what it printed. */
export interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }

/**
The test's env without any of the library's variables, a proxy or GITHUB_ACTIONS, so a process
sees only what a test gives it. A TF_CLI_CONFIG_FILE naming a missing file is dropped too (terraform
warns about it, which cdktf shows as [ERROR]).
*/
export function cleanEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) =>
    !LIBRARY_ENV_PREFIXES.some((prefix) => name.startsWith(prefix)) && !/^(HTTPS?|NO|ALL)_PROXY$/i.test(name) && name !== 'GITHUB_ACTIONS'));
  if (env.TF_CLI_CONFIG_FILE && !fs.existsSync(env.TF_CLI_CONFIG_FILE)) delete env.TF_CLI_CONFIG_FILE;
  return env;
}

/** Runs `node ARGS` in `cwd` with exactly `env`, collecting its output. */
export function runNode(args: readonly string[], options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv }): Promise<Run> {
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
