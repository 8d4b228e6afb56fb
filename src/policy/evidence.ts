/** A value that survives JSON unchanged. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
What a finding saw, as JSON, for reports and for people: e.g. `{ uin: '100001', allowlist: ['100002'] }`.
Keep it small and never put secrets in it: reports are uploaded to CI.
*/
export type Evidence = { readonly [key: string]: JsonValue };

/**
A rule's evidence as it will be written: a JSON round trip, so a `Date` becomes its ISO text and
`undefined` fields go away. Throws (a TypeError) for what JSON cannot hold: a cycle, a BigInt.
*/
export function toEvidence(value: unknown): Evidence {
  if (value === undefined) return {};
  const json: unknown = JSON.parse(JSON.stringify(value) ?? 'null');
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new TypeError(`evidence must be an object of JSON values, got ${json === null ? 'null' : Array.isArray(json) ? 'an array' : `a ${typeof json}`}`);
  }
  return json as Evidence;
}
