import { subscribe } from 'node:diagnostics_channel';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import type { LimitFunction } from '../engine/lookup-provider';
import { secretIdHashOf } from './client-config';

/*
Why not p-throttle: it schedules each call at its planned slot. A timer that fires late, or an event
loop busy for a while, then releases the calls queued behind it together, closer than the interval:
the bunching a server counting over a sliding one-second window answers with RequestLimitExceeded.
Here each attempt waits from the moment the previous one was actually written to the socket (undici
says when, on its diagnostics channel), so a late send only delays the ones after it, never brings
them closer.
*/

/** undici publishes this right before it writes a request's first byte to the socket. */
const SEND_HEADERS_CHANNEL = 'undici:client:sendHeaders';
/**
How long a turn waits for the previous attempt to reach the socket before counting from its turn
instead: a send that hangs this long (a connection that does not open) holds nobody up longer.
*/
const SEND_WAIT_LIMIT_MS = 1_000;

/** One attempt let through by a pacer. */
export interface PacedAttempt {
  /** When the pacer let it through (performance.now): its turn, at least the spacing after the previous attempt's start. */
  readonly turnMs: number;
  /**
  The attempt is signed with this Authorization header value: when undici writes those headers, the
  gap after the attempt counts from then. Two attempts may carry the same value (TC3 has no nonce:
  same key, body and second), so a send is matched to the oldest attempt waiting with it.
  */
  sendsWith(authorization: string): void;
  /** The attempt is over, answered or not (a send that never happened frees the next turn). */
  end(): void;
}

/** An attempt as its pacer remembers it. */
interface AttemptRecord {
  /** When the gap after it starts (performance.now): its turn, then its send once undici reports it. */
  startMs: number;
  /** The spacing it asked for. */
  readonly intervalMs: number;
  /** Resolves once it is on the wire or over, whichever is first. */
  readonly settled: Promise<void>;
  readonly settle: () => void;
}

/** One API's pacing for one account: attempts one at a time through `turn`, each after the previous one's start plus the spacing. */
interface RequestPacer {
  readonly turn: LimitFunction;
  last?: AttemptRecord;
}

/** Every pacer of the app, by `pacerKeyOf`: constructs signing with the same SecretId share the account's limit. */
const pacers = new Map<string, RequestPacer>();
/** Attempts signed but not yet seen on the wire, by their Authorization value, oldest first. */
const awaitingSend = new Map<string, AttemptRecord[]>();
let subscribed = false;

function onSendHeaders(message: unknown): void {
  if (awaitingSend.size === 0) return;
  const { headers } = message as { headers?: unknown };
  const text = typeof headers === 'string' ? headers : Array.isArray(headers) ? headers.join('\n') : '';
  for (const [authorization, records] of awaitingSend) {
    if (!text.includes(authorization)) continue;
    const record = records.shift()!;
    if (records.length === 0) awaitingSend.delete(authorization);
    record.startMs = performance.now();
    record.settle();
    return;
  }
}

/** Forgets `record` as waiting for its send under `authorization`, if it still is. */
function stopAwaiting(authorization: string, record: AttemptRecord): void {
  const records = awaitingSend.get(authorization);
  if (records === undefined) return;
  const index = records.indexOf(record);
  if (index >= 0) records.splice(index, 1);
  if (records.length === 0) awaitingSend.delete(authorization);
}

/** Waits for the previous attempt's send or end, at most SEND_WAIT_LIMIT_MS; the timer is cleared once it settles. */
async function previousSettled(previous: AttemptRecord): Promise<void> {
  const timer = new AbortController();
  try {
    await Promise.race([previous.settled, sleep(SEND_WAIT_LIMIT_MS, undefined, { signal: timer.signal })]);
  } finally {
    timer.abort();
  }
}

/** The key of an API's pacer for one account: the action and a hash of the SecretId (never the SecretId). */
export function pacerKeyOf(action: string, secretId: string): string {
  return `${action}|${secretIdHashOf(secretId)}`;
}

/**
Waits for the turn of one attempt under the app-wide pacer of `key`: evenly spaced attempts, a burst
of 1. It resolves at least `intervalMs` after the previous attempt of the same pacer was sent (or,
when undici did not report that send within a second, let through), and at least that previous
attempt's own spacing when it asked for more (constructs with the same SecretId asking for
different rates: the slower spacing applies to each gap). Call it right before signing and
sending, retries included; then tell the attempt its Authorization and, when it is over, end it.
*/
export async function paceAttempt(key: string, intervalMs: number): Promise<PacedAttempt> {
  if (!subscribed) {
    subscribe(SEND_HEADERS_CHANNEL, onSendHeaders);
    subscribed = true;
  }
  let pacer = pacers.get(key);
  if (pacer === undefined) {
    pacer = { turn: pLimit(1) };
    pacers.set(key, pacer);
  }
  const paced = pacer;
  return paced.turn(async () => {
    const previous = paced.last;
    if (previous !== undefined) await previousSettled(previous);
    // Timers may fire a little early against performance.now: wait again until the spacing really passed.
    for (;;) {
      const spacingMs = Math.max(intervalMs, previous?.intervalMs ?? 0);
      const waitMs = previous === undefined ? 0 : previous.startMs + spacingMs - performance.now();
      if (waitMs <= 0) break;
      await sleep(Math.ceil(waitMs));
    }
    let settle!: () => void;
    const settled = new Promise<void>((resolve) => { settle = resolve; });
    const record: AttemptRecord = { startMs: performance.now(), intervalMs, settled, settle };
    paced.last = record;
    let authorization: string | undefined;
    return {
      turnMs: record.startMs,
      sendsWith(value: string) {
        authorization = value;
        const records = awaitingSend.get(value);
        if (records === undefined) awaitingSend.set(value, [record]);
        else records.push(record);
      },
      end() {
        if (authorization !== undefined) stopAwaiting(authorization, record);
        record.settle();
      },
    };
  });
}

/**
Added to every gap: requests spaced exactly 1000 ÷ rate apart on the wire can still reach a server
that counts arrivals over a sliding second closer together, when an earlier one was held up on the
way (network jitter, a busy server). 2 ms a gap lets the 10 gaps of any second absorb 20 ms of such
delay, for 2% of the speed at 10 requests a second.
*/
export const PACING_GUARD_MS = 2;

/** The spacing of `requestsPerSecond`: 1000 ÷ rate milliseconds, plus the guard, between the sends of two attempts. */
export function intervalMsOf(requestsPerSecond: number): number {
  return 1000 / requestsPerSecond + PACING_GUARD_MS;
}
