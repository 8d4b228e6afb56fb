import * as path from 'node:path';
import type { SourceLocation } from '../report/check-report';

/** This library's own code (src/ under ts-node, lib/ when installed): frames in it are never a creation site. */
const LIBRARY_DIR = path.resolve(__dirname, '..') + path.sep;

/** `at fn (file:line:col)` or `at file:line:col`, as V8 prints frames (source-mapped under ts-node). */
const FRAME = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/;

/**
Where the caller's caller created a construct: the first stack frame outside this library, node's
own code and node_modules, relative to the working directory. Undefined when there is none (a
construct created by another library). Costs a stack trace, so it runs only under `check`.
*/
export function creationSite(cwd: string = process.cwd()): SourceLocation | undefined {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  for (const line of stack.split('\n').slice(1)) {
    const match = FRAME.exec(line);
    if (!match) continue;
    const file = match[1].replace(/^file:\/\//, '');
    if (!path.isAbsolute(file) || file.startsWith(LIBRARY_DIR) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    return { file: path.relative(cwd, file).split(path.sep).join('/'), line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}
