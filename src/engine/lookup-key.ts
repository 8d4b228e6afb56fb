/**
Builds a cache key: `<cloud>:<api>:<name>=<value>:…`, for example
`tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-jgggrva9`.

Parameters keep the order given (providers list them from coarse to fine, so keys sort by region
then image), and parameters whose value is undefined are left out, so adding an optional parameter
later does not change existing keys. Values may not contain `:` (the separator), `,` or braces
(which would break the refresh globs built from keys), or whitespace.
*/
export function formatLookupKey(cloud: string, api: string, params: LookupKeyParams): string {
  let key = `${cloud}:${api}`;
  for (const [name, value] of params) {
    if (value === undefined) continue;
    const text = String(value);
    if (FORBIDDEN_IN_KEYS.test(text)) {
      throw new Error(`Lookup key parameter ${name}=${JSON.stringify(text)} contains a character keys cannot hold (: , { } or whitespace)`);
    }
    key += `:${name}=${text}`;
  }
  return key;
}

/** A key's parameters, coarse to fine: `[name, value]`, a value undefined when it does not apply. */
export type LookupKeyParams = ReadonlyArray<readonly [name: string, value: string | number | undefined]>;

/** The keys of one provider: its id and each key derive from the same two segments. */
export interface LookupKeys {
  /** `<cloud>:<api>`: the provider's id, and the start of every key it makes. */
  readonly providerId: string;
  /** A key of this provider (see `formatLookupKey`). */
  format(params: LookupKeyParams): string;
}

/** The keys of the provider of `<cloud>:<api>`, so its id and its keys cannot drift apart. */
export function lookupKeysOf(cloud: string, api: string): LookupKeys {
  return { providerId: `${cloud}:${api}`, format: (params) => formatLookupKey(cloud, api, params) };
}

const FORBIDDEN_IN_KEYS = /[:,{}\s]/;
