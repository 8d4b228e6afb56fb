import { Emulator } from '../emulator/emulator-server';

/** `image-lookups emulator --port N --data FILE`: serves the emulated APIs until interrupted. */
export async function emulatorCommand(options: {
  port: number;
  data: string;
  latencyMs?: number;
  throttleRate?: number;
  serverErrorRate?: number;
}, print: (line: string) => void): Promise<number> {
  const emulator = await Emulator.start(options);
  print(`Emulator listening on ${emulator.origin} (data: ${options.data}). Point a lookup at it with TENCENTCLOUD_IMAGE_ENDPOINT=${emulator.origin}. Ctrl-C stops it.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.stop();
  print(`Emulator stopped after ${emulator.stats.requests} request(s).`);
  return 0;
}
