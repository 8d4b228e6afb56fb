/**
A URL from the VOD API. URL, Mezzanine.FileURL (and often Mezzanine.OriginalFileName) are signed:
they expire (AuthTimeout) and grant access to whoever holds them. By default only the stable part
is kept, never the signature.
*/
export interface VodUrl {
  /** Scheme, host and path; the full signed URL only when signed URLs are kept (opt-in). */
  readonly url: string;
  /** Whether the API's URL carried a signature (a query string) that was removed. */
  readonly signatureRemoved: boolean;
  /**
  When the signed URL expires, ISO 8601 UTC: from OSS's `Expires` parameter, or from the first
  field of CDN URL signing's `auth_key=<expiry>-<rand>-<uid>-<hash>` (VOD signs with the expiry time).
  */
  readonly expiresAt?: string;
}

/** The stable form of a URL, or the full one with `keepSigned`. Not a URL (a plain file name): returned as is. */
export function toVodUrl(text: string, keepSigned: boolean): VodUrl {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { url: text, signatureRemoved: false };
  }
  const expiresAt = expiryOf(parsed);
  const hasQuery = parsed.search !== '' || parsed.hash !== '';
  if (keepSigned || !hasQuery) return { url: text, signatureRemoved: false, expiresAt };
  return { url: `${parsed.protocol}//${parsed.host}${parsed.pathname}`, signatureRemoved: true, expiresAt };
}

function expiryOf(url: URL): string | undefined {
  const seconds = url.searchParams.get('Expires') ?? url.searchParams.get('auth_key')?.split('-')[0];
  if (!seconds || !/^\d{9,11}$/.test(seconds)) return undefined;
  return new Date(Number(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
