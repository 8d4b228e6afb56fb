import type { LimitFunction } from '../engine/lookup-provider';

/** One chunk's result: the call's answer, or the error it failed with. */
export type ChunkResult<Item, Answer> =
  | { readonly chunk: readonly Item[]; readonly answer: Answer }
  | { readonly chunk: readonly Item[]; readonly error: unknown };

/**
Splits `items` into chunks of at most `size` and makes one call per chunk under `limit`.

A chunk that fails keeps its error to itself, so the other chunks' answers are not lost. But after
an error no retry can fix (`isFatal`: bad credentials, a bad parameter), chunks not started yet are
not sent: they report the same error, so an app with bad credentials makes one refused call, not a hundred.
*/
export async function callInChunks<Item, Answer>(
  items: readonly Item[],
  size: number,
  limit: LimitFunction,
  call: (chunk: readonly Item[]) => Promise<Answer>,
  isFatal: (error: unknown) => boolean,
): Promise<Array<ChunkResult<Item, Answer>>> {
  const chunks: Item[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  let fatal: { error: unknown } | undefined;
  return Promise.all(chunks.map((chunk) => limit(async (): Promise<ChunkResult<Item, Answer>> => {
    if (fatal) return { chunk, error: fatal.error };
    try {
      return { chunk, answer: await call(chunk) };
    } catch (error) {
      if (isFatal(error)) fatal ??= { error };
      return { chunk, error };
    }
  })));
}
