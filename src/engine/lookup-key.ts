/**
Builds a cache key: `<cloud>:<api>:<name>=<value>:…`, for example
`tencent:GetImageShareUinInfo:region=ap-guangzhou:imageId=img-jgggrva9`.

Parameters keep the order given (providers list them from coarse to fine, so keys sort by region
then image), and parameters whose value is undefined are left out, so adding an optional parameter
later does not change existing keys. Values may not contain `:` (the separator), `,` or braces
(which would break the refresh globs built from keys), or whitespace.
*/
export function formatLookupKey(
  cloud: string,
  api: string,
  params: ReadonlyArray<readonly [name: string, value: string | number | undefined]>,
): string {
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

const FORBIDDEN_IN_KEYS = /[:,{}\s]/;
