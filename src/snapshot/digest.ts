import { createHash } from 'node:crypto';
import { stableStringify } from '../engine/stable-json';

/** `sha256:<hex>` of the value's stable JSON: equal data, equal digest, whatever the key order. */
export function digestOf(value: unknown): string {
  return `sha256:${createHash('sha256').update(stableStringify(value)).digest('hex')}`;
}
