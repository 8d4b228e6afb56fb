import { LookupInputError } from '../engine/errors/lookup-input-error';
import { applySuppressions, type SuppressionOutcome } from './apply-suppressions';
import type { BaselineEntry } from './baseline';
import type { PolicyPack } from './policy-pack';
import type { PolicyRule, PolicyRuleInfo } from './policy-rule';
import type { PolicySubject } from './policy-subject';
import { runRule } from './run-rule';
import { isSeverity } from './severity';
import { checkSuppressions, type Suppression } from './suppression';

/** How to evaluate. */
export interface EvaluatePoliciesOptions {
  /** The clock rules and suppression expiries compare with; pin it in tests and examples. @default new Date() */
  readonly now?: Date;
  /** Findings to accept; validated before any rule runs. @default [] */
  readonly suppressions?: readonly Suppression[];
}

/** A rule as reports describe it (SARIF's `tool.driver.rules`, JUnit's test cases): its declaration, without its code. */
export interface EvaluatedRule extends Required<Omit<PolicyRuleInfo, 'suppressible'>> {
  /** The first pack that lists it. */
  readonly packId: string;
  readonly suppressible: boolean;
  /** How many subjects (of its API) it checked. */
  readonly subjectCount: number;
}

/** What one evaluation found, for failing a synth or a check and for every report format. */
export interface PolicyResult extends SuppressionOutcome {
  /** The evaluation's clock, ISO 8601 UTC. */
  readonly evaluatedAt: string;
  /** Every rule that ran, in the order it ran (pack by pack). */
  readonly rules: readonly EvaluatedRule[];
  /** How many subjects were evaluated. */
  readonly subjectCount: number;
  /** After `applyBaseline`: what the baseline records that was not found again (fixed, or gone). */
  readonly baselineResolved?: readonly BaselineEntry[];
}

/**
Runs every rule of `packs` once over the subjects of its API, then applies the suppressions.
Findings come in the order rules ran, and for each rule in the order of the subjects.

Throws a LookupInputError for what the caller must fix first: an invalid suppression, a malformed
rule, a rule id used by two different rules, two packs with one id, an invalid clock. A rule listed
by several packs (the same object) runs once. A rule that throws does not: it becomes an error finding.
*/
export function evaluatePolicies(
  subjects: readonly PolicySubject[],
  packs: readonly PolicyPack[],
  options: EvaluatePoliciesOptions = {},
): PolicyResult {
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new LookupInputError('now', 'is not a valid Date: pass the time the evaluation runs at, e.g. new Date("2026-06-01T00:00:00Z")');
  const suppressions = checkSuppressions(options.suppressions ?? []);
  const runs = rulesOf(packs).map(({ rule, packId }) => ({ rule, packId, own: subjects.filter((subject) => subject.apiId === rule.apiId) }));
  const evaluated = runs.map(({ rule, packId, own }) => describeRule(rule, packId, own.length));
  const findings = runs.flatMap(({ rule, packId, own }) => runRule(rule, packId, own, now));
  const suppressible = new Map(evaluated.map((rule) => [rule.id, rule.suppressible]));
  return {
    evaluatedAt: now.toISOString(),
    rules: evaluated,
    subjectCount: subjects.length,
    ...applySuppressions(findings, suppressions, (ruleId) => suppressible.get(ruleId) !== false, now),
  };
}

/** A rule's declaration as reports describe it, its defaults filled in. */
function describeRule(rule: PolicyRule, packId: string, subjectCount: number): EvaluatedRule {
  return {
    id: rule.id,
    apiId: rule.apiId,
    severity: rule.severity,
    description: rule.description,
    docs: rule.docs ?? rule.description,
    fixHint: rule.fixHint,
    suppressible: rule.suppressible !== false,
    packId,
    subjectCount,
  };
}

/** The packs' rules, each once, with the first pack that lists it; checked, so a mistake fails before anything runs. */
function rulesOf(packs: readonly PolicyPack[]): { rule: PolicyRule; packId: string }[] {
  const packIds = new Set<string>();
  const byId = new Map<string, { rule: PolicyRule; packId: string }>();
  packs.forEach((pack, packIndex) => {
    const where = `packs[${packIndex}]`;
    if (typeof pack?.id !== 'string' || pack.id === '' || !Array.isArray(pack.rules)) {
      throw new LookupInputError(where, 'is not a policy pack: give it an id (a non-empty string) and a list of rules');
    }
    if (packIds.has(pack.id)) throw new LookupInputError(`${where}.id`, `${JSON.stringify(pack.id)} is the id of an earlier pack too: give each pack its own id`);
    packIds.add(pack.id);
    pack.rules.forEach((rule, ruleIndex) => {
      checkRule(rule, `${where}.rules[${ruleIndex}]`);
      const earlier = byId.get(rule.id);
      if (earlier === undefined) byId.set(rule.id, { rule, packId: pack.id });
      else if (earlier.rule !== rule) {
        throw new LookupInputError(`${where}.rules[${ruleIndex}]`, `the rule id ${JSON.stringify(rule.id)} is also used by another rule ` +
          `(in pack ${earlier.packId}): give each rule its own id, so suppressions and baselines name one rule`);
      }
    });
  });
  return [...byId.values()];
}

function checkRule(rule: PolicyRule, where: string): void {
  const problem = ruleProblem(rule);
  if (problem) throw new LookupInputError(where, `${problem}${typeof rule?.id === 'string' && rule.id ? ` (rule ${rule.id})` : ''}.`);
}

/** What makes `rule` unusable, if anything: rules written in plain JavaScript are checked at run time. */
function ruleProblem(rule: PolicyRule): string | undefined {
  if (typeof rule !== 'object' || rule === null) return 'is not a rule object';
  if (typeof rule.id !== 'string' || rule.id === '') return 'has no id (a non-empty string)';
  if (typeof rule.apiId !== 'string' || rule.apiId === '') return 'has no apiId (the API folder whose images it checks)';
  if (!isSeverity(rule.severity)) return `has severity ${JSON.stringify(rule.severity)}: use error, warning or info`;
  if (typeof rule.description !== 'string' || typeof rule.fixHint !== 'string') return 'needs a description and a fixHint (strings)';
  if ((typeof rule.check === 'function') === (typeof rule.checkAll === 'function')) {
    return 'needs exactly one of check(subject, context) and checkAll(subjects, context)';
  }
  return undefined;
}
