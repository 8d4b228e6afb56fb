import { LookupInputError } from '../engine/errors';
import type { CallContext } from './call-context';
import { redact } from './redact';

/** One attempt, as the debug log names it. */
export interface LoggedAttempt {
  readonly context: CallContext;
  readonly attempt: number;
  /** Values that must never be written: key ID, key, token, signature. Redacted from every line. */
  readonly secrets: ReadonlyArray<string | undefined>;
}

/**
`IMAGE_LOOKUPS_DEBUG=1` writes one line to stderr per request sent, per answer or failure, and per
backoff: cloud, action, region, image IDs, attempt, status, RequestId, timing in ms. Never a key,
token, signature, query string or body.
*/
export class DebugLog {
  /** The log `env` asks for, or undefined when IMAGE_LOOKUPS_DEBUG is off. */
  static fromEnv(env: NodeJS.ProcessEnv, write: (line: string) => void = (line) => process.stderr.write(line)): DebugLog | undefined {
    return debugEnabled(env) ? new DebugLog(write) : undefined;
  }

  private constructor(private readonly write: (line: string) => void) {}

  /** Any line not about one attempt, e.g. the proxy settings in force. */
  note(text: string): void {
    this.write(`image-lookups debug: ${text}\n`);
  }

  request(logged: LoggedAttempt, method: string, url: string): void {
    this.line(logged, `request ${method} ${url}`);
  }

  answer(logged: LoggedAttempt, status: number, requestId: string | undefined, bytes: number, elapsedMs: number): void {
    this.line(logged, `answer status=${status} requestId=${requestId ?? '-'} bytes=${bytes} ms=${elapsedMs}`);
  }

  failure(logged: LoggedAttempt, error: unknown, elapsedMs: number): void {
    this.line(logged, `failed ${describeFailure(error)} ms=${elapsedMs}`);
  }

  /** A backoff, or an immediate re-sign, after `error`. */
  retry(logged: LoggedAttempt, error: unknown, delayMs: number, decision: 'retry' | 'resignOnce'): void {
    this.line(logged, `${decision === 'retry' ? `retrying in ms=${delayMs}` : 're-signing and retrying at once'} after ${describeFailure(error)}`);
  }

  private line(logged: LoggedAttempt, event: string): void {
    const { context, attempt } = logged;
    const text = `${context.cloud} ${context.action} region=${context.region} images=${context.imageIds.join(',')} attempt=${attempt} ${event}`;
    this.note(redact(text, logged.secrets));
  }
}

/** `code=TencentApiError apiCode=4400 status=200 requestId=…`: the error's stable fields, never its message (which may quote the API). */
function describeFailure(error: unknown): string {
  const { code, apiCode, status, requestId } = (error ?? {}) as { code?: unknown; apiCode?: unknown; status?: unknown; requestId?: unknown };
  return [
    `code=${typeof code === 'string' ? code : (error as Error)?.name ?? 'Error'}`,
    ...(typeof apiCode === 'string' || typeof apiCode === 'number' ? [`apiCode=${apiCode}`] : []),
    ...(typeof status === 'number' ? [`status=${status}`] : []),
    ...(typeof requestId === 'string' ? [`requestId=${requestId}`] : []),
  ].join(' ');
}

const ON = new Set(['1', 'true', 'yes', 'on']);
const OFF = new Set(['', '0', 'false', 'no', 'off']);

function debugEnabled(env: NodeJS.ProcessEnv): boolean {
  const value = (env.IMAGE_LOOKUPS_DEBUG ?? '').trim().toLowerCase();
  if (ON.has(value)) return true;
  if (OFF.has(value)) return false;
  throw new LookupInputError('IMAGE_LOOKUPS_DEBUG', `${JSON.stringify(env.IMAGE_LOOKUPS_DEBUG)} is not 1 or 0 (true/false, yes/no, on/off also work)`);
}
