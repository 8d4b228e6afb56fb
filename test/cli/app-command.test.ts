import * as fs from 'node:fs';
import * as path from 'node:path';
import { CacheFileMissingError } from '../../src/engine/errors';
import { inspectedAppRun, withScratchDir } from '../../src/cli/app-command';

describe('inspectedAppRun', () => {
  test('reports and cdktf.out go to the scratch dir, every stack is synthesized, and settings apply on top of the env', () => {
    const run = inspectedAppRun({ PATH: '/bin', IMAGE_LOOKUPS_MODE: 'auto' }, '/scratch', { IMAGE_LOOKUPS_MODE: 'offline', IMAGE_LOOKUPS_CACHE: '/repo/cache.json' });
    expect(run.reportDir).toBe(path.join('/scratch', 'reports'));
    expect(run.env).toEqual({
      PATH: '/bin',
      IMAGE_LOOKUPS_MODE: 'offline',
      IMAGE_LOOKUPS_CACHE: '/repo/cache.json',
      IMAGE_LOOKUPS_REPORT_DIR: path.join('/scratch', 'reports'),
      CDKTF_OUTDIR: path.join('/scratch', 'cdktf.out'),
      CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true',
    });
  });

  test('an undefined setting unsets what the env had, and the env passed in is not changed', () => {
    const env = { IMAGE_LOOKUPS_REFRESH: 'tencent:*', IMAGE_LOOKUPS_FAIL_ON_STALE: '1' };
    const run = inspectedAppRun(env, '/scratch', { IMAGE_LOOKUPS_REFRESH: undefined, IMAGE_LOOKUPS_FAIL_ON_STALE: undefined });
    expect(run.env).not.toHaveProperty('IMAGE_LOOKUPS_REFRESH');
    expect(run.env).not.toHaveProperty('IMAGE_LOOKUPS_FAIL_ON_STALE');
    expect(env).toEqual({ IMAGE_LOOKUPS_REFRESH: 'tencent:*', IMAGE_LOOKUPS_FAIL_ON_STALE: '1' });
  });
});

describe('withScratchDir', () => {
  test('the body gets a dir of its own, named after the command, removed after; its exit code is returned', async () => {
    let seen = '';
    const code = await withScratchDir('diff', 2, () => undefined, async (workDir) => {
      seen = workDir;
      fs.writeFileSync(path.join(workDir, 'left-behind'), 'x');
      return 1;
    });
    expect(code).toBe(1);
    expect(path.basename(seen)).toMatch(/^image-lookups-diff-/);
    expect(fs.existsSync(seen)).toBe(false);
  });

  test('an error becomes one line naming the command, and couldNotRun; the dir is removed all the same', async () => {
    const lines: string[] = [];
    let seen = '';
    const code = await withScratchDir('prune', 7, (line) => lines.push(line), async (workDir) => {
      seen = workDir;
      throw new CacheFileMissingError('/repo/missing.json', '--cache');
    });
    expect(code).toBe(7);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^image-lookups prune: /);
    expect(lines[0]).toContain('/repo/missing.json');
    expect(fs.existsSync(seen)).toBe(false);
  });
});
