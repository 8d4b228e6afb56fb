import type { EmulatorFault } from './emulator-faults';
import type { RequestFacts } from './emulator-route';

/** One request as the log line names it. Nothing here comes from a key, a signature or a token. */
export interface RequestLogEntry extends RequestFacts {
  /** When the answer was done (the emulator's clock), in milliseconds. */
  readonly at: number;
  readonly method: string;
  /** The URL's path (never its query, which holds a GET request's signature). */
  readonly path: string;
  /** The API action the request names; without one, the line names the method and path. */
  readonly action?: string;
  /** What the client got: e.g. `found 2, notFound 1`, `error 4104`, `HTTP 503`, `no answer`. */
  readonly outcome: string;
  /** The fault that answered the request, injected or at random. */
  readonly fault?: EmulatorFault;
}

/** More IDs than this are counted, not listed, so a malformed request cannot flood the log. */
const MAX_LOGGED_IDS = 20;
/** Longer values are cut: the log shows what was asked, not arbitrary payloads. */
const MAX_VALUE_LENGTH = 64;

/**
One line per request, e.g.
`04:05:06.789 GetImageShareUinInfo region=ap-guangzhou ids=img-jgggrva9,img-00000000 -> found 1, notFound 1 [fault throttle]`.
*/
export function requestLogLine(entry: RequestLogEntry): string {
  const what = entry.action !== undefined ? safe(entry.action) : `${safe(entry.method)} ${safe(entry.path)}`;
  const parts = [new Date(entry.at).toISOString().slice(11, 23), what];
  if (entry.region !== undefined) parts.push(`region=${safe(entry.region)}`);
  if (entry.imageIds !== undefined && entry.imageIds.length > 0) parts.push(`ids=${idList(entry.imageIds)}`);
  parts.push(`-> ${entry.outcome}`);
  if (entry.fault !== undefined) parts.push(`[fault ${entry.fault}]`);
  return parts.join(' ');
}

function idList(ids: readonly string[]): string {
  const shown = ids.slice(0, MAX_LOGGED_IDS).map(safe).join(',');
  return ids.length > MAX_LOGGED_IDS ? `${shown},…(+${ids.length - MAX_LOGGED_IDS} more)` : shown;
}

/** A value as sent, quoted when it holds anything but plain ID characters, so one request stays one line. */
function safe(value: string): string {
  const cut = value.length > MAX_VALUE_LENGTH ? `${value.slice(0, MAX_VALUE_LENGTH)}…` : value;
  return /^[\w.:/@-]*$/.test(cut) && cut !== '' ? cut : JSON.stringify(cut);
}
