// Worker thread entry: runs the emulator on its own event loop, driven by messages from bench/remote-emulator.ts.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { Emulator } from '../src/emulator';
import type { Commands, Reply, Request } from './emulator-protocol';

if (parentPort === null) throw new Error('bench/emulator-worker.ts must run as a worker thread');
const port = parentPort;
let emulator: Emulator | undefined;
/** Answers per outcome, with `countOutcomes`. */
let outcomes = new Map<string, number>();
const eventLoopDelay = monitorEventLoopDelay({ resolution: 10 });
eventLoopDelay.enable();

/** The outcome of one request log line, `… -> <outcome>` with any ` [fault …]` after it left off. */
function outcomeOf(line: string): string {
  return line.slice(line.lastIndexOf(' -> ') + 4).replace(/ \[fault [^\]]*\]$/, '');
}

function countOutcome(line: string): void {
  const outcome = outcomeOf(line);
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
}

function running(): Emulator {
  if (emulator === undefined) throw new Error('The emulator has not been started');
  return emulator;
}

async function run(request: Request): Promise<Commands[Request['command']]['result']> {
  switch (request.command) {
    case 'start': {
      if (emulator !== undefined) throw new Error('The emulator is already started');
      const { countOutcomes, ...options } = request.options;
      emulator = await Emulator.start({ ...options, log: countOutcomes ? countOutcome : undefined });
      return { origin: emulator.origin };
    }
    case 'stats':
      return running().stats;
    case 'faultsAnswered':
      return running().faultsAnswered;
    case 'outcomes':
      running();
      return Object.fromEntries(outcomes);
    case 'maxEventLoopDelayMs':
      return eventLoopDelay.max / 1e6;
    case 'resetStats':
      running().resetStats();
      outcomes = new Map();
      eventLoopDelay.reset();
      return undefined;
    case 'stop':
      await emulator?.stop(); // the main thread terminates this worker once it has the reply
      return undefined;
  }
}

port.on('message', (request: Request) => {
  run(request).then(
    (result) => port.postMessage({ id: request.id, ok: true, result } satisfies Reply),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) } satisfies Reply),
  );
});
