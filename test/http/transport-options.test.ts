import { LookupInputError } from '../../src/engine/errors';
import { DEFAULT_MAX_RESPONSE_BYTES, resolveTransport, type TransportProps } from '../../src/http/transport-options';
import { thrown } from '../support/expect-errors';

function refusal(props: unknown): LookupInputError {
  return thrown(() => resolveTransport(props as TransportProps), LookupInputError);
}

describe('resolveTransport: defaults', () => {
  test('no props: POST, 10 s per attempt, a 10 MiB body cap, 3 retries from 200 ms up to 5 s', () => {
    expect(resolveTransport({})).toEqual({
      httpMethod: 'POST', timeoutMs: 10_000, maxResponseBytes: 10 * 1024 * 1024, retry: { retries: 3, baseDelayMs: 200, maxDelayMs: 5000 },
    });
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(10_485_760);
  });

  test('a partial retry keeps the other defaults; undefined counts as unset', () => {
    expect(resolveTransport({ retry: { retries: 0 } }).retry).toEqual({ retries: 0, baseDelayMs: 200, maxDelayMs: 5000 });
    expect(resolveTransport({ retry: { retries: undefined, maxDelayMs: 0 } }).retry).toEqual({ retries: 3, baseDelayMs: 200, maxDelayMs: 0 });
  });

  test.each<TransportProps>([
    { timeoutMs: 1 }, { timeoutMs: 600_000 }, { maxResponseBytes: 1 }, { retry: { retries: 10 } }, { retry: { baseDelayMs: 0, maxDelayMs: 600_000 } },
    { retry: { baseDelayMs: 0.5 } }, { httpMethod: 'GET' },
  ])('the bounds themselves are accepted: %j', (props) => {
    expect(() => resolveTransport(props)).not.toThrow();
  });
});

describe('resolveTransport: every bad value is an InvalidLookupInput naming the prop, with the value and the range', () => {
  test.each<[string, unknown, string]>([
    ['retry.retries', { retry: { retries: Number.NaN } }, 'NaN'],
    ['retry.retries', { retry: { retries: -1 } }, '-1'],
    ['retry.retries', { retry: { retries: 11 } }, '11'],
    ['retry.retries', { retry: { retries: 1.5 } }, '1.5'],
    ['retry.retries', { retry: { retries: Number.POSITIVE_INFINITY } }, 'Infinity'],
    ['retry.retries', { retry: { retries: '3' } }, '"3"'],
    ['retry.baseDelayMs', { retry: { baseDelayMs: -1 } }, '-1'],
    ['retry.baseDelayMs', { retry: { baseDelayMs: Number.NaN } }, 'NaN'],
    ['retry.maxDelayMs', { retry: { maxDelayMs: Number.POSITIVE_INFINITY } }, 'Infinity'],
    ['retry.maxDelayMs', { retry: { maxDelayMs: 2 ** 31 } }, String(2 ** 31)],
    ['timeoutMs', { timeoutMs: 0 }, '0'],
    ['timeoutMs', { timeoutMs: -5 }, '-5'],
    ['timeoutMs', { timeoutMs: 1.5 }, '1.5'],
    ['timeoutMs', { timeoutMs: Number.NaN }, 'NaN'],
    ['timeoutMs', { timeoutMs: 600_001 }, '600001'],
    ['timeoutMs', { timeoutMs: 2 ** 31 }, String(2 ** 31)],
    ['maxResponseBytes', { maxResponseBytes: 0 }, '0'],
    ['maxResponseBytes', { maxResponseBytes: -1 }, '-1'],
    ['maxResponseBytes', { maxResponseBytes: 1024.5 }, '1024.5'],
    ['maxResponseBytes', { maxResponseBytes: Number.NaN }, 'NaN'],
    ['maxResponseBytes', { maxResponseBytes: '10MB' }, '"10MB"'],
    ['httpMethod', { httpMethod: 'PUT' }, '"PUT"'],
  ])('%s: %j', (input, props, shown) => {
    const error = refusal(props);
    expect(error).toMatchObject({ code: 'InvalidLookupInput', input });
    expect(error.message).toMatch(new RegExp(`^${input.replace('.', '\\.')}: `));
    expect(error.message).toContain(shown);
  });

  test('retry must be an object', () => {
    for (const retry of [3, 'often', null, [1]]) expect(refusal({ retry }).input).toBe('retry');
  });

  test('an unknown retry option (a typo) is refused, listing the real ones', () => {
    const error = refusal({ retry: { retires: 5 } });
    expect(error.input).toBe('retry.retires');
    for (const name of ['retries', 'baseDelayMs', 'maxDelayMs']) expect(error.message).toContain(name);
  });
});
