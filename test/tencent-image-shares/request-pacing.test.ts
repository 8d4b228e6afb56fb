import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fetch } from 'undici';
import { intervalMsOf, PACING_GUARD_MS, paceAttempt, pacerKeyOf } from '../../src/tencent-image-shares/request-pacing';

// Lower bounds only: the pacer guarantees them by construction (it waits until the spacing really
// passed), so they cannot flake. How close to the floor the pacing runs is the bench's to measure.

let keys = 0;
/** A pacer of its own for each test: pacers are app-wide and live as long as the module. */
const freshKey = () => pacerKeyOf('PacingTest', `AKIDpacingTest${String(++keys).padStart(6, '0')}`);

/** Acquires `intervals.length` turns of `key` at once, in order, and returns when each was let through. */
async function turns(key: string, intervals: readonly number[]): Promise<number[]> {
  const started: number[] = [];
  // The pacer's own turn times: a time taken here, after the promise resolves, may be late by a stall of a loaded machine.
  await Promise.all(intervals.map((intervalMs, index) => paceAttempt(key, intervalMs).then((attempt) => {
    started[index] = attempt.turnMs;
    attempt.end();
  })));
  return started;
}

describe('paceAttempt', () => {
  test('attempts asked for at once are let through one at a time, in order, each at least the interval after the previous one started', async () => {
    const intervalMs = intervalMsOf(40);
    expect(intervalMs).toBe(25 + PACING_GUARD_MS);
    const started = await turns(freshKey(), Array(8).fill(intervalMs));
    for (let index = 1; index < started.length; index++) expect(started[index] - started[index - 1]).toBeGreaterThanOrEqual(intervalMs);
  });

  test('pacers are apart: the first attempt of one goes before the next turn of another, busy one', async () => {
    const busy = freshKey();
    (await paceAttempt(busy, 500)).end();
    const order: string[] = [];
    await Promise.all([
      paceAttempt(busy, 500).then((attempt) => { order.push('busy pacer'); attempt.end(); }),
      paceAttempt(freshKey(), 500).then((attempt) => { order.push('other pacer'); attempt.end(); }),
    ]);
    expect(order).toEqual(['other pacer', 'busy pacer']);
  });

  test('different rates on one key: each gap is the slower of the two neighbours\' spacings', async () => {
    const started = await turns(freshKey(), [200, 10, 10, 150, 10]);
    expect(started[1] - started[0]).toBeGreaterThanOrEqual(200);
    expect(started[2] - started[1]).toBeGreaterThanOrEqual(10);
    expect(started[3] - started[2]).toBeGreaterThanOrEqual(150);
    expect(started[4] - started[3]).toBeGreaterThanOrEqual(150);
  });
});

describe('paceAttempt counts each gap from the send undici reports', () => {
  let server: http.Server;
  let origin: string;
  /** When each request's headers reached the server, by its Authorization. */
  const arrivals = new Map<string, number>();
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      arrivals.set(String(request.headers.authorization), performance.now());
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** One attempt sent `delayMs` after its turn, like one held up between its turn and the socket. */
  async function sendLate(key: string, intervalMs: number, authorization: string, delayMs: number): Promise<{ turnMs: number; sentMs: number }> {
    const attempt = await paceAttempt(key, intervalMs);
    const { turnMs } = attempt;
    attempt.sendsWith(authorization);
    await sleep(delayMs);
    const sentMs = performance.now();
    try {
      await (await fetch(origin, { headers: { authorization } })).text();
    } finally {
      attempt.end();
    }
    return { turnMs, sentMs };
  }

  test('a send held up past the spacing holds the next turn until the spacing after it', async () => {
    const key = freshKey();
    const [first, nextTurnMs] = await Promise.all([
      sendLate(key, 50, 'TC3 late-one', 150),
      paceAttempt(key, 50).then((attempt) => { attempt.end(); return performance.now(); }),
    ]);
    expect(nextTurnMs - first.sentMs).toBeGreaterThanOrEqual(50);
    expect(nextTurnMs - first.turnMs).toBeGreaterThanOrEqual(200);
  });

  test('a send held up within the spacing moves the next turn to the spacing after the send', async () => {
    const key = freshKey();
    const [first, nextTurnMs] = await Promise.all([
      sendLate(key, 100, 'TC3 slightly-late', 40),
      paceAttempt(key, 100).then((attempt) => { attempt.end(); return performance.now(); }),
    ]);
    expect(nextTurnMs - first.sentMs).toBeGreaterThanOrEqual(100);
    expect(arrivals.get('TC3 slightly-late')).toBeGreaterThanOrEqual(first.sentMs);
  });

  test('an attempt that ends unsent frees the next turn after the spacing from its own turn', async () => {
    const key = freshKey();
    const attempt = await paceAttempt(key, 60);
    const { turnMs } = attempt;
    attempt.sendsWith('TC3 never-sent');
    const next = paceAttempt(key, 60).then((later) => { later.end(); return performance.now(); });
    await sleep(5);
    attempt.end();
    const nextTurnMs = await next;
    expect(nextTurnMs - turnMs).toBeGreaterThanOrEqual(60);
    expect(nextTurnMs - turnMs).toBeLessThan(1_000);
  });

  test('two attempts with the same Authorization (TC3 has no nonce): ending one leaves the other waiting for its send', async () => {
    const [first, second] = [freshKey(), freshKey()];
    const ended = await paceAttempt(first, 100);
    const waiting = await paceAttempt(second, 100);
    ended.sendsWith('TC3 same-value');
    waiting.sendsWith('TC3 same-value');
    ended.end();
    await sleep(30);
    const sentMs = performance.now();
    await (await fetch(origin, { headers: { authorization: 'TC3 same-value' } })).text();
    waiting.end();
    const next = await paceAttempt(second, 100);
    const nextTurnMs = performance.now();
    next.end();
    // Counted from the send: had ending the other attempt dropped this one's wait, it would count from its turn, 30 ms earlier.
    expect(nextTurnMs - sentMs).toBeGreaterThanOrEqual(100);
  });

  test('an attempt neither sent nor ended holds the next turn a second at most', async () => {
    const key = freshKey();
    const stuck = await paceAttempt(key, 10);
    stuck.sendsWith('TC3 stuck');
    const next = await paceAttempt(key, 10);
    next.end();
    stuck.end();
    // Held for the second (a timer may fire a millisecond early against performance.now); unheld, it would be 10 ms.
    expect(next.turnMs - stuck.turnMs).toBeGreaterThanOrEqual(990);
  });
});

describe('pacerKeyOf', () => {
  test('names the action and a hash of the SecretId, never the SecretId', () => {
    const key = pacerKeyOf('DescribeImageSharePermission', 'AKIDsecretIdOfSomeone01');
    expect(key).toMatch(/^DescribeImageSharePermission\|[0-9a-f]{12}$/);
    expect(key).not.toContain('AKIDsecretIdOfSomeone01');
    expect(pacerKeyOf('DescribeImageSharePermission', 'AKIDsecretIdOfSomeone01')).toBe(key);
    expect(pacerKeyOf('DescribeImageSharePermission', 'AKIDsecretIdOfSomeone02')).not.toBe(key);
  });
});
