import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiFault } from './emulator-faults';
import type { EmulatorSection, SectionCredential, SectionData } from './emulator-section';
import type { NonceStore } from './nonce-store';

/** One HTTP request, read in full before any route sees it. */
export interface EmulatorRequest {
  /** Upper-case, e.g. `GET`. */
  readonly method: string;
  /** Parsed request URL; its origin is the emulator's. */
  readonly url: URL;
  /** As Node gives them: lower-case names, values as received (the Host header a client signed is `headers.host`). */
  readonly headers: IncomingHttpHeaders;
  /** The body decoded as UTF-8 ('' for GET). */
  readonly body: string;
  /**
  The emulator's clock (`RouteContext.now`) when the request arrived, before its body was read or
  any latency waited out: when a real front end counts a request against a rate limit.
  */
  readonly receivedAtMs: number;
}

export interface EmulatorResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
  /**
  What the answer says, for the request log (never sent): e.g. `found 2, notFound 1` or
  `error 4104`.
  @default `HTTP <status>`
  */
  readonly outcome?: string;
}

/** What the request log says of a request, read from its parameters without any check. */
export interface RequestFacts {
  /** The region the request names, when the API sends one (VOD names it in its endpoint only). */
  readonly region?: string;
  /** The image IDs asked for, as given. */
  readonly imageIds?: readonly string[];
}

/** What the server lends a route for one request: its own section of the data, never the whole file. */
export interface RouteContext<Section extends EmulatorSection = EmulatorSection> {
  /** The route's section of the data (defaults applied). */
  readonly data: SectionData<Section>;
  /** The keys the section's API accepts: `credentials.<section name>` of the data. */
  readonly credentials: readonly SectionCredential<Section>[];
  /** The emulator's clock, in milliseconds. */
  readonly now: () => number;
  /** How far a request's timestamp may be from `now()`, and how long nonces are remembered. */
  readonly replayWindowSeconds: number;
  /** Nonces seen so far, shared by all routes (scope them per API and key). */
  readonly nonces: NonceStore;
  /**
  When set, answer this fault in the API's dialect (see `ApiFault`): an error fault instead of the
  request, before any check; a data fault by changing the data of a successful answer.
  */
  readonly fault?: ApiFault;
  /**
  State a route keeps across requests (e.g. a rate limit's window), one per emulator: a route is a
  constant shared by every emulator in the process, so it keeps none of its own. The first call for
  `owner` (any object of the route's module) makes it with `create`; later calls, from any request
  to the same emulator, return the same value. `resetStats` leaves it alone.
  */
  state<T>(owner: object, create: () => T): T;
}

/** One emulated cloud API, or one backend of it. Each API's routes live in that API's folder. */
export interface EmulatorRoute<Section extends EmulatorSection = EmulatorSection> {
  /** The data section it serves: two routes of one API folder share their folder's. */
  readonly section: Section;
  /**
  Whether the route serves the request. Two APIs may share a path (VOD and Tencent API 3.0 both
  live at `/`), so the headers can tell them apart. The server asks the routes in order and the
  first that matches answers: a route that claims requests by a header comes before one that
  claims the same path by method alone.
  */
  matches(method: string, pathname: string, headers: IncomingHttpHeaders): boolean;
  /** Name for `stats.byAction` (e.g. the Action parameter); undefined when the request names none. */
  actionOf(request: EmulatorRequest): string | undefined;
  /**
  The request's region and image IDs, for the request log. Never its key ID, signature or token.
  @default none (the log names the action and the outcome only)
  */
  factsOf?(request: EmulatorRequest): RequestFacts;
  handle(request: EmulatorRequest, context: RouteContext<Section>): Promise<EmulatorResponse> | EmulatorResponse;
}

/** An HTTP response with a JSON body. */
export function jsonResponse(body: unknown, status = 200): EmulatorResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) };
}

/** Compares a given signature with the expected one in constant time, so timing does not leak it. */
export function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
