import { Token, type IResolvable } from 'cdktf';

/**
A value computed when the app is synthesized, after every lookup is resolved.

cdktf's `Lazy` does the same but records an unbounded stack trace for every token, which costs
about a millisecond each under ts-node's source maps; an app with a thousand lookups makes
thousands of these tokens.
*/
class SynthTimeValue implements IResolvable {
  readonly creationStack: string[] = [];

  constructor(private readonly produce: () => unknown) {}

  resolve(): unknown {
    return this.produce();
  }

  toString(): string {
    return Token.asString(this);
  }

  toJSON(): string {
    return '<unresolved-lookup-value>';
  }
}

/** A string token that resolves to `produce()` at synth. */
export function synthTimeString(produce: () => string): string {
  return Token.asString(new SynthTimeValue(produce));
}

/** A token of any type that resolves to `produce()` at synth. */
export function synthTimeAny(produce: () => unknown): IResolvable {
  return new SynthTimeValue(produce);
}
