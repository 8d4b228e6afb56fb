/** Remembers nonces until a replay could no longer pass the timestamp check, to refuse reuse. */
export class NonceStore {
  private readonly expiries = new Map<string, number>();

  /**
  Records `nonce` within `scope` (e.g. API and key ID) until `untilMs`. Returns false when it was
  already recorded and has not expired: the request is a replay.
  */
  remember(scope: string, nonce: string, untilMs: number, nowMs: number): boolean {
    for (const [key, expiry] of this.expiries) {
      if (expiry < nowMs) this.expiries.delete(key);
    }
    const key = `${scope}\n${nonce}`;
    if (this.expiries.has(key)) return false;
    this.expiries.set(key, untilMs);
    return true;
  }

  clear(): void {
    this.expiries.clear();
  }
}
