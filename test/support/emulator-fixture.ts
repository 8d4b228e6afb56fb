import { Emulator, type EmulatorDataInput, type EmulatorOptions } from '../../src/emulator';

/** One emulator of `data` for the whole file, its counters reset before each test. Read `.current` inside tests. */
export function sharedEmulator(data: EmulatorDataInput, options: Partial<EmulatorOptions> = {}): { readonly current: Emulator } {
  const holder = { current: undefined as unknown as Emulator };
  beforeAll(async () => { holder.current = await Emulator.start({ data, ...options }); });
  afterAll(() => holder.current.stop());
  beforeEach(() => holder.current.resetStats());
  return holder;
}
