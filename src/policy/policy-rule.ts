import type { Evidence } from './evidence';
import type { PolicySubject } from './policy-subject';
import type { Severity } from './severity';

/** What a rule is given besides the subjects: the same for every rule of one evaluation. */
export interface PolicyContext<Facts = unknown> {
  /**
  The time the evaluation runs at: date rules ("shared more than 90 days ago") compare with it, never
  with the system clock, so tests and examples can pin it.
  */
  readonly now: Date;
  /**
  Every subject of the rule's API in the evaluation (all stacks of the app), in the order they were
  given, including those the rule does not check (outside the scope its pack is attached to): an
  account-wide figure, such as a share quota, counts them all.
  */
  readonly subjects: readonly PolicySubject<Facts>[];
}

/** One problem a rule found on the subject it checked. */
export interface RuleFinding {
  /** One sentence for people, naming what is wrong, e.g. `shared with account 100001, which is not allowlisted`. */
  readonly message: string;
  /** What the rule saw, as JSON: reports carry it. @default {} */
  readonly evidence?: Evidence;
  /**
  This finding's severity, when it is not the rule's: e.g. a quota rule reports "not applicable" as `info`.
  @default the rule's `severity`
  */
  readonly severity?: Severity;
  /** How to fix this finding, when it is more precise than the rule's. @default the rule's `fixHint` */
  readonly fixHint?: string;
}

/** A finding of a batch rule: it names which of the subjects it concerns. */
export interface SubjectFinding<Facts = unknown> extends RuleFinding {
  /** One of the subjects the rule was given (the same object): the finding is reported on its construct. */
  readonly subject: PolicySubject<Facts>;
}

/** What every rule declares, whichever way it checks. */
export interface PolicyRuleInfo {
  /**
  Stable and unique across every pack of an evaluation, e.g. `TencentShares.AllowlistedAccounts`:
  suppressions and baselines name it, reports group by it. Changing it reopens every suppressed finding.
  */
  readonly id: string;
  /** The API folder whose subjects the rule checks, e.g. `tencent-image-shares`; it sees no other API's subjects. */
  readonly apiId: string;
  /** The severity of its findings (a finding may set its own). */
  readonly severity: Severity;
  /** One line saying what the rule requires, e.g. `Images are shared only with allowlisted accounts`. */
  readonly description: string;
  /** Longer help for reports (SARIF `help`), in Markdown: why the rule exists and what it checks. @default the description */
  readonly docs?: string;
  /** How to fix a finding, e.g. `Unshare the image from the account, or add the account to the allowlist`. */
  readonly fixHint: string;
  /**
  Whether suppressions may accept its findings. A rule that guards something that must never be
  accepted (an image shared outside the organization) says false: matching suppressions are then
  ignored, and the result lists them as ignored.
  @default true
  */
  readonly suppressible?: boolean;
}

/**
A rule that checks one subject at a time: a pure function of the subject and the context, returning
what is wrong with it (an empty list when nothing is). It sees not-found subjects too (`found: false`).
*/
export interface SubjectRule<Facts = unknown> extends PolicyRuleInfo {
  check(subject: PolicySubject<Facts>, context: PolicyContext<Facts>): readonly RuleFinding[];
  readonly checkAll?: undefined;
}

/**
A rule that needs all its API's subjects at once, e.g. "how many of the looked-up images are shared,
against the account's quota". It runs once per evaluation, and each finding names its subject.
*/
export interface BatchRule<Facts = unknown> extends PolicyRuleInfo {
  checkAll(subjects: readonly PolicySubject<Facts>[], context: PolicyContext<Facts>): readonly SubjectFinding<Facts>[];
  readonly check?: undefined;
}

/**
A policy rule: a pure function over looked-up images that returns findings. Custom rules have the same shape.

`PolicyRule` (of `unknown` facts) holds a rule of any API: `check` and `checkAll` are methods, which
TypeScript compares bivariantly, and evaluation only ever hands a rule its own API's subjects.
*/
export type PolicyRule<Facts = unknown> = SubjectRule<Facts> | BatchRule<Facts>;
