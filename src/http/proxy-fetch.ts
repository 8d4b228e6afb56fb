import { EnvHttpProxyAgent, fetch as undiciFetch, type Dispatcher } from 'undici';
import { LookupInputError } from '../engine/errors';

/** A fetch as ky takes it. */
export type FetchFunction = typeof globalThis.fetch;

/** The proxy env vars in force, each with the name it was read from (for errors). */
export interface ProxySettings {
  readonly httpProxy?: { readonly name: string; readonly value: string };
  readonly httpsProxy?: { readonly name: string; readonly value: string };
  readonly noProxy?: { readonly name: string; readonly value: string };
}

/**
Reads HTTP_PROXY, HTTPS_PROXY and NO_PROXY, lower case first (as undici and curl do); an empty value
counts as unset. HTTPS_PROXY falls back to HTTP_PROXY, as in undici.
*/
export function proxySettingsFrom(env: NodeJS.ProcessEnv): ProxySettings {
  const read = (name: string) => {
    for (const candidate of [name.toLowerCase(), name]) {
      const value = env[candidate];
      if (value) return { name: candidate, value };
    }
    return undefined;
  };
  return { httpProxy: read('HTTP_PROXY'), httpsProxy: read('HTTPS_PROXY'), noProxy: read('NO_PROXY') };
}

/** A proxy URL fit for messages and logs: any user name and password replaced. */
export function describeProxy(value: string): string {
  try {
    const url = new URL(value);
    if (url.username || url.password) {
      url.username = '***';
      url.password = '';
    }
    return url.href.replace(/\/$/, '');
  } catch {
    return '(not a URL)';
  }
}

/** A one-line summary of the proxy settings, credentials hidden, e.g. for the debug log. */
export function describeProxySettings(settings: ProxySettings): string {
  const parts = [settings.httpsProxy, settings.httpProxy, settings.noProxy]
    .filter((setting) => setting !== undefined)
    .map((setting) => `${setting.name}=${setting.name.toLowerCase() === 'no_proxy' ? setting.value : describeProxy(setting.value)}`);
  return parts.length > 0 ? parts.join(' ') : 'no proxy';
}

interface ProxiedFetch {
  readonly fetch: FetchFunction;
  readonly dispatcher: Dispatcher;
}

/**
One agent per distinct proxy setting, kept for the process: agents pool connections, so clients
with the same settings share them, while a change of the env vars (tests, a long-lived process)
gets a new agent instead of a stale one.
*/
const agents = new Map<string, ProxiedFetch>();

/**
A fetch that honours the proxy env vars through undici's EnvHttpProxyAgent. The values are checked
first (a bad HTTPS_PROXY is an input error before any request, naming the variable without its
password) and handed to the agent explicitly, so the agent sees exactly this snapshot of `env`.
*/
export function proxiedFetchFor(env: NodeJS.ProcessEnv): ProxiedFetch {
  const settings = proxySettingsFrom(env);
  const key = JSON.stringify([settings.httpProxy?.value, settings.httpsProxy?.value, settings.noProxy?.value]);
  let proxied = agents.get(key);
  if (proxied === undefined) {
    for (const setting of [settings.httpProxy, settings.httpsProxy]) if (setting) checkProxyUrl(setting.name, setting.value);
    const dispatcher = new EnvHttpProxyAgent({
      // '' (not undefined) stops undici from reading process.env behind our back.
      httpProxy: settings.httpProxy?.value ?? '',
      httpsProxy: settings.httpsProxy?.value ?? settings.httpProxy?.value ?? '',
      noProxy: settings.noProxy?.value ?? '',
    });
    proxied = { dispatcher, fetch: fetchThrough(dispatcher) };
    agents.set(key, proxied);
  }
  return proxied;
}

function checkProxyUrl(name: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new LookupInputError(name, 'is not a URL; give the proxy as http://host:port (or http://user:password@host:port)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LookupInputError(name, `${describeProxy(value)} must be an http:// or https:// proxy URL`);
  }
}

/**
Adapts undici's fetch to ky. ky builds a `Request` of Node's bundled fetch, which the npm undici's
fetch does not accept (it reads it as the URL "[object Request]"), and Node's bundled fetch does not
take a dispatcher from the npm package: so the request is unpacked into undici's own call. Bodies are
small forms, read whole.
*/
function fetchThrough(dispatcher: Dispatcher): FetchFunction {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const body = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
    return undiciFetch(request.url, {
      method: request.method,
      headers: [...request.headers],
      body,
      signal: request.signal,
      redirect: request.redirect,
      dispatcher,
    });
  }) as unknown as FetchFunction;
}
