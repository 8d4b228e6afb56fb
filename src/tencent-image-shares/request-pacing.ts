import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import type { LimitFunction } from '../engine/lookup-provider';
import { secretIdHashOf } from './client-config';

/*
Why not p-throttle: it schedules each call at its planned slot. A timer that fires late, or an event
loop busy for a while, then releases the calls queued behind it together, closer than the interval:
the bunching a server counting over a sliding one-second window answers with RequestLimitExceeded.
Here each attempt waits from the moment the previous one actually started, so a late start only
delays the ones after it, never brings them closer.
*/

/** One API's pacing for one account: attempts one at a time through `turn`, each after `lastStartMs` plus the spacing. */
interface RequestPacer {
  readonly turn: LimitFunction;
  /** When the previous attempt was let through (performance.now), and the spacing it asked for. */
  last?: { readonly startMs: number; readonly intervalMs: number };
}

/** Every pacer of the app, by `pacerKeyOf`: constructs signing with the same SecretId share the account's limit. */
const pacers = new Map<string, RequestPacer>();

/** The key of an API's pacer for one account: the action and a hash of the SecretId (never the SecretId). */
export function pacerKeyOf(action: string, secretId: string): string {
  return `${action}|${secretIdHashOf(secretId)}`;
}

/**
Waits for the turn of one attempt under the app-wide pacer of `key`: evenly spaced attempts, a burst
of 1. It resolves at least `intervalMs` after the previous attempt of the same pacer was let
through, and at least that previous attempt's own spacing when it asked for more (constructs with
the same SecretId asking for different rates: the slower spacing applies to each gap). Call it right
before signing and sending, retries included.
*/
export async function paceAttempt(key: string, intervalMs: number): Promise<void> {
  let pacer = pacers.get(key);
  if (pacer === undefined) {
    pacer = { turn: pLimit(1) };
    pacers.set(key, pacer);
  }
  const paced = pacer;
  await paced.turn(async () => {
    // Timers may fire a little early against performance.now: wait again until the spacing really passed.
    for (;;) {
      const spacingMs = Math.max(intervalMs, paced.last?.intervalMs ?? 0);
      const waitMs = paced.last === undefined ? 0 : paced.last.startMs + spacingMs - performance.now();
      if (waitMs <= 0) break;
      await sleep(Math.ceil(waitMs));
    }
    // The first attempt of a pacer also opens the connection and runs cold code, so it may reach the
    // server well after its turn: the gap after it counts from one spacing later (measured: without
    // this, the 11th call of a fresh process met 11 in the server's window).
    paced.last = { startMs: performance.now() + (paced.last === undefined ? intervalMs : 0), intervalMs };
  });
}

/**
Added to every gap: requests spaced exactly 1000 ÷ rate apart at the client can still reach a
server that counts arrivals over a sliding second closer together, when an earlier one was held up
on the way (a new connection, a GC pause, network jitter). 2 ms a gap lets the 10 gaps of any
second absorb 20 ms of such delay, for 2% of the speed at 10 requests a second.
*/
export const PACING_GUARD_MS = 2;

/** The spacing of `requestsPerSecond`: 1000 ÷ rate milliseconds, plus the guard, between the starts of two attempts. */
export function intervalMsOf(requestsPerSecond: number): number {
  return 1000 / requestsPerSecond + PACING_GUARD_MS;
}
