import type { VodUrl } from '../signed-url';
import { foundImageRule, imageText, listText } from './rule-support';

/** Where the URL fields of an image are, as findings name them. */
type UrlField = 'url' | 'mezzanine.fileUrl';

/** A URL field that is not https: its scheme and host only (a path or query may carry a signature). */
interface InsecureUrl {
  readonly field: UrlField;
  /** `http`, `ftp`…; null when the field holds no URL at all (a bare file name). */
  readonly scheme: string | null;
  readonly host: string | null;
}

function insecure(field: UrlField, url: VodUrl | undefined): InsecureUrl | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url.url);
  } catch {
    return { field, scheme: null, host: null };
  }
  return parsed.protocol === 'https:' ? undefined : { field, scheme: parsed.protocol.replace(/:$/, ''), host: parsed.host || null };
}

/**
AliyunVod.HttpsUrls: the image's URL and its Mezzanine FileURL, where the answer has them, use https.
An absent URL is not a finding (there is nothing served insecurely); a value that is not a URL is.
Evidence gives each field's scheme and host only, never its path or query, which may be signed.
Severity `error` by default.
*/
export const vodHttpsUrls = foundImageRule({
  id: 'AliyunVod.HttpsUrls',
  severity: 'error',
  description: 'VOD image URLs use https',
  docs: 'An image served over plain http can be read or replaced on the way, and breaks https pages (mixed content); '
    + 'a signed http URL also exposes its signature. The image\'s `URL` and `Mezzanine.FileURL` must be https URLs.',
  fixHint: 'Enable HTTPS on the VOD domain (CDN HTTPS certificate, or OutputType oss with an https endpoint), or refer to an image served over https.',
}, (subject) => {
  const { url, mezzanine } = subject.facts;
  const found = [insecure('url', url), insecure('mezzanine.fileUrl', mezzanine?.fileUrl)].filter((item): item is InsecureUrl => item !== undefined);
  if (found.length === 0) return undefined;
  const described = found.map(({ field, scheme, host }) => `${field} (${scheme === null ? 'not a URL' : `${scheme}://${host ?? ''}`})`);
  return {
    message: `${imageText(subject)} has ${found.length === 1 ? 'a URL' : 'URLs'} not using https: ${listText(described)}`,
    evidence: { urls: found.map((item) => ({ ...item })) },
  };
});
