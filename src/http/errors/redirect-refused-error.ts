import { LookupCallError, type LookupCallErrorOptions } from './lookup-call-error';

export interface RedirectRefusedErrorOptions extends Omit<LookupCallErrorOptions, 'retryable' | 'hint'> {
  readonly status: number;
  /** The origin (scheme, host, port) the Location header named; never its path or query. Undefined without a usable Location. */
  readonly locationOrigin?: string;
}

/**
The API answered with a redirect (3xx). These APIs never redirect, and following one would send the
signed request (key ID, token, signature; the whole POST body on 307/308) to wherever `Location`
points, bypassing the endpoint checks. Nothing is followed or re-sent. Not retried.
*/
export class RedirectRefusedError extends LookupCallError {
  readonly status: number;
  readonly locationOrigin?: string;

  constructor(options: RedirectRefusedErrorOptions) {
    const { status, locationOrigin } = options;
    super('RedirectRefused',
      `The answer is a redirect (HTTP ${status}) to ${locationOrigin ?? 'no usable Location'}; redirects are never followed, so the signed request went nowhere else`,
      { ...options, retryable: false, hint: 'Check the endpoint: give the origin that answers the API itself (a redirect usually means a wrong host, http instead of https, or a captive portal)' });
    this.status = status;
    this.locationOrigin = locationOrigin;
  }
}
