import { withRetries, type RetryDecision, type RetryOptions } from '../../src/http/with-retries';

/** Tiny backoff so retried tests stay fast; no test measures time. */
const FAST: RetryOptions = { baseDelayMs: 1, maxDelayMs: 5 };

/** An error that says how it should be classified. */
class ScriptedError extends Error {
  constructor(readonly decision: RetryDecision, readonly attemptNumber: number) {
    super(`${decision} at attempt ${attemptNumber}`);
  }
}

const classifyScripted = (error: unknown): RetryDecision => (error instanceof ScriptedError ? error.decision : 'fail');

/**
An attempt function that fails with the scripted decisions in order, then succeeds with
`success-at-N`; records the attempt numbers it was called with.
*/
function scriptedAttempts(decisions: readonly RetryDecision[]) {
  const attemptNumbers: number[] = [];
  const attempt = async (attemptNumber: number): Promise<string> => {
    attemptNumbers.push(attemptNumber);
    const decision = decisions[attemptNumbers.length - 1];
    if (decision !== undefined) throw new ScriptedError(decision, attemptNumber);
    return `success-at-${attemptNumber}`;
  };
  return { attempt, attemptNumbers };
}

/** Runs withRetries and returns what it threw; fails the test if it succeeded. */
async function rejection(promise: Promise<unknown>): Promise<ScriptedError> {
  const outcome = await promise.then((value) => ({ value }), (error: unknown) => ({ error }));
  if (!('error' in outcome)) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(ScriptedError);
  return outcome.error as ScriptedError;
}

describe('withRetries: success', () => {
  test('a first attempt that succeeds is the only one', async () => {
    const { attempt, attemptNumbers } = scriptedAttempts([]);
    await expect(withRetries(attempt, classifyScripted, FAST)).resolves.toBe('success-at-1');
    expect(attemptNumbers).toEqual([1]);
  });

  test('succeeds midway through the retries and stops there', async () => {
    const { attempt, attemptNumbers } = scriptedAttempts(['retry', 'retry']);
    await expect(withRetries(attempt, classifyScripted, { ...FAST, retries: 5 })).resolves.toBe('success-at-3');
    expect(attemptNumbers).toEqual([1, 2, 3]);
  });

  test('attempt numbers start at 1 and increase by one, re-signs included', async () => {
    const { attempt, attemptNumbers } = scriptedAttempts(['retry', 'resignOnce', 'retry']);
    await withRetries(attempt, classifyScripted, { ...FAST, retries: 2 });
    expect(attemptNumbers).toEqual([1, 2, 3, 4]);
  });
});

describe("withRetries: 'retry' decisions", () => {
  test.each([0, 1, 3])('with retries: %i, makes retries + 1 attempts, then throws the last error', async (retries) => {
    const { attempt, attemptNumbers } = scriptedAttempts(Array<RetryDecision>(10).fill('retry'));
    const error = await rejection(withRetries(attempt, classifyScripted, { ...FAST, retries }));
    expect(attemptNumbers).toHaveLength(retries + 1);
    expect(error.attemptNumber).toBe(retries + 1);
  });

  test('defaults to 3 retries (4 attempts)', async () => {
    const { attempt, attemptNumbers } = scriptedAttempts(Array<RetryDecision>(10).fill('retry'));
    await rejection(withRetries(attempt, classifyScripted, FAST));
    expect(attemptNumbers).toEqual([1, 2, 3, 4]);
  });

  test('classify gets every failed attempt’s error', async () => {
    const { attempt } = scriptedAttempts(['retry', 'retry']);
    const classified: unknown[] = [];
    await withRetries(attempt, (error) => {
      classified.push(error);
      return classifyScripted(error);
    }, FAST);
    expect(classified.map((error) => (error as ScriptedError).attemptNumber)).toEqual([1, 2]);
  });
});

describe("withRetries: 'fail' decisions", () => {
  test('are thrown at once, never retried, whatever the retry budget', async () => {
    const { attempt, attemptNumbers } = scriptedAttempts(['fail']);
    const error = await rejection(withRetries(attempt, classifyScripted, { ...FAST, retries: 5 }));
    expect(attemptNumbers).toEqual([1]);
    expect(error.decision).toBe('fail');
  });

  test('stop a run that was retrying', async () => {
    const { attempt, attemptNumbers } = scriptedAttempts(['retry', 'fail']);
    const error = await rejection(withRetries(attempt, classifyScripted, { ...FAST, retries: 5 }));
    expect(attemptNumbers).toEqual([1, 2]);
    expect(error.attemptNumber).toBe(2);
  });

  test('a non-Error thrown value is rethrown as is', async () => {
    const thrown = { not: 'an Error' };
    let calls = 0;
    await expect(withRetries(async () => {
      calls++;
      throw thrown;
    }, () => 'fail', FAST)).rejects.toBe(thrown);
    expect(calls).toBe(1);
  });
});

describe("withRetries: 'resignOnce' decisions", () => {
  test('are retried exactly once, then succeed', async () => {
    const { attempt, attemptNumbers } = scriptedAttempts(['resignOnce']);
    await expect(withRetries(attempt, classifyScripted, { ...FAST, retries: 0 })).resolves.toBe('success-at-2');
    expect(attemptNumbers).toEqual([1, 2]);
  });

  test('a second resign-class failure is thrown, even with retries left', async () => {
    const { attempt, attemptNumbers } = scriptedAttempts(['resignOnce', 'resignOnce', 'resignOnce']);
    const error = await rejection(withRetries(attempt, classifyScripted, { ...FAST, retries: 5 }));
    expect(attemptNumbers).toEqual([1, 2]);
    expect(error).toMatchObject({ decision: 'resignOnce', attemptNumber: 2 });
  });

  test('the re-sign does not use up the retry budget', async () => {
    // retries: 1 allows one 'retry'; the re-sign comes on top of it.
    const { attempt, attemptNumbers } = scriptedAttempts(['retry', 'resignOnce', 'retry']);
    const error = await rejection(withRetries(attempt, classifyScripted, { ...FAST, retries: 1 }));
    expect(attemptNumbers).toEqual([1, 2, 3]);
    expect(error).toMatchObject({ decision: 'retry', attemptNumber: 3 });
  });

  test('the one re-sign is allowed after retries', async () => {
    const { attempt, attemptNumbers } = scriptedAttempts(['retry', 'retry', 'resignOnce']);
    await expect(withRetries(attempt, classifyScripted, { ...FAST, retries: 2 })).resolves.toBe('success-at-4');
    expect(attemptNumbers).toEqual([1, 2, 3, 4]);
  });
});

describe('withRetries: unchecked options cannot loop forever', () => {
  test.each([Number.NaN, -1])('retries %p: one attempt, then the error', async (retries) => {
    const { attempt, attemptNumbers } = scriptedAttempts(Array<RetryDecision>(10).fill('retry'));
    await rejection(withRetries(attempt, classifyScripted, { ...FAST, retries }));
    expect(attemptNumbers).toEqual([1]);
  });
});

describe('withRetries: the retry listener', () => {
  test('is told of every further attempt: the failed attempt, the backoff and whether it is a re-sign', async () => {
    const { attempt } = scriptedAttempts(['retry', 'resignOnce', 'retry']);
    const heard: Array<[number, RetryDecision, boolean]> = [];
    await withRetries(attempt, classifyScripted, { ...FAST, retries: 2 }, (error, failedAttempt, delayMs, decision) => {
      expect(error).toBeInstanceOf(ScriptedError);
      heard.push([failedAttempt, decision, delayMs >= 0 && delayMs <= FAST.maxDelayMs!]);
    });
    expect(heard).toEqual([[1, 'retry', true], [2, 'resignOnce', true], [3, 'retry', true]]);
  });
});
