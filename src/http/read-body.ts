/** A body read in full, or the byte count at which it passed the cap. */
export type CappedBody = { readonly bytes: Buffer } | { readonly tooLargeAfter: number };

/**
Reads a response body up to `maxBytes`. Past the cap the stream is cancelled at once (which closes
the connection), so an endless or huge body costs at most the cap in memory. Read errors (a reset,
the attempt's timeout) propagate.

`onProgress` gets the running byte count, so a timeout can say how far the body got.
*/
export async function readCappedBody(body: ReadableStream<Uint8Array> | null, maxBytes: number, onProgress?: (bytes: number) => void): Promise<CappedBody> {
  if (body === null) return { bytes: Buffer.alloc(0) };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes: Buffer.concat(chunks, total) };
    total += value.byteLength;
    onProgress?.(total);
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { tooLargeAfter: total };
    }
    chunks.push(value);
  }
}
