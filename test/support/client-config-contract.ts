import type { Emulator } from '../../src/emulator';
import { LookupInputError } from '../../src/engine/errors';
import type { CloudUnderTest } from './cloud-under-test';
import { startContractEmulator } from './clouds-under-test';
import { rejection, thrown } from './expect-errors';

/** A key ID no emulator knows. */
const UNKNOWN_KEY_ID = 'nobodyHasThisKeyId0001';

/**
What every signed client reads from its props and env vars, run by each API's client-config test
(`describeClientConfigContract(cloud)`): the prop, then the env var, then the default, for the
region, the endpoint and the credentials; the fingerprint; and the inputs refused before any request.
Every client gets its env explicitly, so the runner's own env plays no part.
*/
export function describeClientConfigContract(cloud: CloudUnderTest): void {
  describe(`${cloud.cloud} ${cloud.action} client config: what every signed client reads from its props and env`, () => configContract(cloud));
}

function configContract(cloud: CloudUnderTest): void {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startContractEmulator();
  });
  afterEach(async () => {
    await emulator.stop();
  });

  const known = () => [cloud.knownImageId];
  const noRegionProp = { region: undefined };

  describe('region: the prop, then the env var', () => {
    test(`the prop wins over ${cloud.env.region}, which is used without a prop`, () => {
      const env = { [cloud.env.region]: cloud.otherRegion };
      expect(cloud.configOf(emulator.origin, {}, env).region).toBe(cloud.region);
      expect(cloud.configOf(emulator.origin, noRegionProp, env).region).toBe(cloud.otherRegion);
    });

    test(`an empty ${cloud.env.region} counts as unset`, () => {
      expect(thrown(() => cloud.configOf(emulator.origin, noRegionProp, { [cloud.env.region]: '' }), LookupInputError).input).toBe('region');
    });

    test(`no region at all: the error names the region prop and ${cloud.env.region}`, () => {
      const error = thrown(() => cloud.configOf(emulator.origin, noRegionProp), LookupInputError);
      expect(error.input).toBe('region');
      expect(error.message).toContain(cloud.env.region);
    });

    test(`a malformed region is refused, naming the prop, or ${cloud.env.region} when it came from there`, () => {
      expect(thrown(() => cloud.configOf(emulator.origin, { region: cloud.malformedRegion }), LookupInputError).input).toBe('region');
      const fromEnv = thrown(() => cloud.configOf(emulator.origin, noRegionProp, { [cloud.env.region]: cloud.malformedRegion }), LookupInputError);
      expect(fromEnv.input).toBe(cloud.env.region);
      expect(fromEnv.message).toContain(JSON.stringify(cloud.malformedRegion));
    });
  });

  describe('known regions: checked before any call, whatever the endpoint', () => {
    const { typo, closest } = cloud.regionTypo;
    const ALLOW = 'IMAGE_LOOKUPS_ALLOW_UNKNOWN_REGION';

    test.each([
      ['no endpoint override', undefined, {}],
      ['the endpoint prop', 'emulator', {}],
      [`${cloud.env.endpoint}`, undefined, { [cloud.env.endpoint]: 'emulator' }],
    ] as const)('a typo is refused with %s, naming the closest known region and the way through', async (_, endpointProp, envTemplate) => {
      const env = Object.fromEntries(Object.entries(envTemplate).map(([name, value]) => [name, value === 'emulator' ? emulator.origin : value]));
      const endpoint = endpointProp === 'emulator' ? emulator.origin : undefined;
      const error = thrown(() => cloud.configOf(endpoint, { region: typo }, env), LookupInputError);
      expect(error.input).toBe('region');
      expect(error.message).toContain(JSON.stringify(typo));
      expect(error.message).toContain(`did you mean ${closest}`);
      expect(error.message).toContain('allowUnknownRegion: true');
      expect(error.message).toContain(`${ALLOW}=1`);
      await rejection(cloud.lookup(endpoint, known(), { region: typo }, env), LookupInputError);
      expect(emulator.stats.requests).toBe(0);
    });

    test(`a typo from ${cloud.env.region} names the env var`, () => {
      const error = thrown(() => cloud.configOf(emulator.origin, noRegionProp, { [cloud.env.region]: typo }), LookupInputError);
      expect(error.input).toBe(cloud.env.region);
      expect(error.message).toContain(closest);
    });

    test(`allowUnknownRegion: true, or ${ALLOW}=1 or true, lets an unknown region through to the API`, async () => {
      const region = cloud.unknownRegion;
      expect(thrown(() => cloud.configOf(emulator.origin, { region }), LookupInputError).input).toBe('region');
      expect(cloud.configOf(emulator.origin, { region, allowUnknownRegion: true }).region).toBe(region);
      for (const value of ['1', 'true']) expect(cloud.configOf(emulator.origin, { region }, { [ALLOW]: value }).region).toBe(region);
      // The prop wins over the env var.
      expect(thrown(() => cloud.configOf(emulator.origin, { region, allowUnknownRegion: false }, { [ALLOW]: '1' }), LookupInputError).input).toBe('region');
      await cloud.lookup(emulator.origin, known(), { region, allowUnknownRegion: true });
      expect(emulator.stats.requests).toBe(1);
    });

    test(`${ALLOW} is a switch like the library's others: 0 or false keeps the check; anything else is refused, naming it; so is an allowUnknownRegion that is not a boolean`, () => {
      for (const value of ['0', 'false']) expect(thrown(() => cloud.configOf(emulator.origin, { region: cloud.unknownRegion }, { [ALLOW]: value }), LookupInputError).input).toBe('region');
      for (const value of ['yes', '2', 'on']) {
        const error = thrown(() => cloud.configOf(emulator.origin, {}, { [ALLOW]: value }), LookupInputError);
        expect(error.input).toBe(ALLOW);
        expect(error.message).toContain(JSON.stringify(value));
      }
      expect(thrown(() => cloud.configOf(emulator.origin, { allowUnknownRegion: 'true' as unknown as boolean }), LookupInputError).input).toBe('allowUnknownRegion');
    });
  });

  describe('endpoint: the prop, then the env var, then the vendor\'s', () => {
    test('the vendor\'s endpoint without prop or env var', () => {
      expect(cloud.configOf(undefined).endpoint).toEqual(cloud.defaultEndpoint(cloud.region));
    });

    test(`an empty ${cloud.env.endpoint} counts as unset`, () => {
      expect(cloud.configOf(undefined, {}, { [cloud.env.endpoint]: '' }).endpoint).toEqual(cloud.defaultEndpoint(cloud.region));
    });

    test(`${cloud.env.endpoint} is used without a prop, and the prop wins over it`, async () => {
      const other = await startContractEmulator();
      try {
        const env = { [cloud.env.endpoint]: other.origin };
        expect(cloud.configOf(undefined, {}, env).endpoint.url).toBe(`${other.origin}${cloud.apiPath}`);
        await cloud.fetch(undefined, known(), {}, env);
        expect([other.stats.requests, emulator.stats.requests]).toEqual([1, 0]);

        other.resetStats();
        expect(cloud.configOf(emulator.origin, {}, env).endpoint.url).toBe(`${emulator.origin}${cloud.apiPath}`);
        await cloud.fetch(emulator.origin, known(), {}, env);
        expect([other.stats.requests, emulator.stats.requests]).toEqual([0, 1]);
      } finally {
        await other.stop();
      }
    });

    test('plain http to a non-loopback endpoint is refused, from the prop or the env var', () => {
      expect(thrown(() => cloud.configOf('http://images.example.test'), LookupInputError).input).toBe('endpoint');
      const fromEnv = thrown(() => cloud.configOf(undefined, {}, { [cloud.env.endpoint]: 'http://10.0.0.1:8787' }), LookupInputError);
      expect(fromEnv.input).toBe(cloud.env.endpoint);
      expect(emulator.stats.requests).toBe(0);
    });
  });

  describe('credentials: the props, then the env vars', () => {
    const [preferred] = cloud.credentialEnvs;
    const wrong = { keyId: UNKNOWN_KEY_ID, keySecret: 'notTheRightSecret0001', securityToken: 'stale-token' };

    test.each(cloud.credentialEnvs.map((family) => [family.family, family] as const))(
      '%s without props: read, sent (the token too) and accepted', async (_family, family) => {
        const env = family.env(cloud.markers);
        expect(cloud.configOf(emulator.origin, { credentials: 'none' }, env).credentials()).toEqual(cloud.markers);
        await expect(cloud.fetch(emulator.origin, known(), { credentials: 'none' }, env)).resolves.toEqual(known());
      });

    test(`props win over ${preferred.family}`, async () => {
      const env = preferred.env(wrong);
      expect(cloud.configOf(emulator.origin, {}, env).credentials()).toEqual(cloud.markers);
      await expect(cloud.fetch(emulator.origin, known(), {}, env)).resolves.toEqual(known());
    });

    test(`a wrong key ID prop wins even when ${preferred.family} is right`, async () => {
      const error = await rejection(cloud.fetch(emulator.origin, known(), { credentials: { keyId: UNKNOWN_KEY_ID } }, preferred.env(cloud.markers)), cloud.ApiError);
      expect(error.apiCode).toBe(cloud.codes.unknownKeyId[0]);
    });

    test('none at all: one error up front naming the env vars to set, and no request', async () => {
      const error = await rejection(cloud.lookup(emulator.origin, cloud.unknownImageIds(2 * cloud.maxIdsPerCall + 5), { credentials: 'none' }), LookupInputError);
      expect(error.input).toBe('credentials');
      for (const name of cloud.missingCredentials) expect(error.message).toContain(name);
      expect(emulator.stats.requests).toBe(0);
    });

    test('only the key ID: the error says the secret is missing, and does not repeat the ID', async () => {
      const onlyTheKeyId = { keyId: cloud.markers.keyId, keySecret: undefined, securityToken: undefined };
      const error = await rejection(cloud.fetch(emulator.origin, known(), { credentials: onlyTheKeyId }), LookupInputError);
      expect(error.message).toContain(cloud.missingSecret.says);
      for (const text of [...cloud.missingSecret.doesNotSay, cloud.markers.keyId]) expect(error.message).not.toContain(text);
      expect(emulator.stats.requests).toBe(0);
    });

    test('the config fingerprint tells key IDs apart without holding a key ID or a secret', () => {
      const a = cloud.configOf(emulator.origin).fingerprint;
      const b = cloud.configOf(emulator.origin, { credentials: cloud.plainKey }).fingerprint;
      expect(a).not.toBe(b);
      for (const fingerprint of [a, b]) {
        for (const secret of [...cloud.secrets, cloud.plainKey.keyId, cloud.plainKey.keySecret]) expect(fingerprint).not.toContain(secret);
      }
    });
  });
}
