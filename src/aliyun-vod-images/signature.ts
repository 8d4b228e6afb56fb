import { createHmac } from 'node:crypto';

/**
RFC 3986 percent-encoding of UTF-8, as Alibaba Cloud's RPC signature requires: only `A-Z a-z 0-9 - _ . ~`
stay as they are, a space is `%20` (never `+`). `encodeURIComponent` leaves `! ' ( ) *` alone, so
those are encoded here, as the vendor's own Node SDK (pop-core) does.
*/
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
`name=value` pairs joined by `&`, names and values percent-encoded, every parameter except `Signature`,
sorted by raw name with a plain `<` comparison (the documented order is by code, so `B` comes before
`a` and `Key.12` before `Key.2`; `localeCompare` would differ).
*/
export function canonicalizedQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name])}`)
    .join('&');
}

/**
`METHOD&%2F&` + the canonicalized query percent-encoded a second time (so `:` in a timestamp ends up
as `%253A`). The path is always `/`: the RPC style signs no host and no path.
*/
export function stringToSignRpc(httpMethod: 'GET' | 'POST', params: Readonly<Record<string, string>>): string {
  return `${httpMethod}&${percentEncode('/')}&${percentEncode(canonicalizedQuery(params))}`;
}

/** Base64 HMAC-SHA1 of `stringToSignRpc(...)`, keyed with the AccessKey secret followed by `&`. */
export function signRpc(httpMethod: 'GET' | 'POST', params: Readonly<Record<string, string>>, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(stringToSignRpc(httpMethod, params), 'utf8').digest('base64');
}
