import { LookupInputError } from '../../src/engine';
import { evaluatePolicies, type PolicyPack, type PolicyRule, type SubjectRule } from '../../src/policy';
import { thrown } from '../support/expect-errors';
import {
  FAKE_API, FAKE_NOW, fakePack, fakeSubject, freshImageRule, goldenTagRule, imageFoundRule, missingSubject, totalSizeRule, type FakeFacts,
} from '../support/fake-pack';
import { findingsOf, messagesOf } from '../support/policy-rule-check';

/** A rule of the fake API that does what `check` says, with the other fields filled in. */
function ruleThat(check: SubjectRule<FakeFacts>['check'], id = 'Fake.Custom'): SubjectRule<FakeFacts> {
  return { id, apiId: FAKE_API, severity: 'error', description: 'A custom rule', fixHint: 'Fix it.', check };
}

describe('evaluatePolicies: rules', () => {
  test('a finding carries its rule, pack, severity, location, message, evidence and fix hint', () => {
    const subject = fakeSubject({ imageId: 'img-2', constructPath: 'prod/base', region: 'fake-2', facts: { tags: ['old'] } });
    expect(evaluatePolicies([subject], [fakePack], { now: FAKE_NOW }).findings).toEqual([{
      ruleId: 'Fake.GoldenTag', packId: 'fake', severity: 'error', constructPath: 'prod/base', apiId: FAKE_API, cloud: 'fake',
      region: 'fake-2', imageId: 'img-2', message: 'img-2 is not tagged golden', evidence: { tags: ['old'] },
      fixHint: 'Use an image from the golden pipeline.', ruleThrew: false,
    }]);
  });

  test('compliant subjects give no findings, and the result lists every rule that ran with what reports need', () => {
    const result = evaluatePolicies([fakeSubject(), fakeSubject({ imageId: 'img-2' })], [fakePack], { now: FAKE_NOW });
    expect(result).toMatchObject({ findings: [], suppressed: [], expiredSuppressions: [], subjectCount: 2, evaluatedAt: '2026-06-01T00:00:00.000Z' });
    expect(result.rules.map((rule) => [rule.id, rule.packId, rule.subjectCount, rule.suppressible])).toEqual([
      ['Fake.GoldenTag', 'fake', 2, true], ['Fake.Fresh', 'fake', 2, true], ['Fake.ImageFound', 'fake', 2, false], ['Fake.TotalSize', 'fake', 2, true],
    ]);
    expect(result.rules[0]).toMatchObject({ docs: 'Only images built by the golden pipeline carry the tag `golden`.', apiId: FAKE_API });
    expect(result.rules[1].docs).toBe('Images are at most 30 days old');
  });

  test('findings come rule by rule, each in the order of the subjects', () => {
    const subjects = [fakeSubject({ imageId: 'a', facts: { tags: [] } }), missingSubject({ imageId: 'b' }), fakeSubject({ imageId: 'c', facts: { tags: [] } })];
    expect(evaluatePolicies(subjects, [fakePack], { now: FAKE_NOW }).findings.map((finding) => `${finding.ruleId} ${finding.imageId}`))
      .toEqual(['Fake.GoldenTag a', 'Fake.GoldenTag c', 'Fake.ImageFound b']);
  });

  test('a rule sees only the subjects of its API', () => {
    const seen: string[] = [];
    const rule = ruleThat((subject) => { seen.push(subject.imageId); return []; });
    evaluatePolicies([fakeSubject({ imageId: 'mine' }), fakeSubject({ apiId: 'other-api', imageId: 'theirs' })], [{ id: 'p', rules: [rule] }], { now: FAKE_NOW });
    expect(seen).toEqual(['mine']);
  });

  test('date rules compare with the context clock, never the system clock', () => {
    const subject = fakeSubject({ facts: { createdAt: '2026-04-01T00:00:00Z' } });
    expect(messagesOf(freshImageRule, [subject], FAKE_NOW)).toEqual(['img-1 is 61 days old']);
    expect(messagesOf(freshImageRule, [subject], new Date('2026-04-20T00:00:00Z'))).toEqual([]);
  });

  test('without a clock it uses the current time', () => {
    const before = Date.now();
    const evaluatedAt = Date.parse(evaluatePolicies([], [fakePack]).evaluatedAt);
    expect(evaluatedAt).toBeGreaterThanOrEqual(before);
    expect(evaluatedAt).toBeLessThanOrEqual(Date.now());
  });

  test('each rule gets its own copy of the clock', () => {
    const mover = ruleThat((_subject, { now }) => { now.setFullYear(2000); return []; }, 'Fake.Mover');
    const reader = ruleThat((_subject, { now }) => [{ message: now.toISOString() }], 'Fake.Reader');
    expect(evaluatePolicies([fakeSubject()], [{ id: 'p', rules: [mover, reader] }], { now: FAKE_NOW }).findings.map((finding) => finding.message))
      .toEqual(['2026-06-01T00:00:00.000Z']);
  });

  test('a per-subject rule sees the whole list of its API\'s subjects in its context', () => {
    const rule = ruleThat((subject, { subjects }) => [{ message: `${subject.imageId} of ${subjects.length}` }]);
    expect(messagesOf(rule, [fakeSubject(), fakeSubject({ imageId: 'img-2' })], FAKE_NOW)).toEqual(['img-1 of 2', 'img-2 of 2']);
  });

  test('a finding may set its own severity and fix hint', () => {
    expect(findingsOf(totalSizeRule, [missingSubject()], FAKE_NOW)).toMatchObject([
      { ruleId: 'Fake.TotalSize', severity: 'info', message: 'no image was found: not applicable', fixHint: 'Nothing to do.', evidence: {} },
    ]);
  });

  test('evidence is written as JSON: a Date becomes its ISO text, undefined fields go away', () => {
    const rule = ruleThat(() => [{ message: 'm', evidence: { at: new Date(0), gone: undefined, list: [1, 'two'] } as never }]);
    expect(findingsOf(rule, [fakeSubject()], FAKE_NOW)[0].evidence).toEqual({ at: '1970-01-01T00:00:00.000Z', list: [1, 'two'] });
  });
});

describe('evaluatePolicies: batch rules', () => {
  test('run once over all the subjects of their API, each finding on the subject it names', () => {
    const calls: number[] = [];
    const counting: PolicyRule<FakeFacts> = { ...totalSizeRule, checkAll: (subjects, context) => { calls.push(subjects.length); return totalSizeRule.checkAll(subjects, context); } };
    const subjects = [fakeSubject({ imageId: 'a', facts: { sizeBytes: 600 } }), missingSubject(), fakeSubject({ imageId: 'b', facts: { sizeBytes: 500 } })];
    expect(findingsOf(counting, subjects, FAKE_NOW).map((finding) => [finding.imageId, finding.message, finding.evidence]))
      .toEqual([['a', 'the images total 1100 bytes', { total: 1100, limit: 1000 }], ['b', 'the images total 1100 bytes', { total: 1100, limit: 1000 }]]);
    expect(calls).toEqual([3]);
  });

  test('do not run when their API has no subjects', () => {
    const checkAll = jest.fn(() => []);
    evaluatePolicies([fakeSubject({ apiId: 'other-api' })], [{ id: 'p', rules: [{ ...totalSizeRule, checkAll }] }], { now: FAKE_NOW });
    expect(checkAll).not.toHaveBeenCalled();
  });
});

describe('evaluatePolicies: a rule that fails is a finding, not a crash', () => {
  test('a throw becomes an error finding naming the rule, on the subject being checked; other subjects and rules go on', () => {
    const rule = ruleThat((subject) => { if (subject.imageId === 'bad') throw new RangeError('boom'); return []; }, 'Fake.Fragile');
    const result = evaluatePolicies([fakeSubject({ imageId: 'bad', facts: { tags: [] } }), fakeSubject()], [{ id: 'p', rules: [rule, goldenTagRule] }], { now: FAKE_NOW });
    expect(result.findings).toMatchObject([
      {
        ruleId: 'Fake.Fragile', packId: 'p', severity: 'error', imageId: 'bad', ruleThrew: true, evidence: { error: 'RangeError: boom' },
        message: 'Rule Fake.Fragile (pack p) failed while checking bad: RangeError: boom. The image was not checked against it.',
        fixHint: 'Fix the rule Fake.Fragile, or leave it out of the pack p until it is fixed.',
      },
      { ruleId: 'Fake.GoldenTag', imageId: 'bad', ruleThrew: false },
    ]);
  });

  test('a batch rule that throws gets an error finding on each subject it was given', () => {
    const rule: PolicyRule<FakeFacts> = { ...totalSizeRule, checkAll: () => { throw 'not an Error'; } };
    expect(findingsOf(rule, [fakeSubject({ imageId: 'a' }), fakeSubject({ imageId: 'b' })], FAKE_NOW).map((finding) => [finding.imageId, finding.ruleThrew, finding.evidence]))
      .toEqual([['a', true, { error: 'not an Error' }], ['b', true, { error: 'not an Error' }]]);
  });

  test.each<[string, PolicyRule<FakeFacts>, RegExp]>([
    ['returns nothing', ruleThat(() => undefined as never), /returned nothing instead of a list of findings/],
    ['returns a finding without a message', ruleThat(() => [{} as never]), /a finding has no message/],
    ['returns an unknown severity', ruleThat(() => [{ message: 'm', severity: 'fatal' as never }]), /severity "fatal": use error, warning or info/],
    ['returns evidence JSON cannot hold', ruleThat(() => [{ message: 'm', evidence: { big: 1n } as never }]), /BigInt/],
    ['(batch) names a subject it was not given', { ...totalSizeRule, checkAll: () => [{ subject: fakeSubject(), message: 'm' }] },
      /finding \[0\] does not name one of the subjects the rule was given/],
  ])('a rule that %s gets an error finding saying so', (_what, rule, message) => {
    const [finding] = findingsOf(rule, [fakeSubject()], FAKE_NOW);
    expect(finding).toMatchObject({ ruleId: rule.id, severity: 'error', ruleThrew: true });
    expect(finding.message).toMatch(message);
  });
});

describe('evaluatePolicies: packs', () => {
  test('a rule listed by two packs runs once, under the first pack', () => {
    const check = jest.fn(() => [{ message: 'once' }]);
    const rule = ruleThat(check);
    const result = evaluatePolicies([fakeSubject()], [{ id: 'first', rules: [rule] }, { id: 'second', rules: [rule] }], { now: FAKE_NOW });
    expect(check).toHaveBeenCalledTimes(1);
    expect(result.findings.map((finding) => finding.packId)).toEqual(['first']);
    expect(result.rules.map((evaluated) => evaluated.packId)).toEqual(['first']);
  });

  test.each<[string, PolicyPack[], string, RegExp]>([
    ['two rules with one id', [{ id: 'a', rules: [ruleThat(() => [], 'X')] }, { id: 'b', rules: [ruleThat(() => [], 'X')] }],
      'packs[1].rules[0]', /the rule id "X" is also used by another rule \(in pack a\): give each rule its own id/],
    ['two packs with one id', [{ id: 'a', rules: [] }, { id: 'a', rules: [] }], 'packs[1].id', /"a" is the id of an earlier pack too/],
    ['a pack without rules', [{ id: 'a' } as never], 'packs[0]', /is not a policy pack/],
    ['a rule with both check and checkAll', [{ id: 'a', rules: [{ ...goldenTagRule, checkAll: totalSizeRule.checkAll } as never] }],
      'packs[0].rules[0]', /needs exactly one of check\(subject, context\) and checkAll\(subjects, context\) \(rule Fake.GoldenTag\)/],
    ['a rule with neither', [{ id: 'a', rules: [{ ...goldenTagRule, check: undefined } as never] }], 'packs[0].rules[0]', /needs exactly one of/],
    ['a rule with an unknown severity', [{ id: 'a', rules: [{ ...goldenTagRule, severity: 'high' } as never] }], 'packs[0].rules[0]', /has severity "high"/],
    ['a rule without an id', [{ id: 'a', rules: [{ ...goldenTagRule, id: '' }] }], 'packs[0].rules[0]', /has no id/],
    ['a rule without an API', [{ id: 'a', rules: [{ ...goldenTagRule, apiId: undefined } as never] }], 'packs[0].rules[0]', /has no apiId/],
    ['a rule without a fix hint', [{ id: 'a', rules: [{ ...goldenTagRule, fixHint: undefined } as never] }], 'packs[0].rules[0]', /needs a description and a fixHint/],
    ['a rule that is not an object', [{ id: 'a', rules: [null as never] }], 'packs[0].rules[0]', /is not a rule object/],
  ])('refuses %s before any rule runs, naming it', (_what, packs, input, message) => {
    const check = jest.fn(() => []);
    // A sound pack after the broken one: it must not run either.
    const error = thrown(() => evaluatePolicies([fakeSubject()], [...packs, { id: 'last', rules: [ruleThat(check, 'Fake.Last')] }], { now: FAKE_NOW }), LookupInputError);
    expect(error).toMatchObject({ code: 'InvalidLookupInput', input });
    expect(error.message).toMatch(message);
    expect(check).not.toHaveBeenCalled();
  });

  test('refuses an invalid suppression before any rule runs', () => {
    const check = jest.fn(() => []);
    const error = thrown(() => evaluatePolicies([fakeSubject()], [{ id: 'p', rules: [ruleThat(check)] }],
      { now: FAKE_NOW, suppressions: [{ ruleId: 'Fake.Custom', imageId: 'img-1', reason: 'short' }] }), LookupInputError);
    expect(error.input).toBe('suppressions[0].reason');
    expect(check).not.toHaveBeenCalled();
  });

  test('refuses an invalid clock', () => {
    expect(thrown(() => evaluatePolicies([], [], { now: new Date('soon') }), LookupInputError).input).toBe('now');
  });

  test('a rule that threw is never suppressed', () => {
    const rule = ruleThat(() => { throw new Error('boom'); });
    const result = evaluatePolicies([fakeSubject()], [{ id: 'p', rules: [rule] }],
      { now: FAKE_NOW, suppressions: [{ ruleId: 'Fake.Custom', constructPath: '**', reason: 'accepted for this test' }] });
    expect(result.findings).toMatchObject([{ ruleThrew: true }]);
    expect(result.suppressed).toEqual([]);
    expect(result.unusedSuppressions).toHaveLength(1);
  });

  test('the not-found rule reports missing images', () => {
    expect(messagesOf(imageFoundRule, [missingSubject(), fakeSubject()], FAKE_NOW)).toEqual(['img-missing does not exist']);
  });
});
