import { performance } from 'node:perf_hooks';
import { intervalMsOf, PACING_GUARD_MS, paceAttempt, pacerKeyOf } from '../../src/tencent-image-shares/request-pacing';

// Lower bounds only: the pacer guarantees them by construction (it waits until the spacing really
// passed), so they cannot flake. How close to the floor the pacing runs is the bench's to measure.

let keys = 0;
/** A pacer of its own for each test: pacers are app-wide and live as long as the module. */
const freshKey = () => pacerKeyOf('PacingTest', `AKIDpacingTest${String(++keys).padStart(6, '0')}`);

/** Acquires `intervals.length` turns of `key` at once, in order, and returns when each was let through. */
async function turns(key: string, intervals: readonly number[]): Promise<number[]> {
  const started: number[] = [];
  await Promise.all(intervals.map((intervalMs, index) => paceAttempt(key, intervalMs).then(() => { started[index] = performance.now(); })));
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
    await paceAttempt(busy, 500);
    const order: string[] = [];
    await Promise.all([
      paceAttempt(busy, 500).then(() => order.push('busy pacer')),
      paceAttempt(freshKey(), 500).then(() => order.push('other pacer')),
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

describe('pacerKeyOf', () => {
  test('names the action and a hash of the SecretId, never the SecretId', () => {
    const key = pacerKeyOf('DescribeImageSharePermission', 'AKIDsecretIdOfSomeone01');
    expect(key).toMatch(/^DescribeImageSharePermission\|[0-9a-f]{12}$/);
    expect(key).not.toContain('AKIDsecretIdOfSomeone01');
    expect(pacerKeyOf('DescribeImageSharePermission', 'AKIDsecretIdOfSomeone01')).toBe(key);
    expect(pacerKeyOf('DescribeImageSharePermission', 'AKIDsecretIdOfSomeone02')).not.toBe(key);
  });
});
