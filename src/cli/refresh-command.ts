import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveCacheFile } from '../engine/lookup-cache';
import { readAppCommand, runAppCommand } from './app-command';

/**
`image-lookups refresh [GLOB]`: runs the app command from cdktf.json (as `cdktf synth` would) in
refresh mode, so every requested lookup, or those matching GLOB, is fetched again and saved.
The synthesized output goes to a temporary directory: refreshing the cache leaves cdktf.out alone.
The app's own output goes to `appOutput` when given (tests collect it), else straight to this
process's stdout and stderr, so its progress line can redraw on a terminal.
*/
export async function refreshCommand(options: { cacheFile?: string; glob?: string; cwd?: string; appOutput?: (chunk: string) => void },
  print: (line: string) => void): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const appCommand = readAppCommand(cwd);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'image-lookups-refresh-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    IMAGE_LOOKUPS_MODE: 'refresh',
    IMAGE_LOOKUPS_CACHE: resolveCacheFile(options.cacheFile),
    CDKTF_OUTDIR: outdir,
  };
  if (options.glob) env.IMAGE_LOOKUPS_REFRESH = options.glob;
  else delete env.IMAGE_LOOKUPS_REFRESH;
  print(`Refreshing ${options.glob ? `lookups matching ${options.glob}` : 'every lookup'} by running: ${appCommand}`);
  try {
    const code = await runAppCommand(appCommand, { cwd, env, output: options.appOutput });
    if (code !== 0) print(`The app failed (exit code ${code}); cache entries fetched before the failure were kept.`);
    return code === 0 ? 0 : 1;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
