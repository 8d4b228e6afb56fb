import type { IConstruct } from 'constructs';
import { LookupInputError } from '../engine/errors/lookup-input-error';
import type { SourceLocation } from '../report/check-report';
import { evaluatePolicies, type PolicyResult } from './evaluate-policies';
import { DEFAULT_FAIL_ON, parseFailOn, type FailOn } from './fail-on';
import { appPoliciesOf } from './image-policies';
import type { PolicyFinding } from './policy-finding';
import type { PolicyPack } from './policy-pack';
import type { PolicySubject } from './policy-subject';
import { isAtLeast } from './severity';
import { subjectSourcesOf } from './subject-registry';

/** One evaluation of an app's policies: what every report, annotation and matcher reads. */
export interface AppEvaluation {
  readonly result: PolicyResult;
  /** Every resolved lookup of the app, with its construct and creation site. */
  readonly lookups: readonly { readonly subject: PolicySubject; readonly construct: IConstruct; readonly source?: SourceLocation }[];
  /** The failOn in force for a finding's construct. */
  failOnOf(finding: PolicyFinding): FailOn;
  /** Whether a finding fails the synth: at its failOn or more serious. */
  isFailing(finding: PolicyFinding): boolean;
  /** The lookup construct at a path. */
  constructAt(constructPath: string): IConstruct | undefined;
  /** The scope each suppression (by its index in the checked list) was attached to. */
  readonly suppressionScopes: readonly IConstruct[];
}

const evaluations = new WeakMap<IConstruct, { readonly version: number; readonly sources: number; readonly evaluation: AppEvaluation }>();

/**
Evaluates every pack attached to the app of `scope` (with `ImagePolicies.of`) over every resolved
lookup of the app, once: later calls return the same evaluation until something is attached or
another lookup construct is created. Undefined when nothing is attached and `force` is false.

Lookup constructs with an unresolved lookup are left out: they cannot be synthesized anyway.
Throws a LookupInputError for IMAGE_LOOKUPS_FAIL_ON set to something else than error or warning.
*/
export function evaluateAppPolicies(scope: IConstruct, options: { readonly force?: boolean } = {}): AppEvaluation | undefined {
  const root = scope.node.root;
  const policies = appPoliciesOf(root);
  const sources = subjectSourcesOf(root);
  const memo = evaluations.get(root);
  if (memo && memo.version === (policies?.version ?? 0) && memo.sources === sources.length) return memo.evaluation;
  if (!policies && !options.force) return undefined;

  const envFailOn = parseFailOn(process.env.IMAGE_LOOKUPS_FAIL_ON, 'IMAGE_LOOKUPS_FAIL_ON');
  const scopes = policies?.scopes ?? [];
  const lookups = sources.flatMap((source) => (source.subjectsOf() ?? []).map((subject) => ({ subject, construct: source.construct, source: source.source })));
  const attachments: { pack: PolicyPack; scope: IConstruct }[] = scopes.flatMap((entry) => entry.packs.map((pack) => ({ pack, scope: entry.scope })));
  const suppressionScopes = scopes.flatMap((entry) => entry.suppressions.map(() => entry.scope));
  let result: PolicyResult;
  try {
    result = evaluatePolicies(lookups.map(({ subject }) => subject), attachments.map(({ pack }) => pack), {
      now: policies?.now,
      suppressions: scopes.flatMap((entry) => entry.suppressions),
      appliesTo: nearestRuleOfEachId(attachments, lookups),
    });
  } catch (error) {
    // Packs of different scopes that clash (one rule id in two packs): name the scope, not an index the user never wrote.
    const place = error instanceof LookupInputError ? /^packs\[(\d+)\]/.exec(error.input) : null;
    if (!place || !(error instanceof LookupInputError)) throw error;
    const scope = attachments[Number(place[1])].scope;
    const where = scope.node.scope === undefined ? 'ImagePolicies.of(app)' : `ImagePolicies.of(${scope.node.path})`;
    throw new LookupInputError(`${where}: addPack(pack)${error.input.slice(place[0].length)}`, error.message.slice(error.input.length + 2));
  }
  const constructs = new Map(lookups.map(({ subject, construct }) => [subject.constructPath, construct]));
  const failOnByScope = new Map(scopes.flatMap((entry) => (entry.failOn ? [[entry.scope, entry.failOn] as const] : [])));
  const failOnOf = (finding: PolicyFinding): FailOn => envFailOn ?? nearestFailOn(constructs.get(finding.constructPath), failOnByScope) ?? DEFAULT_FAIL_ON;
  const evaluation: AppEvaluation = {
    result,
    lookups,
    failOnOf,
    isFailing: (finding) => isAtLeast(finding.severity, failOnOf(finding)),
    constructAt: (constructPath) => constructs.get(constructPath),
    suppressionScopes,
  };
  evaluations.set(root, { version: policies?.version ?? 0, sources: sources.length, evaluation });
  return evaluation;
}

/**
Which attachment's rule checks which subject: of the attachments at or above the subject's
construct, for each rule id, the nearest one holding a rule of that id (several at one scope all
do). So a stack's `tencentSharesPack({ allowlistedAccounts })` replaces the app's allowlist for that
stack, and a stack's `tencentSharesPack({ maxSharesPerImage })` adds that rule while the app's
allowlist still applies there.
*/
function nearestRuleOfEachId(
  attachments: readonly { readonly pack: PolicyPack; readonly scope: IConstruct }[],
  lookups: readonly { readonly subject: PolicySubject; readonly construct: IConstruct }[],
): (packIndex: number, subject: PolicySubject, ruleId: string) => boolean {
  const constructs = new Map(lookups.map(({ subject, construct }) => [subject, construct]));
  const ruleIds = attachments.map(({ pack }) => new Set(pack.rules.map((rule) => rule.id)));
  // Per subject, per rule id: the attachments whose rule of that id checks it.
  const chosen = new Map<PolicySubject, Map<string, Set<number>>>();
  return (packIndex, subject, ruleId) => {
    let byRule = chosen.get(subject);
    if (!byRule) {
      const scopes = constructs.get(subject)?.node.scopes ?? [];
      const depths = attachments.map(({ scope }) => scopes.indexOf(scope));
      byRule = new Map();
      const deepest = new Map<string, number>();
      depths.forEach((depth, index) => {
        if (depth < 0) return;
        for (const id of ruleIds[index]) if (depth > (deepest.get(id) ?? -1)) deepest.set(id, depth);
      });
      depths.forEach((depth, index) => {
        if (depth < 0) return;
        for (const id of ruleIds[index]) {
          if (depth !== deepest.get(id)) continue;
          const set = byRule!.get(id) ?? new Set<number>();
          set.add(index);
          byRule!.set(id, set);
        }
      });
      chosen.set(subject, byRule);
    }
    return byRule.get(ruleId)?.has(packIndex) ?? false;
  };
}

/** The evaluation a synth of this app has made, if any, without evaluating. */
export function existingAppEvaluation(scope: IConstruct): AppEvaluation | undefined {
  return evaluations.get(scope.node.root)?.evaluation;
}

function nearestFailOn(construct: IConstruct | undefined, byScope: ReadonlyMap<IConstruct, FailOn>): FailOn | undefined {
  if (!construct || byScope.size === 0) return undefined;
  for (const scope of [...construct.node.scopes].reverse()) {
    const failOn = byScope.get(scope);
    if (failOn) return failOn;
  }
  return undefined;
}
