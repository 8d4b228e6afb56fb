import { toEvidence } from './evidence';
import type { PolicyFinding } from './policy-finding';
import type { PolicyRule, RuleFinding } from './policy-rule';
import type { PolicySubject } from './policy-subject';
import { isSeverity } from './severity';

/** The longest text of a thrown error a finding quotes. */
const MAX_ERROR_TEXT = 500;

/**
Runs one rule over its API's subjects (the caller filters them): a subject rule once per subject,
a batch rule once for all (not at all when there are none). A rule that throws, or returns anything
but a list of well-formed findings, is not a crash: it becomes an error finding naming the rule, on
the subject it was checking (a batch rule: on each of its subjects, none of which it checked).
*/
export function runRule(rule: PolicyRule, packId: string, subjects: readonly PolicySubject[], now: Date,
  apiSubjects: readonly PolicySubject[] = subjects): PolicyFinding[] {
  // Each rule gets its own copy of the clock: a rule that moves it cannot move another's.
  const context = { now: new Date(now.getTime()), subjects: apiSubjects };
  if (rule.checkAll) {
    if (subjects.length === 0) return [];
    try {
      const found = listOf(rule.checkAll(subjects, context));
      return found.map((finding, index) => {
        if (!subjects.includes(finding?.subject)) {
          throw new TypeError(`finding [${index}] does not name one of the subjects the rule was given (its "subject" must be one of them, the same object)`);
        }
        return findingOf(rule, packId, finding.subject, finding);
      });
    } catch (error) {
      return subjects.map((subject) => thrownFinding(rule, packId, subject, error));
    }
  }
  return subjects.flatMap((subject) => {
    try {
      return listOf(rule.check(subject, context)).map((finding) => findingOf(rule, packId, subject, finding));
    } catch (error) {
      return [thrownFinding(rule, packId, subject, error)];
    }
  });
}

function listOf<T>(value: readonly T[]): readonly T[] {
  if (!Array.isArray(value)) throw new TypeError(`the rule returned ${value === undefined ? 'nothing' : typeof value} instead of a list of findings (return [] when nothing is wrong)`);
  return value;
}

function findingOf(rule: PolicyRule, packId: string, subject: PolicySubject, finding: RuleFinding): PolicyFinding {
  if (typeof finding?.message !== 'string' || finding.message === '') throw new TypeError('a finding has no message');
  if (finding.severity !== undefined && !isSeverity(finding.severity)) {
    throw new TypeError(`a finding has severity ${JSON.stringify(finding.severity)}: use error, warning or info`);
  }
  return {
    ...locationOf(rule, packId, subject),
    severity: finding.severity ?? rule.severity,
    message: finding.message,
    evidence: toEvidence(finding.evidence),
    fixHint: finding.fixHint ?? rule.fixHint,
    ruleThrew: false,
  };
}

function thrownFinding(rule: PolicyRule, packId: string, subject: PolicySubject, error: unknown): PolicyFinding {
  const text = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, MAX_ERROR_TEXT);
  return {
    ...locationOf(rule, packId, subject),
    severity: 'error',
    message: `Rule ${rule.id} (pack ${packId}) failed while checking ${subject.imageId}: ${text}. The image was not checked against it.`,
    evidence: { error: text },
    fixHint: `Fix the rule ${rule.id}, or leave it out of the pack ${packId} until it is fixed.`,
    ruleThrew: true,
  };
}

function locationOf(rule: PolicyRule, packId: string, subject: PolicySubject) {
  return {
    ruleId: rule.id,
    packId,
    constructPath: subject.constructPath,
    apiId: subject.apiId,
    cloud: subject.cloud,
    region: subject.region,
    imageId: subject.imageId,
  };
}
