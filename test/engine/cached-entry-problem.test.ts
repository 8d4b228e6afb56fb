import type { CacheEntry } from '../../src/engine';
import { cachedEntryProblem } from '../../src/engine/cached-entry-problem';
import { FAKE_ENDPOINT, FakeProvider, type FakeQuery } from '../support/fake-lookup';

const provider = new FakeProvider();
const QUERY: FakeQuery = { name: 'alpha' };
const FOUND: CacheEntry = { provider: 'fake:Lookup', outcome: 'found', value: { name: 'alpha', version: 1 }, endpoint: FAKE_ENDPOINT, fetchedAt: '2026-01-01T00:00:00Z' };

test('a found entry of the provider\'s shape, and a notFound entry without a value, are sound', () => {
  expect(cachedEntryProblem(FOUND, provider, QUERY)).toBeUndefined();
  expect(cachedEntryProblem({ ...FOUND, outcome: 'notFound', value: undefined }, provider, QUERY)).toBeUndefined();
});

test.each<[string, CacheEntry, { field: string; problem: RegExp }]>([
  ['another provider\'s entry', { ...FOUND, provider: 'other:Lookup' }, { field: 'provider', problem: /^is "other:Lookup", but the key belongs to fake:Lookup$/ }],
  ['a notFound entry with a value', { ...FOUND, outcome: 'notFound' }, { field: 'value', problem: /^a notFound entry has no value$/ }],
  ['a found entry without a value', { ...FOUND, value: undefined }, { field: 'value', problem: /expected object/ }],
  ['a field of the wrong type', { ...FOUND, value: { name: 'alpha', version: '1' } }, { field: 'value.version', problem: /expected number/ }],
  ['a field missing', { ...FOUND, value: { version: 1 } }, { field: 'value.name', problem: /expected string/ }],
])('%s is named by its field', (_, entry, expected) => {
  expect(cachedEntryProblem(entry, provider, QUERY)).toEqual({ field: expected.field, problem: expect.stringMatching(expected.problem) });
});

test('fields a newer version of the provider may add are no problem', () => {
  expect(cachedEntryProblem({ ...FOUND, value: { name: 'alpha', version: 1, revision: 'b' } }, provider, QUERY)).toBeUndefined();
});
