import { toEvidence } from '../../src/policy';

describe('toEvidence', () => {
  test('is the JSON the report will hold', () => {
    expect(toEvidence({ at: new Date(0), gone: undefined, nested: { list: [1, null, 'x'] } })).toEqual({ at: '1970-01-01T00:00:00.000Z', nested: { list: [1, null, 'x'] } });
    expect(toEvidence(undefined)).toEqual({});
  });

  test.each([[[1, 2], /got an array/], ['text', /got a string/], [null, /got null/]])('refuses %j: evidence is an object', (value, message) => {
    expect(() => toEvidence(value)).toThrow(message);
  });

  test('refuses what JSON cannot hold', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => toEvidence(cycle)).toThrow(TypeError);
    expect(() => toEvidence({ big: 1n })).toThrow(/BigInt/);
  });
});
