// Runs one bench child script (bench/memory-child.ts, bench/load-child.ts) in a process of its own, so
// its peak RSS is its own, and reads the JSON report it prints as its last stdout line.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

const runFile = promisify(execFile);

/** `script` (a file in bench/) with `task` as its one JSON argument; fails if it exits non-zero or outlives `timeoutMs`. */
export async function runBenchChild<Task, Report>(script: string, task: Task, timeoutMs: number): Promise<Report> {
  // transpile-only: the parent has type-checked the bench already; the child's start-up is not measured.
  const { stdout } = await runFile(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, script), JSON.stringify(task)], {
    cwd: path.join(__dirname, '..'), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Report;
}
