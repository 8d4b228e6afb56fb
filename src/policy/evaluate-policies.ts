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
  /**
  Whether the rule `ruleId` of the pack at `packs[packIndex]` checks `subject`, for packs attached to
  part of an app (a stack, a construct). With it, one pack id may appear several times (the same pack
  configured per scope), and rules of one id may differ between packs of that id; a rule runs over
  the subjects any of its packs checks with it.
  @default every pack's rules check every subject of their API
  */
  readonly appliesTo?: (packIndex: number, subject: PolicySubject, ruleId: string) => boolean;
}

/** A rule as reports describe it (SARIF's `tool.driver.rules`, JUnit's test cases): its declaration, without its code. */
export interface EvaluatedRule extends Required<Omit<PolicyRuleInfo, 'suppressible'>> {
  /** The first pack that lists it. */
  readonly packId: string;
  readonly suppressible: boolean;
  /** How many subjects (of its API) it checked. */
  readonly subjectCount: number;
  /** The construct paths of the subjects it checked, sorted, each once: reports show each as a passed or failed test. */
  readonly constructPaths: readonly string[];
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
  const { appliesTo } = options;
  const runs = rulesOf(packs, appliesTo !== undefined).map(({ rule, packId, packIndexes }) => ({
    rule,
    packId,
    own: subjects.filter((subject) => subject.apiId === rule.apiId && (!appliesTo || packIndexes.some((index) => appliesTo(index, subject, rule.id)))),
  }));
  const byApi = new Map<string, PolicySubject[]>();
  for (const subject of subjects) {
    const list = byApi.get(subject.apiId);
    if (list) list.push(subject);
    else byApi.set(subject.apiId, [subject]);
  }
  const evaluated = new Map<string, EvaluatedRule>();
  for (const { rule, packId, own } of runs) {
    const earlier = evaluated.get(rule.id);
    const described = describeRule(rule, packId, own);
    evaluated.set(rule.id, earlier ? {
      ...earlier,
      subjectCount: earlier.subjectCount + own.length,
      constructPaths: [...new Set([...earlier.constructPaths, ...described.constructPaths])].sort(),
    } : described);
  }
  const findings = runs.flatMap(({ rule, packId, own }) => runRule(rule, packId, own, now, byApi.get(rule.apiId) ?? []));
  const suppressible = new Map([...evaluated.values()].map((rule) => [rule.id, rule.suppressible]));
  return {
    evaluatedAt: now.toISOString(),
    rules: [...evaluated.values()],
    subjectCount: subjects.length,
    ...applySuppressions(findings, suppressions, (ruleId) => suppressible.get(ruleId) !== false, now),
  };
}

/** A rule's declaration as reports describe it, its defaults filled in. */
function describeRule(rule: PolicyRule, packId: string, checked: readonly PolicySubject[]): EvaluatedRule {
  return {
    id: rule.id,
    apiId: rule.apiId,
    severity: rule.severity,
    description: rule.description,
    docs: rule.docs ?? rule.description,
    fixHint: rule.fixHint,
    suppressible: rule.suppressible !== false,
    packId,
    subjectCount: checked.length,
    constructPaths: [...new Set(checked.map((subject) => subject.constructPath))].sort(),
  };
}

interface RuleRun {
  readonly rule: PolicyRule;
  /** The first pack that lists it. */
  readonly packId: string;
  /** Every pack that lists it, by index. */
  readonly packIndexes: number[];
}

/**
The packs' rules, each rule object once, with the first pack that lists it; checked, so a mistake
fails before anything runs. Scoped packs may repeat a pack id, and a rule id may then name
different rule objects, provided they come from packs of one id (one pack, configured per scope).
*/
function rulesOf(packs: readonly PolicyPack[], scoped: boolean): RuleRun[] {
  const packIds = new Set<string>();
  const runs = new Map<PolicyRule, RuleRun>();
  const byId = new Map<string, RuleRun>();
  packs.forEach((pack, packIndex) => {
    const where = `packs[${packIndex}]`;
    if (typeof pack?.id !== 'string' || pack.id === '' || !Array.isArray(pack.rules)) {
      throw new LookupInputError(where, 'is not a policy pack: give it an id (a non-empty string) and a list of rules');
    }
    if (packIds.has(pack.id) && !scoped) throw new LookupInputError(`${where}.id`, `${JSON.stringify(pack.id)} is the id of an earlier pack too: give each pack its own id`);
    packIds.add(pack.id);
    pack.rules.forEach((rule, ruleIndex) => {
      checkRule(rule, `${where}.rules[${ruleIndex}]`);
      const known = runs.get(rule);
      if (known) {
        if (!known.packIndexes.includes(packIndex)) known.packIndexes.push(packIndex);
        return;
      }
      const run: RuleRun = { rule, packId: pack.id, packIndexes: [packIndex] };
      const earlier = byId.get(rule.id);
      if (earlier === undefined || (scoped && earlier.packId === pack.id)) {
        byId.set(rule.id, earlier ?? run);
        runs.set(rule, run);
      } else {
        throw new LookupInputError(`${where}.rules[${ruleIndex}]`, `the rule id ${JSON.stringify(rule.id)} is also used by another rule ` +
          `(in pack ${earlier.packId}): give each rule its own id, so suppressions and baselines name one rule`);
      }
    });
  });
  return [...runs.values()];
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
