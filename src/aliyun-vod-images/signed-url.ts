/**
A URL from the VOD API. URL, Mezzanine.FileURL (and often Mezzanine.OriginalFileName) are signed:
they expire (AuthTimeout) and grant access to whoever holds them. By default only the stable part
is kept, never the signature.

The signed forms recognized (Alibaba Cloud VOD user guide, "Type A signing", "Type B signing" and
"Type C signing"; CDN "URL signing examples"):

| form | shape | removed |
|---|---|---|
| OSS | `/path?Expires=<unix s>&OSSAccessKeyId=<id>&Signature=<sig>` | the query |
| CDN type A | `/Filename?auth_key=<timestamp>-<rand>-<uid>-<md5hash>` | the query |
| CDN type B | `/<YYYYMMDDHHMM>/<md5hash>/Filename` | the first two path segments |
| CDN type C, format 1 | `/<md5hash>/<hex unix time>/Filename` | the first two path segments |
| CDN type C, format 2 | `/Filename?<name1>=<md5hash>&<name2>=<hex unix time>` (names set per domain) | the query |
| credentials | `scheme://user:password@host/…` | `user:password@` |

The whole query string and fragment are always dropped, not only the parameters named above: type C
format 2's parameter names are configured per domain, so any parameter may be part of a signature.
*/
export interface VodUrl {
  /** Scheme, host and path; the full signed URL only when signed URLs are kept (opt-in). */
  readonly url: string;
  /**
  Whether anything was removed from the API's URL: a query string, a fragment, the two signature
  segments of a path-signed CDN URL, or credentials (`user:password@`, removed even when signed URLs
  are kept: they do not expire).
  */
  readonly signatureRemoved: boolean;
  /**
  Only with `keepSignedUrls`: the earliest time the signed URL can stop working, ISO 8601 UTC, read
  from the time the URL carries:
  - OSS: `Expires`, the expiry itself (Unix seconds);
  - CDN type A: the first field of `auth_key` (Unix seconds; a 12-digit `YYYYMMDDHHMM` is read as UTC+8,
    the form one VOD page gives). VOD writes the signing time plus AuthTimeout there;
  - CDN type B: the `YYYYMMDDHHMM` path segment, in UTC+8: the signing time;
  - CDN type C: the hexadecimal Unix time: the signing time.

  For every CDN form the CDN adds the validity period configured for the domain, which the API does
  not tell: the URL works until `expiresAt` plus that period, so `expiresAt` is a lower bound, exact
  only for OSS. Undefined when the URL carries no time we can read, and always without
  `keepSignedUrls`: the stable URL kept then does not expire, and a time that changes on every fetch
  of an unchanged image would make every refresh of the cache a change.
  */
  readonly expiresAt?: string;
}

/** 32 hexadecimal digits: the md5hash of CDN URL signing (lowercase per the docs; either case is read). */
const MD5_HASH = /^[0-9a-f]{32}$/i;
/** Type B's timestamp: `YYYYMMDDHHMM`. */
const TYPE_B_TIME = /^\d{12}$/;
/** Type C's timestamp: Unix seconds as 8 hexadecimal digits (the docs' example is upper-case). */
const HEX_TIME = /^[0-9a-f]{8}$/i;
/**
Hexadecimal times before 2000 are refused, so a path such as `/<media ID>/20240101/x.png` (decimal
digits that also read as hex: 0x20240101 is in 1987) is not taken for a type C signature.
*/
const EARLIEST_HEX_TIME = Date.UTC(2000, 0, 1) / 1000;
/** Unix seconds in a query (OSS `Expires`, type A): 9 to 11 digits, so milliseconds are not taken for seconds. */
const UNIX_SECONDS = /^\d{9,11}$/;
/** UTC+8, the zone of type B's (and, per one VOD page, type A's) `YYYYMMDDHHMM`. */
const BEIJING_OFFSET_SECONDS = 8 * 3600;
/** `scheme://userinfo@`: userinfo ends at the last `@` before the path, as URL parsers read it. */
const USERINFO = /^(\s*[a-z][a-z0-9+.-]*:\/\/)[^/?#\\]*@/i;

/**
The stable form of a URL, or the full one with `keepSigned` (credentials removed all the same).
Anything that is not an http(s) URL (a plain file name) is returned as is, credentials removed.
*/
export function toVodUrl(text: string, keepSigned: boolean): VodUrl {
  const { text: withoutUserinfo, removed: credentialsRemoved } = removeCredentials(text);
  let parsed: URL;
  try {
    parsed = new URL(withoutUserinfo);
  } catch {
    return { url: withoutUserinfo, signatureRemoved: credentialsRemoved };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { url: withoutUserinfo, signatureRemoved: credentialsRemoved };

  const pathSignature = readPathSignature(parsed.pathname);
  if (keepSigned) {
    const expiresAt = readQueryTime(parsed.searchParams) ?? pathSignature?.time;
    return { url: withoutUserinfo, signatureRemoved: credentialsRemoved, ...(expiresAt === undefined ? {} : { expiresAt }) };
  }
  const hasQueryOrFragment = /[?#]/.test(withoutUserinfo);
  if (!hasQueryOrFragment && pathSignature === undefined) return { url: withoutUserinfo, signatureRemoved: credentialsRemoved };
  const path = pathSignature?.filenamePath ?? parsed.pathname;
  return { url: `${parsed.protocol}//${parsed.host}${path}`, signatureRemoved: true };
}

/** Removes `user:password@` (or `user@`) from the text, keeping every other byte as it was. */
function removeCredentials(text: string): { text: string; removed: boolean } {
  const textual = text.replace(USERINFO, '$1');
  if (!hasCredentials(textual)) return { text: textual, removed: textual !== text };
  // A form the pattern missed (the URL parser forgives more than it): let the parser remove them.
  const url = new URL(textual);
  url.username = '';
  url.password = '';
  return { text: url.href, removed: true };
}

function hasCredentials(text: string): boolean {
  try {
    const url = new URL(text);
    return url.username !== '' || url.password !== '';
  } catch {
    return false;
  }
}

/** Type B (`/<YYYYMMDDHHMM>/<md5hash>/Filename`) or type C format 1 (`/<md5hash>/<hex time>/Filename`). */
function readPathSignature(pathname: string): { filenamePath: string; time?: string } | undefined {
  const [, first, second, ...rest] = pathname.split('/');
  // The form has a Filename after the two segments; without one, this is not a signed path.
  if (first === undefined || second === undefined || rest.join('/') === '') return undefined;
  const filenamePath = `/${rest.join('/')}`;
  if (TYPE_B_TIME.test(first) && MD5_HASH.test(second)) {
    const time = beijingMinuteToIso(first);
    return time === undefined ? undefined : { filenamePath, time };
  }
  if (MD5_HASH.test(first) && HEX_TIME.test(second)) {
    const time = hexTimeToIso(second);
    return time === undefined ? undefined : { filenamePath, time };
  }
  return undefined;
}

/** OSS `Expires`, then type A's `auth_key`, then type C format 2 (a 32-hex value beside a hex time). */
function readQueryTime(params: URLSearchParams): string | undefined {
  const expires = params.get('Expires');
  if (expires !== null) return UNIX_SECONDS.test(expires) ? unixSecondsToIso(Number(expires)) : undefined;
  const authKey = params.get('auth_key');
  if (authKey !== null) {
    const timestamp = authKey.split('-')[0];
    if (UNIX_SECONDS.test(timestamp)) return unixSecondsToIso(Number(timestamp));
    return TYPE_B_TIME.test(timestamp) ? beijingMinuteToIso(timestamp) : undefined;
  }
  const values = [...params.values()];
  const hashes = values.filter((value) => MD5_HASH.test(value));
  const times = values.filter((value) => HEX_TIME.test(value));
  // Exactly one of each, or we cannot tell which value is the time.
  return hashes.length === 1 && times.length === 1 ? hexTimeToIso(times[0]) : undefined;
}

function hexTimeToIso(hex: string): string | undefined {
  const seconds = Number.parseInt(hex, 16);
  return seconds >= EARLIEST_HEX_TIME ? unixSecondsToIso(seconds) : undefined;
}

/** `YYYYMMDDHHMM` in UTC+8 → ISO UTC; undefined for an impossible date (month 13, February 30). */
function beijingMinuteToIso(text: string): string | undefined {
  const [year, month, day, hour, minute] = [text.slice(0, 4), text.slice(4, 6), text.slice(6, 8), text.slice(8, 10), text.slice(10, 12)].map(Number);
  const utcMs = Date.UTC(year, month - 1, day, hour, minute);
  const wallClock = new Date(utcMs);
  // Date.UTC rolls overflow over (Feb 30 becomes Mar 1): a real date survives the round trip unchanged.
  const real = wallClock.getUTCFullYear() === year && wallClock.getUTCMonth() === month - 1 && wallClock.getUTCDate() === day
    && wallClock.getUTCHours() === hour && wallClock.getUTCMinutes() === minute;
  return real ? unixSecondsToIso(utcMs / 1000 - BEIJING_OFFSET_SECONDS) : undefined;
}

function unixSecondsToIso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
