// Every signed client the shared suites run against: each API's test folder describes its own in
// test/<id>/cloud-under-test.ts (exported as `cloudUnderTest`), found by the registry's ids.
import { API_LIST } from '../../src/apis';
import { Emulator, type EmulatorDataInput, type EmulatorOptions, type EmulatorRequest } from '../../src/emulator';
import type { CloudUnderTest } from './cloud-under-test';
import type { RecordedRequest } from './loopback-http';

export * from './cloud-under-test';

/** The cloud under test of one API, from its test folder. */
export function cloudUnderTestOf(apiId: string): CloudUnderTest {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(`../${apiId}/cloud-under-test`) as { cloudUnderTest: CloudUnderTest }).cloudUnderTest;
}

export const CLOUDS_UNDER_TEST: readonly CloudUnderTest[] = API_LIST.map((api) => cloudUnderTestOf(api.id));

/** Every cloud's contract data and credentials in one emulator: each API has its own path. */
export const CONTRACT_EMULATOR_DATA: EmulatorDataInput = CLOUDS_UNDER_TEST.reduce<EmulatorDataInput>((data, { emulatorData }) => ({
  ...data, ...emulatorData, credentials: { ...data.credentials, ...emulatorData.credentials },
}), { credentials: {} });

/** An emulator of every cloud's contract data; `options` adds knobs (`recordRequests`, `stallMs`, `now`, …). */
export function startContractEmulator(options: Omit<EmulatorOptions, 'data'> = {}): Promise<Emulator> {
  return Emulator.start({ data: CONTRACT_EMULATOR_DATA, ...options });
}

/** A request the emulator recorded (`recordRequests`), in the shape `nonceOf` and `signatureOf` read. */
export function asRecorded(request: EmulatorRequest): RecordedRequest {
  return { method: request.method, url: `${request.url.pathname}${request.url.search}`, headers: request.headers, body: request.body };
}
