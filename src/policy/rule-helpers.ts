// What the built-in rules of every API share: a rule over found images only (not-found ones are
// each pack's ImageFound rule's), the coded error of a bad rule option, and how messages name things.
import { LookupInputError } from '../engine/errors/lookup-input-error';
import type { PolicyRuleInfo, RuleFinding, SubjectRule } from './policy-rule';
import type { FoundSubject } from './policy-subject';

/**
A subject rule of `apiId` over found images only: `check` sees each found subject and returns its
finding, if any; not-found subjects get none.
*/
export function foundOnlyRule<Facts>(
  apiId: string,
  info: Omit<PolicyRuleInfo, 'apiId'>,
  check: (subject: FoundSubject<Facts>, now: Date) => RuleFinding | undefined,
): SubjectRule<Facts> {
  return {
    ...info,
    apiId,
    check: (subject, context) => {
      if (!subject.found) return [];
      const finding = check(subject, context.now);
      return finding ? [finding] : [];
    },
  };
}

/** Throws the coded LookupInputError (InvalidLookupInput) for `ruleId`'s option `option`. */
export function badOption(ruleId: string, option: string, message: string): never {
  throw new LookupInputError(`${ruleId} option ${option}`, message);
}

/** What a value is, for option messages (short: never a whole object). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'string') return value.trim() === '' ? 'an empty string' : `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'number') return `the number ${value}`;
  return `a ${typeof value}`;
}

/** `'a'`, `'a and b'`, `'a, b and c'`. */
export function listText(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The image as messages name it: its ID and the construct that looked it up. */
export function imageText(subject: { readonly imageId: string; readonly constructPath: string }): string {
  return `Image ${subject.imageId} (${subject.constructPath})`;
}

/** `text` as a sentence: trimmed, with a final full stop unless it already ends one (rules' messages may or may not). */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** How a rule factory takes its options object. */
export interface OptionsObjectHow {
  /** An options object as the rule's docs show it, for the message of a bad one, e.g. `{ maxAgeDays: 365 }`. */
  readonly example: string;
  /**
  Whether the factory needs options: without them, no options at all is `{}`.
  @default true
  */
  readonly required?: boolean;
}

/**
The options object of a rule factory, with only the options `known`: a factory called with
nothing (when options are required), with something else, or with an option it does not have (a
misspelt option would check nothing), fails here. Its values are still the caller's to check.
*/
export function optionsObject<T extends object>(ruleId: string, options: T | undefined, known: readonly (keyof T & string)[], how: OptionsObjectHow): Partial<T> {
  if (options === undefined && how.required === false) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return badOption(ruleId, 'options', `expected an object of options, got ${describeValue(options)}: pass e.g. ${how.example}`);
  }
  const unknown = Object.keys(options).filter((key) => !(known as readonly string[]).includes(key));
  if (unknown.length > 0) badOption(ruleId, unknown[0], `is not an option of this rule: its options are ${listText(known)}`);
  return options;
}

/** A whole number of at least `min`, or `fallback` when the option is not given and there is one. */
export function integerOption(ruleId: string, option: string, value: unknown, how: { readonly min: number; readonly example: number; readonly fallback?: number }): number {
  if (value === undefined && how.fallback !== undefined) return how.fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < how.min) {
    return badOption(ruleId, option, `expected a whole number of at least ${how.min}, got ${describeValue(value)}: pass e.g. ${how.example}`);
  }
  return value;
}
