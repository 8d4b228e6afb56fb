import pLimit from 'p-limit';
import { callInChunks } from '../../src/http/call-in-chunks';

const ITEMS = Array.from({ length: 25 }, (_, index) => index);

test('splits into chunks of the given size, in order, one call each', async () => {
  const calls: number[][] = [];
  const results = await callInChunks(ITEMS, 10, pLimit(2), async (chunk) => { calls.push([...chunk]); return chunk.length; }, () => true);
  expect(results.map((result) => result.chunk.length)).toEqual([10, 10, 5]);
  expect(results.map((result) => 'answer' in result && result.answer)).toEqual([10, 10, 5]);
  expect(calls.flat().sort((a, b) => a - b)).toEqual(ITEMS);
});

test('a failure that is not fatal stays with its own chunk', async () => {
  const results = await callInChunks(ITEMS, 10, pLimit(1), async (chunk) => {
    if (chunk[0] === 10) throw new Error('throttled');
    return 'ok';
  }, () => false);
  expect(results.map((result) => ('error' in result ? (result.error as Error).message : result.answer))).toEqual(['ok', 'throttled', 'ok']);
});

test('after a fatal failure, chunks not started yet are not sent and report the same error', async () => {
  let sent = 0;
  const refused = new Error('bad credentials');
  const results = await callInChunks(ITEMS, 10, pLimit(1), async () => { sent++; throw refused; }, (error) => error === refused);
  expect(sent).toBe(1);
  expect(results.every((result) => 'error' in result && result.error === refused)).toBe(true);
});

test('no items, no calls', async () => {
  expect(await callInChunks([], 10, pLimit(1), async () => { throw new Error('never'); }, () => true)).toEqual([]);
});
