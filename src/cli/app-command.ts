import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AppCommandMissingError } from '../engine/errors';

/** The app command of cdktf.json in `cwd`, as `cdktf synth` runs it. Throws an AppCommandMissingError naming the file. */
export function readAppCommand(cwd: string): string {
  const file = path.join(cwd, 'cdktf.json');
  let config: { app?: unknown };
  try {
    config = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppCommandMissingError(file, (error as Error).message, error);
  }
  if (typeof config?.app !== 'string' || config.app.trim() === '') throw new AppCommandMissingError(file, 'it has no "app" command to run');
  return config.app;
}

/**
Runs the app command in a shell, as cdktf does, and resolves with its exit code. Its output goes to
`output` when given (chunk by chunk, as it comes), else straight to this process's stdout and stderr.
*/
export function runAppCommand(command: string, options: { cwd: string; env: NodeJS.ProcessEnv; output?: (chunk: string) => void }): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const child = spawn(command, { cwd: options.cwd, env: options.env, shell: true, stdio: options.output ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
    if (options.output) {
      const forward = (chunk: Buffer) => options.output?.(chunk.toString());
      child.stdout?.on('data', forward);
      child.stderr?.on('data', forward);
    }
    child.on('error', reject).on('exit', (exit) => resolve(exit ?? 1));
  });
}
