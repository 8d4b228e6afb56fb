import { execFileSync } from 'node:child_process';
import { API_LIST } from '../../src/apis';
import { emulatorEnvOf, shellExportLine } from '../../src/emulator';

test('shellExportLine: a shell sets every value back exactly, quotes and spaces included', () => {
  const env = { PLAIN: 'http://127.0.0.1:8787', EMPTY: '', AWKWARD: `it's a "key" with $HOME and \`ticks\`` };
  const line = shellExportLine(env);
  expect(line).toMatch(/^export PLAIN=http:\/\/127\.0\.0\.1:8787 EMPTY='' AWKWARD='/);
  const echoed = execFileSync('sh', ['-c', `${line}\nprintf '%s\\n' "$PLAIN" "$EMPTY" "$AWKWARD"`], { env: {}, encoding: 'utf8' });
  expect(echoed).toBe(`${env.PLAIN}\n\n${env.AWKWARD}\n`);
});

test('emulatorEnvOf: each API signed with the first key its section lists, or its endpoint alone', () => {
  const [first, second] = API_LIST;
  const keys: Record<string, unknown[]> = { [first.emulator.section.name]: [{ secretId: 'AKIDfirst', secretKey: 'firstKey' }, { secretId: 'AKIDsecond', secretKey: 'x' }] };
  const found = emulatorEnvOf(API_LIST, 'http://127.0.0.1:1', (section) => keys[section] ?? []);
  expect(found[0]).toMatchObject({ hasKey: true, env: first.emulatorEnv('http://127.0.0.1:1', keys[first.emulator.section.name][0] as never) });
  expect(found[1]).toEqual({ api: second, hasKey: false, env: Object.fromEntries(second.endpointEnvVars.map((name) => [name, 'http://127.0.0.1:1'])) });
  expect(second.endpointEnvVars.length).toBeGreaterThan(0);
});
