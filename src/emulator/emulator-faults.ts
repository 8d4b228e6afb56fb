/*
The emulator's faults: what `Emulator.injectFaults(kind, count)` and the `faultRates` option take.

A fault whose content depends on the API (an error code, a field of its answer) is answered by that
API's route, in its own dialect: an `ApiFault`. A fault made of bytes and sockets, the same for every
API, is answered by the server: a `TransportFault`. Each kind is one small named thing, listed below
with what a client receives.
*/

/** HTTP statuses a status fault can carry: throttled (429) and the server faults clients retry. */
export type FaultStatus = 429 | 500 | 502 | 503;

/** The redirect statuses the emulator can answer with. */
export type RedirectStatus = 301 | 302 | 303 | 307 | 308;

/**
The API's own error answer, sent before any check of the request (so it consumes no nonce). Each
route answers every kind in its API's dialect (its `FAULT_ANSWERS`):

| kind | what the API answers |
|---|---|
| `throttle` | its throttling error for the caller's own flow control |
| `throttleApi` | its throttling error for the API's flow control (or its only one) |
| `throttleGeneric` | its generic throttling error (or its only one) |
| `internalError` | its internal error |
| `errorWith200` | an error that comes with HTTP 200 |
| `apiError429` … `apiError503` | its error body (throttled, internal, unavailable) with that HTTP status |
*/
export type ApiErrorFault =
  | 'throttle' | 'throttleApi' | 'throttleGeneric' | 'internalError' | 'errorWith200'
  | `apiError${FaultStatus}`;

/**
A successful answer with its data changed, after every check passed (a refused request gets its
refusal unchanged, and the fault is spent). Each route says how (its `DATA_FAULTS`):

| kind | what the answer becomes |
|---|---|
| `wrongTypes` | a field of the first result has the wrong JSON type |
| `emptyResult` | no results (for an API that leaves unknown IDs out, a well-formed answer: none exist) |
| `partialBatch` | a result asked for is missing while the answer still accounts for it |

`wrongTypes` and `partialBatch` are answers no client should take for data.
*/
export type DataFault = 'wrongTypes' | 'emptyResult' | 'partialBatch';

/** Faults each API's route answers in its own dialect. */
export type ApiFault = ApiErrorFault | DataFault;

/**
Faults the server makes from bytes and sockets, the same for every API. Those marked "real answer"
take the route's actual answer to the request (which runs every check, so it consumes the nonce) and
damage its delivery:

| kind | what the client gets |
|---|---|
| `networkDrop` | the connection closes without an answer |
| `connectionReset` | a TCP reset (RST) instead of an answer: ECONNRESET |
| `serverError` | HTTP 503 with a load balancer's HTML page (the same as `http503`; the `serverErrorRate` fault) |
| `http429`, `http500`, `http502`, `http503` | that status with a gateway's HTML page: no API body |
| `htmlPage` | HTTP 200 with an HTML page, as a proxy or captive portal sends |
| `emptyBody` | HTTP 200 with an empty body |
| `malformedJson` | the real answer with a stray comma before its last brace |
| `truncatedBody` | the real answer's status and full Content-Length, half its body, then the connection closes |
| `stalledBody` | the real answer's headers and half its body, then nothing for `stallMs`, then the rest |
| `oversizedBody` | HTTP 200 streaming `oversizeBytes` of JSON whitespace, then the real answer: valid JSON, no Content-Length |
| `oversizedBodyDeclared` | the same, with its Content-Length announced up front |
| `redirect301` … `redirect308` | that status, `Location` the request's path and query at `redirectOrigin` |
*/
export type TransportFault =
  | 'networkDrop' | 'connectionReset' | 'serverError' | `http${FaultStatus}` | 'htmlPage' | 'emptyBody' | 'malformedJson'
  | 'truncatedBody' | 'stalledBody' | 'oversizedBody' | 'oversizedBodyDeclared' | `redirect${RedirectStatus}`;

/** Every fault the emulator can inject. */
export type EmulatorFault = ApiFault | TransportFault;

/**
The faults a client is expected to retry, which are the ones that can come at random: a rate of the
others (a wrong-typed answer, a redirect, an oversized body) would only make clients fail at random.
*/
export type TransientFault = Exclude<EmulatorFault, DataFault | 'oversizedBody' | 'oversizedBodyDeclared' | `redirect${RedirectStatus}`>;

const API_ERROR_FAULTS: Readonly<Record<ApiErrorFault, true>> = {
  throttle: true, throttleApi: true, throttleGeneric: true, internalError: true, errorWith200: true,
  apiError429: true, apiError500: true, apiError502: true, apiError503: true,
};

const DATA_FAULTS: Readonly<Record<DataFault, true>> = { wrongTypes: true, emptyResult: true, partialBatch: true };

const TRANSPORT_FAULTS: Readonly<Record<TransportFault, true>> = {
  networkDrop: true, connectionReset: true, serverError: true, http429: true, http500: true, http502: true, http503: true,
  htmlPage: true, emptyBody: true, malformedJson: true, truncatedBody: true, stalledBody: true,
  oversizedBody: true, oversizedBodyDeclared: true,
  redirect301: true, redirect302: true, redirect303: true, redirect307: true, redirect308: true,
};

// Records keyed by each union make the compiler check that the lists below name every kind exactly once.
export const API_ERROR_FAULT_KINDS = Object.keys(API_ERROR_FAULTS) as readonly ApiErrorFault[];
export const DATA_FAULT_KINDS = Object.keys(DATA_FAULTS) as readonly DataFault[];
export const TRANSPORT_FAULT_KINDS = Object.keys(TRANSPORT_FAULTS) as readonly TransportFault[];
/** Every kind, in the order of the tables above. */
export const EMULATOR_FAULT_KINDS: readonly EmulatorFault[] = [...API_ERROR_FAULT_KINDS, ...DATA_FAULT_KINDS, ...TRANSPORT_FAULT_KINDS];

const NOT_TRANSIENT: ReadonlySet<EmulatorFault> = new Set<EmulatorFault>([
  ...DATA_FAULT_KINDS, 'oversizedBody', 'oversizedBodyDeclared', 'redirect301', 'redirect302', 'redirect303', 'redirect307', 'redirect308',
]);
export const TRANSIENT_FAULT_KINDS = EMULATOR_FAULT_KINDS.filter((kind) => !NOT_TRANSIENT.has(kind)) as readonly TransientFault[];

export function isEmulatorFault(value: unknown): value is EmulatorFault {
  return typeof value === 'string' && (EMULATOR_FAULT_KINDS as readonly string[]).includes(value);
}

export function isApiErrorFault(fault: EmulatorFault): fault is ApiErrorFault {
  return Object.hasOwn(API_ERROR_FAULTS, fault);
}

export function isDataFault(fault: EmulatorFault): fault is DataFault {
  return Object.hasOwn(DATA_FAULTS, fault);
}

export function isApiFault(fault: EmulatorFault): fault is ApiFault {
  return isApiErrorFault(fault) || isDataFault(fault);
}
