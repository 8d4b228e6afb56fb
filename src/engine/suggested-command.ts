import * as path from 'node:path';
import { DEFAULT_CACHE_FILE_NAME } from './lookup-cache';

/**
The command an error or a summary suggests, ready to paste: `npx image-lookups <args…>`, each
argument shell-quoted, and `--cache <file>` (relative to `cwd`) when the cache in use is not the
default `<cwd>/image-lookups.context.json`, set by IMAGE_LOOKUPS_CACHE or an option: the command
must work on the same file.
*/
export function suggestedCommand(args: readonly string[], cacheFile: string, cwd = process.cwd()): string {
  const words = ['npx', 'image-lookups', ...args];
  const file = path.resolve(cwd, cacheFile);
  if (file !== path.resolve(cwd, DEFAULT_CACHE_FILE_NAME)) {
    // A path that climbs out of the project (a temp file) reads better whole.
    const relative = path.relative(cwd, file);
    words.push('--cache', relative && !relative.startsWith('..') ? relative : file);
  }
  return words.map(shellQuoted).join(' ');
}

/** A word as a POSIX shell reads it back: plain when it holds only safe characters, else in single quotes ('' when empty). */
export function shellQuoted(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
The shortest glob (picomatch syntax) of the form below that matches every one of `keys` (see
`formatLookupKey`: `<cloud>:<api>:<name>=<value>:…`). Per provider (the first two segments), a
segment every key shares is kept and any other becomes `*`; trailing `*` segments collapse into one
(`*` matches `:` too). Several providers are joined in braces. For example
`tencent:GetImageShareUinInfo:region=ap-shanghai:imageId=img-a` and `…:imageId=img-b` give
`tencent:GetImageShareUinInfo:region=ap-shanghai:*`. One key gives the key itself.
*/
export function coveringGlob(keys: readonly string[]): string {
  const byProvider = new Map<string, string[][]>();
  for (const key of new Set(keys)) {
    const segments = key.split(':');
    const provider = segments.slice(0, 2).join(':');
    byProvider.set(provider, [...(byProvider.get(provider) ?? []), segments]);
  }
  const patterns = [...byProvider.values()].map(providerPattern).sort();
  return patterns.length === 1 ? patterns[0] : `{${patterns.join(',')}}`;
}

function providerPattern(keys: readonly string[][]): string {
  const shortest = Math.min(...keys.map((segments) => segments.length));
  const sameLength = keys.every((segments) => segments.length === shortest);
  // Keys of different lengths (an optional parameter left out) share a prefix only up to the shortest's last segment, which `*` then starts.
  const kept = sameLength ? shortest : shortest - 1;
  const pattern: string[] = [];
  for (let index = 0; index < kept; index++) {
    const segment = keys[0][index];
    pattern.push(keys.every((segments) => segments[index] === segment) ? segment : '*');
  }
  if (!sameLength) pattern.push('*');
  while (pattern.length > 1 && pattern[pattern.length - 1] === '*' && pattern[pattern.length - 2] === '*') pattern.pop();
  return pattern.join(':');
}
