import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import type { ApiDescriptor } from '../src/api-descriptor';
import { API_LIST, LIBRARY_ENV_PREFIXES } from '../src/apis';
import { BUILT_IN_ROUTES, parseEmulatorData } from '../src/emulator';
import { scenarioOf } from '../bench/scenarios';
import { cloudUnderTestOf } from './support/clouds-under-test';

const SRC = path.join(__dirname, '../src');
const ORIGIN = 'http://127.0.0.1:8787';

/** Folders of src/ that are API folders: they have a lookup provider. */
const API_FOLDERS = fs.readdirSync(SRC, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(SRC, entry.name, 'provider.ts')))
  .map((entry) => entry.name);

test('every API folder has its descriptor in the registry, and every descriptor its folder', () => {
  expect(API_FOLDERS.length).toBeGreaterThan(0);
  expect(API_LIST.map((api) => api.id).sort()).toEqual([...API_FOLDERS].sort());
});

/** The file of each role, the same name in every API folder (the construct's file is named after its class). */
const STANDARD_FILES = [
  'descriptor.ts', 'provider.ts', 'client.ts', 'client-config.ts', 'response.ts', 'api-error.ts', 'answer-error.ts',
  'signature.ts', 'emulator-route.ts', 'emulator-data.ts', 'image-id.ts', 'test-fixture.ts', 'index.ts',
  'rules/pack.ts', 'rules/image-found.ts', 'rules/index.ts',
];

test.each(API_FOLDERS)('src/%s has the file of every role', (folder) => {
  const files = fs.readdirSync(path.join(SRC, folder), { recursive: true }).map((file) => String(file).split(path.sep).join('/'));
  expect(STANDARD_FILES.filter((file) => !files.includes(file))).toEqual([]);
});

test('no two providers have the same id: it starts every cache key they make', () => {
  const ids = API_LIST.flatMap((api) => api.providers.map((provider) => provider.id));
  expect(new Set(ids).size).toBe(ids.length);
});

test('no two APIs claim the same data section', () => {
  const names = API_LIST.map((api) => api.emulator.section.name);
  expect(new Set(names).size).toBe(names.length);
});

test('the emulator data file has every API\'s section, defaulted when absent', () => {
  const data = parseEmulatorData({ credentials: {} });
  for (const { emulator: { section } } of API_LIST) {
    expect(data[section.name]).toEqual(section.schema.parse(undefined));
    expect(data.credentials[section.name]).toEqual([]);
  }
});

describe.each(API_LIST.map((api): [string, ApiDescriptor] => [api.id, api]))('%s', (id, api) => {
  test('is the descriptor its folder exports from descriptor.ts', () => {
    expect(Object.values(require(path.join(SRC, id, 'descriptor')) as object)).toContain(api);
  });

  test('names its title and its lookup providers', () => {
    expect(api.title.trim()).not.toBe('');
    expect(api.providers.length).toBeGreaterThan(0);
    // provider.ts holds the folder's first provider; another backend's may have a file of its own (api3-provider.ts), all in the folder's barrel.
    const exported = Object.values(require(path.join(SRC, id)) as object);
    for (const provider of api.providers) {
      expect(exported).toContain(provider);
      expect(provider.id).toMatch(/^[a-z]+:\S+$/);
    }
  });

  test('brings its data section and the routes that serve it, all built in', () => {
    const { section, routes } = api.emulator;
    expect(section.name).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(section.schema).toBeInstanceOf(z.ZodType);
    expect(section.credentialSchema).toBeInstanceOf(z.ZodType);
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      expect(route.section).toBe(section);
      expect(BUILT_IN_ROUTES).toContain(route);
    }
  });

  test('says which env vars its clients read, and which point them at an emulator', () => {
    expect(api.envPrefixes.length).toBeGreaterThan(0);
    for (const prefix of api.envPrefixes) {
      expect(prefix).toMatch(/^[A-Z][A-Z0-9_]*_$/);
      expect(LIBRARY_ENV_PREFIXES).toContain(prefix);
    }
    const ownsName = (name: string) => api.envPrefixes.some((prefix) => name.startsWith(prefix));
    expect(api.endpointEnvVars.length).toBeGreaterThan(0);
    for (const name of api.endpointEnvVars) expect(ownsName(name)).toBe(true);
    const [credential] = cloudUnderTestOf(id).emulatorData.credentials[api.emulator.section.name] as unknown[];
    expect(credential).toBeDefined();
    const env = api.emulatorEnv(ORIGIN, credential);
    // Every backend's endpoint: an emulator run never sends one of them to the vendor.
    for (const name of api.endpointEnvVars) expect(env[name]).toBe(ORIGIN);
    for (const [name, value] of Object.entries(env)) {
      expect(ownsName(name)).toBe(true);
      expect(typeof value).toBe('string');
    }
  });

  test('lists its own policy rules, each checking subjects of this API', () => {
    expect(api.policyRules.length).toBeGreaterThan(0);
    for (const rule of api.policyRules) expect(rule.apiId).toBe(id);
  });

  test('describes its client for the shared contract suites, test/<id>/cloud-under-test.ts', () => {
    expect(cloudUnderTestOf(id).cloud).toEqual(expect.any(String));
  });

  test('has a bench scenario, bench/scenarios/<id>.ts', () => {
    const scenario = scenarioOf(id, 2);
    expect(scenario.apiId).toBe(id);
    expect(scenario.imageIds).toHaveLength(2);
  });
});
