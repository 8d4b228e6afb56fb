import pLimit from 'p-limit';
import type { FetchProgress } from '../../src/engine/lookup-provider';
import { LookupInputError } from '../../src/engine/errors';
import { ResponseInvalidError } from '../../src/http/errors';
import { checkEachImageId, checkIdsPerCall, limitOf, lookupInBatches, type LookupBatchCalls, type LookupOutcome } from '../../src/http/lookup-batch';
import { thrown } from '../support/expect-errors';

const ENDPOINT = 'https://api.example.test/';
/** 25 IDs: 23 distinct, the two repeats mixed in. */
const IDS = [...Array.from({ length: 23 }, (_, index) => `id-${index}`), 'id-3', 'id-0'];
const DISTINCT = [...new Set(IDS)];

/** An answer of one call: the IDs it knows. */
type Answer = readonly string[];

/** A fake API that knows the IDs with an even number; `failOn` makes the call holding that ID throw. */
function fakeCalls(options: { failOn?: Map<string, Error>; maxIdsPerCall?: number } = {}) {
  const sent: string[][] = [];
  let prepared = 0;
  const calls: LookupBatchCalls<{ readonly id: string }, Answer> = {
    maxIdsPerCall: options.maxIdsPerCall ?? 10,
    limit: pLimit(1),
    prepare: () => { prepared++; },
    call: async (imageIds) => {
      sent.push([...imageIds]);
      const failure = imageIds.map((imageId) => options.failOn?.get(imageId)).find(Boolean);
      if (failure) throw failure;
      return imageIds.filter((imageId) => Number(imageId.slice(3)) % 2 === 0);
    },
    outcomesOf: (answer, imageIds) => imageIds.map((imageId): LookupOutcome<{ readonly id: string }> => (answer.includes(imageId)
      ? { imageId, outcome: 'found', value: { id: imageId }, endpoint: ENDPOINT }
      : { imageId, outcome: 'notFound', endpoint: ENDPOINT })),
  };
  return { calls, sent, prepared: () => prepared };
}

describe('lookupInBatches', () => {
  test('deduplicates, calls in chunks, and gives every ID one outcome of the engine\'s shape, in first-seen order', async () => {
    const fake = fakeCalls();
    const batch = await lookupInBatches(IDS, fake.calls);
    expect(fake.sent.map((chunk) => chunk.length)).toEqual([10, 10, 3]);
    expect(fake.sent.flat()).toEqual(DISTINCT);
    expect(batch.calls).toBe(3);
    expect(batch.outcomes.map((outcome) => outcome.imageId)).toEqual(DISTINCT);
    expect(batch.outcomes[0]).toEqual({ imageId: 'id-0', outcome: 'found', value: { id: 'id-0' }, endpoint: ENDPOINT });
    expect(batch.outcomes[1]).toEqual({ imageId: 'id-1', outcome: 'notFound', endpoint: ENDPOINT });
    expect(batch.answers).toHaveLength(3);
  });

  test('prepares once before the first call, and not at all without IDs', async () => {
    const fake = fakeCalls();
    await lookupInBatches(IDS, fake.calls);
    expect(fake.prepared()).toBe(1);
    const none = fakeCalls();
    expect(await lookupInBatches([], none.calls)).toEqual({ outcomes: [], answers: [], calls: 0 });
    expect(none.prepared()).toBe(0);
  });

  test('a failed call marks only its own IDs as errors; the answers of the others are kept, in order', async () => {
    const throttled = new ResponseInvalidError({
      context: { cloud: 'Fake', action: 'Get', region: 'r', endpoint: ENDPOINT, imageIds: ['id-12'] }, attempt: 4, status: 503, retryable: true, reason: 'throttled',
    });
    const fake = fakeCalls({ failOn: new Map([['id-12', throttled]]) });
    const batch = await lookupInBatches(IDS, fake.calls);
    expect(batch.calls).toBe(3);
    expect(batch.outcomes.slice(10, 20)).toEqual(DISTINCT.slice(10, 20).map((imageId) => ({ imageId, outcome: 'error', error: throttled })));
    expect(batch.outcomes.slice(0, 10).every((outcome) => outcome.outcome !== 'error')).toBe(true);
    expect(batch.answers).toEqual([fake.sent[0].filter((_, index) => index % 2 === 0), ['id-20', 'id-22']]);
  });

  test('after a refusal no retry can fix, the calls not sent yet are skipped and report it', async () => {
    const refused = new Error('bad credentials');
    const fake = fakeCalls({ failOn: new Map([['id-0', refused]]) });
    const batch = await lookupInBatches(IDS, fake.calls);
    expect(batch.calls).toBe(1);
    expect(batch.outcomes).toHaveLength(DISTINCT.length);
    expect(batch.outcomes.every((outcome) => outcome.outcome === 'error' && outcome.error === refused)).toBe(true);
  });

  describe('progress', () => {
    /** What a batch tells its `progress`, in order. */
    function recorded(): { events: string[]; progress: FetchProgress } {
      const events: string[] = [];
      return {
        events,
        progress: {
          callsPlanned: (count) => events.push(`planned ${count}`),
          callsFinished: (count = 1) => events.push(`finished ${count}`),
          retrying: () => events.push('retrying'),
          throttled: () => events.push('throttled'),
        },
      };
    }

    test('announces every call before the first is sent, then each one as it finishes', async () => {
      const fake = fakeCalls();
      const { events, progress } = recorded();
      const call = fake.calls.call;
      await lookupInBatches(IDS, { ...fake.calls, progress, call: (chunk) => { events.push('sent'); return call(chunk); } });
      expect(events).toEqual(['planned 3', 'sent', 'finished 1', 'sent', 'finished 1', 'sent', 'finished 1']);
    });

    test('a failed call is finished too, and the calls skipped after a refusal no retry can fix', async () => {
      const fake = fakeCalls({ failOn: new Map([['id-0', new Error('bad credentials')]]) });
      const { events, progress } = recorded();
      await lookupInBatches(IDS, { ...fake.calls, progress });
      expect(events).toEqual(['planned 3', 'finished 1', 'finished 2']);
    });

    test('no IDs, nothing announced', async () => {
      const { events, progress } = recorded();
      await lookupInBatches([], { ...fakeCalls().calls, progress });
      expect(events).toEqual([]);
    });
  });
});

describe('checks of a public entry point', () => {
  const checkShape = (imageId: unknown, input: string) => {
    if (typeof imageId !== 'string' || !imageId.startsWith('id-')) throw new LookupInputError(input, `${JSON.stringify(imageId)} is not an ID`);
  };

  test('checkEachImageId names a bad ID by its index', () => {
    expect(() => checkEachImageId(['id-1', 'id-2'], 'imageIds', checkShape)).not.toThrow();
    expect(thrown(() => checkEachImageId(['id-1', 'ID-2'], 'imageIds', checkShape), LookupInputError).input).toBe('imageIds[1]');
  });

  test.each([0, 11])('checkIdsPerCall refuses %i IDs, pointing at the batch entry point', (count) => {
    const error = thrown(() => checkIdsPerCall('getThings', DISTINCT.slice(0, count), 10, 'lookupThings'), RangeError);
    expect(error.message).toBe(`getThings takes 1 to 10 image IDs, got ${count}; use lookupThings for more`);
  });

  test('checkIdsPerCall takes 1 to the most a call takes', () => {
    expect(() => checkIdsPerCall('getThings', DISTINCT.slice(0, 10), 10, 'lookupThings')).not.toThrow();
  });
});

/** The most tasks a limiter ran at once, out of 10. */
async function mostInFlight(limit: ReturnType<typeof pLimit>): Promise<number> {
  let inFlight = 0;
  let most = 0;
  await Promise.all(Array.from({ length: 10 }, () => limit(async () => {
    most = Math.max(most, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
  })));
  return most;
}

test('limitOf: the shared limiter when given, else one of `concurrency`, 4 by default', async () => {
  const shared = pLimit(2);
  expect(limitOf({ limit: shared, concurrency: 9 })).toBe(shared);
  expect(await mostInFlight(limitOf({ concurrency: 3 }))).toBe(3);
  expect(await mostInFlight(limitOf({}))).toBe(4);
});
