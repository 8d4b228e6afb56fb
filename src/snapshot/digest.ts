import { createHash } from 'node:crypto';
import { stableStringify } from '../engine/stable-json';

/** `sha256:<hex>` of the value's stable JSON: equal data, equal digest, whatever the key order. */
export function digestOf(value: unknown): string {
  return `sha256:${createHash('sha256').update(stableStringify(value)).digest('hex')}`;
}

/** Hex digits of a short digest: enough to tell a changed item in a plan, short enough for 10,000 of them. */
export const SHORT_DIGEST_LENGTH = 8;

/**
The first 8 hex digits of `digestOf(value)`: an item's entry in a snapshot's per-item digest map.
It names which item changed; the full digest beside it is what guarantees a change shows.
*/
export function shortDigestOf(value: unknown): string {
  return shortDigest(digestOf(value));
}

/** The first 8 hex digits of a `sha256:<hex>` digest. */
export function shortDigest(digest: string): string {
  return digest.slice('sha256:'.length, 'sha256:'.length + SHORT_DIGEST_LENGTH);
}
