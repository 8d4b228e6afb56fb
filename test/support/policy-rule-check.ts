// The one helper a rule's test cases go through (cdk-nag's validateStack): the rule alone in a
// pack, through the real evaluation, on a pinned clock.
import { evaluatePolicies, type PolicyFinding, type PolicyRule, type PolicySubject } from '../../src/policy';

/** The unsuppressed findings `rule` makes on `subjects` at `now`, in order. */
export function findingsOf<Facts>(rule: PolicyRule<Facts>, subjects: readonly PolicySubject<Facts>[], now: Date): PolicyFinding[] {
  return [...evaluatePolicies(subjects, [{ id: 'under-test', rules: [rule] }], { now }).findings];
}

/** Just the messages of `findingsOf`: what most rule test cases compare. */
export function messagesOf<Facts>(rule: PolicyRule<Facts>, subjects: readonly PolicySubject<Facts>[], now: Date): string[] {
  return findingsOf(rule, subjects, now).map((finding) => finding.message);
}
