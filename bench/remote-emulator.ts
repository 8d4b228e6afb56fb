// The emulator in a worker thread. In the bench's own thread, its CPU work (signature checks, signed
// URLs) would compete with the engine being measured; a real remote API does not share our thread.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EmulatorFault, EmulatorStats } from '../src/emulator';
import type { CommandName, Commands, Reply, Request, StartOptions } from './emulator-protocol';

export class RemoteEmulator {
  /** Starts the worker and the emulator in it; the worker is terminated if either fails. */
  static async start(options: StartOptions): Promise<RemoteEmulator> {
    // The bench runs under ts-node, whose hook is per thread: the worker loads it itself.
    // Explicit execArgv: ts-node appends its own script path to process.execArgv, which a worker must not inherit.
    const worker = new Worker(path.join(__dirname, 'emulator-worker.ts'), { execArgv: ['-r', 'ts-node/register/transpile-only'] });
    const remote = new RemoteEmulator(worker);
    try {
      remote.origin = (await remote.call('start', options)).origin;
      return remote;
    } catch (error) {
      await worker.terminate();
      throw error;
    }
  }

  /** Where clients send requests, e.g. `http://127.0.0.1:40123`. */
  origin = '';
  private nextId = 0;
  /** Set once the worker has crashed or exited: later calls fail at once, as no reply can come. */
  private gone: Error | undefined;
  private readonly pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly worker: Worker) {
    worker.on('message', ({ id, ...reply }: Reply) => {
      const call = this.pending.get(id);
      this.pending.delete(id);
      if (reply.ok) call?.resolve(reply.result);
      else call?.reject(new Error(`Emulator worker: ${reply.error}`));
    });
    // A crashed or exited worker fails every waiting call instead of leaving it hanging.
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`Emulator worker exited (code ${code})`)));
  }

  stats(): Promise<EmulatorStats> {
    return this.call('stats', undefined);
  }

  /** Requests answered by each fault (injected or drawn from a rate) since start or `resetStats`. */
  faultsAnswered(): Promise<Partial<Record<EmulatorFault, number>>> {
    return this.call('faultsAnswered', undefined);
  }

  /** Answers per outcome (the request log's text, e.g. `error RequestLimitExceeded`) since start or `resetStats`; needs `countOutcomes`. */
  outcomes(): Promise<Record<string, number>> {
    return this.call('outcomes', undefined);
  }

  /** The longest the emulator's event loop was held up since start or `resetStats`, in milliseconds. */
  maxEventLoopDelayMs(): Promise<number> {
    return this.call('maxEventLoopDelayMs', undefined);
  }

  async resetStats(): Promise<void> {
    await this.call('resetStats', undefined);
  }

  /** Stops the emulator, then always terminates the worker (also if stopping failed). */
  async stop(): Promise<void> {
    try {
      await this.call('stop', undefined);
    } finally {
      this.gone ??= new Error('The emulator has been stopped');
      await this.worker.terminate();
    }
  }

  private call<K extends CommandName>(command: K, options: Commands[K]['options']): Promise<Commands[K]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.gone) return reject(this.gone);
      this.pending.set(id, { resolve: resolve as (result: unknown) => void, reject });
      this.worker.postMessage({ id, command, options } as Request);
    });
  }

  private failAll(error: Error): void {
    this.gone ??= error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}
