import * as fs from 'node:fs';
import * as path from 'node:path';
import { synthWithLookups } from '../../src/engine';
import { Emulator } from '../../src/emulator';
import { GoldenImageShareAudit, type GoldenImageShareAuditProps } from '../../examples/golden-image-audit/golden-image-share-audit';
import { appIn, isolateEnv, tempDirs } from '../support/fixtures';

const DATA = path.resolve(__dirname, '../../examples/golden-image-audit/emulator-data.json');
const ALLOWED = { '1621874004': 'production', '877354327': 'staging', '2087654321': 'disaster-recovery' };

isolateEnv();
const tempDir = tempDirs();
let emulator: Emulator;
beforeAll(async () => {
  emulator = await Emulator.start({ data: DATA });
});
afterAll(() => emulator.stop());

/** Synthesizes the Guangzhou audit through the real entry point and collects what it prints. */
async function audit(props: Partial<GoldenImageShareAuditProps>) {
  const { secretId, secretKey } = JSON.parse(fs.readFileSync(DATA, 'utf8')).credentials.tencent[0];
  Object.assign(process.env, { TENCENTCLOUD_IMAGE_ENDPOINT: emulator.origin, TENCENTCLOUD_SECRET_ID: secretId, TENCENTCLOUD_SECRET_KEY: secretKey });
  const dir = tempDir();
  const printed: string[] = [];
  const errors = jest.spyOn(console, 'error').mockImplementation((message) => { printed.push(String(message)); });
  try {
    const stats = await synthWithLookups((app) => {
      new GoldenImageShareAudit(app, 'audit', {
        region: 'ap-guangzhou', imageIds: ['img-jgggrva9', 'img-6pb6lrmy', 'img-8hw3nc5t', 'img-2xk9q7dm'], allowedAccounts: ALLOWED, ...props,
      });
    }, { cacheFile: path.join(dir, 'cache.json'), createApp: appIn(dir), log: (line) => printed.push(line) });
    return { stats, exitCode: process.exitCode, printed: printed.join('\n'), outdir: path.join(dir, 'cdktf.out') };
  } finally {
    errors.mockRestore();
    process.exitCode = undefined;
  }
}

test('with the vendor account under review, the audit passes and writes the stack', async () => {
  const result = await audit({ accountsUnderReview: { '100000000001': 'vendor scanner' } });
  expect(result.exitCode).toBeUndefined();
  expect(result.printed).toMatch(/image-lookups: 5 lookups \(0 from cache, 5 fetched with 1 API call, 0 discovery-only\) in 2 rounds, mode auto/);
  const json = JSON.parse(fs.readFileSync(path.join(result.outdir, 'stacks/audit/cdk.tf.json'), 'utf8'));
  expect(json.locals.golden_image_shares['img-8hw3nc5t']).toEqual(['staging', 'vendor scanner']);
});

test('an account outside the allowlist fails synth, naming the image and the account', async () => {
  const result = await audit({});
  expect(result.stats).toBeUndefined();
  expect(result.exitCode).toBe(1);
  expect(result.printed).toContain('img-8hw3nc5t is shared with account 100000000001 (since 2025-02-27T23:48:03+08:00), which is not in the allowlist');
});

test('an image the API does not know fails synth instead of passing silently', async () => {
  const result = await audit({ imageIds: ['img-jgggrva9', 'img-zzzzzzzz'] });
  expect(result.exitCode).toBe(1);
  expect(result.printed).toContain('img-zzzzzzzz was not found in ap-guangzhou');
});
