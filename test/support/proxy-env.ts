/** The proxy env vars undici's EnvHttpProxyAgent reads, both cases. */
export const PROXY_ENV_VARS = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'] as const;

/**
Clears the proxy env vars before each test (call it after `isolateEnv()`, which restores them), so
tests that reach the emulator on 127.0.0.1 with `process.env` do not go through the runner's proxy.
*/
export function withoutProxyEnv(): void {
  beforeEach(() => {
    for (const name of PROXY_ENV_VARS) delete process.env[name];
  });
}
