import type { IConstruct } from 'constructs';
import { evaluateAppPolicies } from '../policy/app-evaluation';
import type { ExpiredSuppression, IgnoredSuppression, SuppressedFinding } from '../policy/apply-suppressions';
import type { EvaluatedRule } from '../policy/evaluate-policies';
import { isUnder } from '../policy/image-policies';
import type { PolicyFinding } from '../policy/policy-finding';
import { subjectSourcesOf } from '../policy/subject-registry';
import type { CheckedSuppression } from '../policy/suppression';

/** The policy results of the lookup constructs at or under one scope, for assertions in any test runner. */
export interface ScopedPolicyFindings {
  /** The findings that count (no unexpired suppression accepts them), in the order rules ran. */
  readonly findings: readonly PolicyFinding[];
  /** Of `findings`, those that fail the synth: at their failOn (`ImagePolicies.failOn`, IMAGE_LOOKUPS_FAIL_ON) or more serious. */
  readonly failing: readonly PolicyFinding[];
  /** Findings a suppression accepts: not violations, listed all the same. */
  readonly suppressed: readonly SuppressedFinding[];
  /** Expired suppressions matching findings here, with those findings (which count again). */
  readonly expiredSuppressions: readonly ExpiredSuppression[];
  /** Suppressions ignored because their finding's rule cannot be suppressed. */
  readonly ignoredSuppressions: readonly IgnoredSuppression[];
  /** Unexpired suppressions attached at or under the scope that match no finding. */
  readonly unusedSuppressions: readonly CheckedSuppression[];
  /** Every rule that ran in the app, whatever scope its pack covers. */
  readonly rules: readonly EvaluatedRule[];
  /**
  Lookup constructs here with a lookup that has no answer: policies cannot check them. Empty in a
  `LookupTesting.app()` (a missing fixture fails at once) and in an app built by `resolveLookups()`.
  */
  readonly unresolvedConstructPaths: readonly string[];
}

/**
Evaluates the policies attached to the app of `scope` (with `ImagePolicies.of`), as a synth does, and
returns what concerns the lookup constructs at or under `scope` (the app: all of them). Works
before or after `Testing.synth()`: the evaluation is made once per app and reused until something
is attached or another lookup construct is created. The jest matchers of `cdktf-image-lookups/jest`
use it; call it directly from other test runners.

Throws a LookupInputError for an invalid IMAGE_LOOKUPS_FAIL_ON, as a synth does.
*/
export function policyFindingsOf(scope: IConstruct): ScopedPolicyFindings {
  const evaluation = evaluateAppPolicies(scope, { force: true })!;
  const { result } = evaluation;
  const here = (finding: PolicyFinding) => isUnder(finding.constructPath, scope);
  const findings = result.findings.filter(here);
  return {
    findings,
    failing: findings.filter((finding) => evaluation.isFailing(finding)),
    suppressed: result.suppressed.filter(({ finding }) => here(finding)),
    expiredSuppressions: result.expiredSuppressions
      .map(({ suppression, findings: matched }) => ({ suppression, findings: matched.filter(here) }))
      .filter(({ findings: matched }) => matched.length > 0),
    ignoredSuppressions: result.ignoredSuppressions.filter(({ finding }) => here(finding)),
    unusedSuppressions: result.unusedSuppressions.filter((suppression) => {
      const attachedTo = evaluation.suppressionScopes[suppression.index];
      return attachedTo !== undefined && isUnder(attachedTo.node.path, scope);
    }),
    rules: result.rules,
    unresolvedConstructPaths: subjectSourcesOf(scope)
      .filter((source) => isUnder(source.construct.node.path, scope) && source.subjectsOf() === undefined)
      .map((source) => source.construct.node.path),
  };
}
