import { isApiErrorFault, type ApiErrorFault, type DataFault } from './emulator-faults';
import type { EmulatorRequest, EmulatorResponse, EmulatorRoute, RequestFacts, RouteContext } from './emulator-route';
import type { EmulatorSection, SectionCredential } from './emulator-section';

/** A request's parameters: the query of a GET, the form body of a POST. */
export type FormParams = Record<string, string>;

/**
How an API's requests prove they are fresh: a timestamp near the emulator's clock, and a nonce
used once per key while that timestamp is still accepted.
*/
export interface ReplayRules<Credential> {
  /**
  How far a timestamp may be from the clock, in seconds, when the API documents its own window.
  @default the server's `replayWindowSeconds`
  */
  readonly windowSeconds?: number;
  /** The request's timestamp in milliseconds; refuses a missing or malformed one. */
  timestampMs(params: FormParams): number;
  /** Refuses a timestamp `distanceSeconds` (rounded) from the clock, more than `windowSeconds`. */
  refuseStale(params: FormParams, distanceSeconds: number, windowSeconds: number): never;
  /** The request's nonce; refuses a missing or malformed one. */
  nonce(params: FormParams): string;
  /** Where the key's nonces are remembered: the API and the key's ID. */
  nonceScope(credential: Credential): string;
  refuseReused(nonce: string): never;
}

/**
One API whose requests are signed forms (a GET query or a POST body) naming their `Action`: its own
rules only. `formRoute` runs them in the order every such API does: an error fault first, before
any check; a POST that is not a form refused; `admit`; the replay checks; `answer`; then a data
fault, if any, changes the answer.
*/
export interface FormApiRules<Section extends EmulatorSection, Refusal, Answer> {
  readonly section: Section;
  /** Where the API is served, for GET and POST (other methods get the server's 404). */
  readonly path: string;
  /** The refusal of a POST whose body is not `application/x-www-form-urlencoded`. */
  readonly notAForm: Refusal;
  /**
  Every check before the replay checks, in the order the API reports them (action, protocol, key,
  signature, token), each refusing with `refuse`. Returns the request's key.
  */
  admit(request: EmulatorRequest, params: FormParams, context: RouteContext<Section>): SectionCredential<Section>;
  readonly replay: ReplayRules<SectionCredential<Section>>;
  /** The API's remaining checks (parameters, resources) and the data of its answer. */
  answer(request: EmulatorRequest, params: FormParams, context: RouteContext<Section>): Answer;
  /** The answer's body as the API sends it. */
  sent(answer: Answer): object;
  /** How each data fault changes an answer's body (see `DataFault`). */
  readonly dataFaults: Readonly<Record<DataFault, (answer: Answer) => object>>;
  /** A successful answer with `body`. */
  success(body: object): EmulatorResponse;
  /** The API's answer to a refused request. */
  refusal(refusal: Refusal, request: EmulatorRequest): EmulatorResponse;
  /** The API's answer to an error fault. */
  faultAnswer(fault: ApiErrorFault, request: EmulatorRequest): EmulatorResponse;
  /** What the request log says of the API's requests and answers (see `RequestLogRules`). */
  readonly log: RequestLogRules<Refusal, Answer>;
}

/** How the request log reads an API's requests and answers. Nothing it returns may hold a key, signature or token. */
export interface RequestLogRules<Refusal, Answer> {
  /** The region and image IDs a request names, read without any check (the request may be malformed). */
  facts(params: FormParams): RequestFacts;
  /** How many of the images asked for (in `params`) the answer found, and how many it did not. */
  counts(answer: Answer, params: FormParams): { readonly found: number; readonly notFound: number };
  /** The API's error code of a refusal, e.g. `4104` or `SignatureDoesNotMatch`. */
  code(refusal: Refusal): string;
}

/** Thrown by `refuse` to stop at the first failed check, as real servers do. */
class RouteRefusal extends Error {
  constructor(readonly refusal: unknown) {
    super('request refused');
  }
}

/** Stops the request with the API's `refusal`, answered by its rules' `refusal`. */
export function refuse(refusal: unknown): never {
  throw new RouteRefusal(refusal);
}

/** The route of a form-based API, from its rules. */
export function formRoute<Section extends EmulatorSection, Refusal, Answer>(rules: FormApiRules<Section, Refusal, Answer>): EmulatorRoute<Section> {
  return {
    section: rules.section,
    matches: (method, pathname) => pathname === rules.path && (method === 'GET' || method === 'POST'),
    actionOf: (request) => readFormParams(request).Action,
    factsOf: (request) => rules.log.facts(readFormParams(request)),
    handle: (request, context) => {
      const { fault } = context;
      // Error faults come before any check, so a faulted request consumes no nonce and the retry may reuse it.
      if (fault !== undefined && isApiErrorFault(fault)) {
        const faulted = rules.faultAnswer(fault, request);
        return { ...faulted, outcome: `error (the fault's answer, HTTP ${faulted.status})` };
      }
      try {
        if (request.method === 'POST' && !isForm(request)) refuse(rules.notAForm);
        const params = readFormParams(request);
        const credential = rules.admit(request, params, context);
        checkReplay(rules.replay, params, credential, context);
        const answer = rules.answer(request, params, context);
        const { found, notFound } = rules.log.counts(answer, params);
        // The counts of the real answer: a data fault's changes show as the fault in the log line.
        return { ...rules.success(fault === undefined ? rules.sent(answer) : rules.dataFaults[fault](answer)), outcome: `found ${found}, notFound ${notFound}` };
      } catch (error) {
        // Only this API's rules refuse while it handles a request, so the refusal is of its type.
        if (error instanceof RouteRefusal) return { ...rules.refusal(error.refusal as Refusal, request), outcome: `error ${rules.log.code(error.refusal as Refusal)}` };
        throw error;
      }
    },
  };
}

function checkReplay<Credential>(replay: ReplayRules<Credential>, params: FormParams, credential: Credential, context: RouteContext): void {
  const timestampMs = replay.timestampMs(params);
  const windowSeconds = replay.windowSeconds ?? context.replayWindowSeconds;
  const now = context.now();
  const distanceSeconds = Math.abs(timestampMs - now) / 1000;
  if (distanceSeconds > windowSeconds) replay.refuseStale(params, Math.round(distanceSeconds), windowSeconds);
  const nonce = replay.nonce(params);
  // Remembered until the timestamp itself goes stale: after that, a replay fails the check above.
  if (!context.nonces.remember(replay.nonceScope(credential), nonce, timestampMs + windowSeconds * 1000, now)) replay.refuseReused(nonce);
}

/** GET: the query string; POST: the form body. Percent-decoded. */
export function readFormParams(request: EmulatorRequest): FormParams {
  const source = request.method === 'POST' ? new URLSearchParams(request.body) : request.url.searchParams;
  return Object.fromEntries(source);
}

/** Whether a request's body is a URL-encoded form, as signed POST requests must be. */
export function isForm(request: EmulatorRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return type.split(';')[0].trim().toLowerCase() === 'application/x-www-form-urlencoded';
}
