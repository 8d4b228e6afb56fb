/**
A lookup in a process of its own, for what only a fresh process shows: NODE_EXTRA_CA_CERTS is read
at startup, so trusting a certificate made at test time takes a new process. Run with
`node -r ts-node/register/transpile-only test/support/lookup-child.ts '{"cloud":…,"endpoint":…,"imageIds":[…]}'`
and the env to test (HTTPS_PROXY, NO_PROXY, NODE_EXTRA_CA_CERTS, …). Prints one JSON line:
`{"ok":true,"found":[…]}` or `{"ok":false,"code":…,"networkCode":…,"message":…}`.
*/
import { CLOUDS_UNDER_TEST } from './clouds-under-test';

interface ChildRequest {
  readonly cloud: string;
  readonly endpoint: string;
  readonly imageIds: readonly string[];
}

async function main(): Promise<void> {
  const request = JSON.parse(process.argv[2] ?? '{}') as ChildRequest;
  const cloud = CLOUDS_UNDER_TEST.find((candidate) => candidate.cloud === request.cloud);
  if (cloud === undefined) throw new Error(`unknown cloud ${request.cloud}`);
  try {
    const found = await cloud.fetch(request.endpoint, request.imageIds, { retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } }, process.env);
    process.stdout.write(`${JSON.stringify({ ok: true, found })}\n`);
  } catch (error) {
    const { code, networkCode, message } = error as { code?: string; networkCode?: string; message?: string };
    process.stdout.write(`${JSON.stringify({ ok: false, code, networkCode, message })}\n`);
  }
}

void main();
