import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AppCommandMissingError, isLookupError } from '../engine/errors';

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

/** What a command that runs the app to inspect it writes there: the app's reports and synth output, in the command's scratch dir. */
export interface InspectedAppRun {
  /** IMAGE_LOOKUPS_REPORT_DIR of the run: the reports of every app process. */
  readonly reportDir: string;
  /** The app's env. */
  readonly env: NodeJS.ProcessEnv;
}

/**
The env of an app run that `check`, `diff` or `prune` inspects: its reports and cdktf.out in
`workDir`, every stack synthesized whatever its findings (the command decides its exit code), and
`settings` on top, where an undefined value unsets the variable.
*/
export function inspectedAppRun(env: NodeJS.ProcessEnv, workDir: string, settings: Readonly<Record<string, string | undefined>>): InspectedAppRun {
  const reportDir = path.join(workDir, 'reports');
  const appEnv: NodeJS.ProcessEnv = {
    ...env,
    IMAGE_LOOKUPS_REPORT_DIR: reportDir,
    CDKTF_OUTDIR: path.join(workDir, 'cdktf.out'),
    CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true',
  };
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) delete appEnv[name];
    else appEnv[name] = value;
  }
  return { reportDir, env: appEnv };
}

/**
Runs a command's body with a scratch dir of its own (`image-lookups-<command>-…` in the temp dir),
removed afterwards whatever happens. An error becomes one line on stderr naming the command, and
the exit code `couldNotRun`: a command never throws.
*/
export async function withScratchDir(command: string, couldNotRun: number, printError: (line: string) => void, body: (workDir: string) => Promise<number>): Promise<number> {
  let workDir: string | undefined;
  try {
    // Inside the try: a temp dir that cannot be made is one more line on stderr, not a throw.
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), `image-lookups-${command}-`));
    return await body(workDir);
  } catch (error) {
    printError(`image-lookups ${command}: ${isLookupError(error) ? error.message : (error as Error | undefined)?.message ?? String(error)}`);
    return couldNotRun;
  } finally {
    if (workDir !== undefined) fs.rmSync(workDir, { recursive: true, force: true });
  }
}
