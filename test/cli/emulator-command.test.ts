import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { API_LIST } from '../../src/apis';
import { TencentImageShareClient } from '../../src/tencent-image-shares';
import { isolateEnv } from '../support/fixtures';
import { TEST_CREDENTIALS } from '../tencent-image-shares/fixtures';

const ROOT = path.resolve(__dirname, '../..');
const DATA = path.join(ROOT, 'examples/golden-image-audit/emulator-data.json');
const EXAMPLE_CREDENTIALS = { secretId: 'AKIDemulatorExample01', secretKey: 'emulatorSecretKey01' };

isolateEnv();

// Runs the bin as users do: `image-lookups emulator`, from the compiled lib/ that `npm ci` builds.
test('`image-lookups emulator --port 0 --data FILE` serves the API until SIGTERM', async () => {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/image-lookups.js'), 'emulator', '--port', '0', '--data', DATA], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match) resolve(match[1]);
      });
      child.on('exit', () => reject(new Error(`the emulator exited early: ${output}`)));
    });

    for (const api of API_LIST) expect(output).toContain(`${api.endpointEnvVar}=${origin}`);
    const client = new TencentImageShareClient({ region: 'ap-guangzhou', endpoint: origin, ...EXAMPLE_CREDENTIALS });
    const answer = await client.getImageShareUinInfo(['img-jgggrva9']);
    expect(answer.images[0].shares.map((share) => share.uin)).toEqual(['1621874004', '877354327']);
    await expect(new TencentImageShareClient({ region: 'ap-guangzhou', endpoint: origin, ...TEST_CREDENTIALS })
      .getImageShareUinInfo(['img-jgggrva9'])).rejects.toMatchObject({ details: expect.objectContaining({ apiCode: 4104 }) });
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  expect(output).toContain('Emulator stopped after 2 request(s).');
});
