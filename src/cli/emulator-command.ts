import { API_LIST } from '../apis';
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
  const endpoints = API_LIST.map((api) => `${api.endpointEnvVar}=${emulator.origin}`).join(' ');
  print(`Emulator listening on ${emulator.origin} (data: ${options.data}). Point lookups at it with ${endpoints}. Ctrl-C stops it.`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.stop();
  print(`Emulator stopped after ${emulator.stats.requests} request(s).`);
  return 0;
}
