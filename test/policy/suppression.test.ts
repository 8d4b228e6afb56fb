import fc from 'fast-check';
import { LookupInputError } from '../../src/engine';
import { checkSuppressions, type Suppression } from '../../src/policy';
import { thrown } from '../support/expect-errors';

const valid = { ruleId: 'Fake.GoldenTag', constructPath: 'prod/**', reason: 'Accepted until the rebuild' } as const;

describe('checkSuppressions', () => {
  test('returns each suppression with its place in the list and its expiry in UTC', () => {
    expect(checkSuppressions([
      { ...valid, owner: 'platform-team' },
      { ruleId: 'Fake.Fresh', imageId: 'img-1', reason: 'Pinned by the vendor', expiresAt: '2027-03-31' },
      { ...valid, expiresAt: '2027-03-31T08:00:00+08:00' },
      { ...valid, expiresAt: new Date('2027-03-31T00:00:00Z') },
    ])).toEqual([
      { ...valid, owner: 'platform-team', index: 0 },
      { ruleId: 'Fake.Fresh', imageId: 'img-1', reason: 'Pinned by the vendor', expiresAt: '2027-03-31T00:00:00.000Z', index: 1 },
      { ...valid, expiresAt: '2027-03-31T00:00:00.000Z', index: 2 },
      { ...valid, expiresAt: '2027-03-31T00:00:00.000Z', index: 3 },
    ]);
  });

  test.each<[string, unknown, string, RegExp]>([
    ['a short reason', { ...valid, reason: '  too short ' }, 'suppressions[0].reason',
      /is 9 characters long: give at least 10 saying why the finding is accepted, e\.g\. .* \(of rule Fake\.GoldenTag\)\.$/],
    ['no reason', { ruleId: 'Fake.GoldenTag', imageId: 'img-1' }, 'suppressions[0].reason', /is missing: say why the finding is accepted/],
    ['a reason that is not text', { ...valid, reason: 12345678901 }, 'suppressions[0].reason', /expected a string saying why the finding is accepted/],
    ['neither a path nor an image', { ruleId: 'Fake.GoldenTag', reason: valid.reason }, 'suppressions[0]',
      /names neither a constructPath nor an imageId: say where it applies \(constructPath "\*\*" accepts the rule's findings everywhere\)/],
    ['an unknown field', { ...valid, expires: '2027-01-01' }, 'suppressions[0]', /has an unknown field "expires": a suppression has only ruleId/],
    ['an expiry without a zone', { ...valid, expiresAt: '2027-03-31T00:00:00' }, 'suppressions[0].expiresAt', /expected an ISO 8601 date-time with a zone/],
    ['an invalid Date', { ...valid, expiresAt: new Date('never') }, 'suppressions[0].expiresAt', /expected an ISO 8601 date-time/],
    ['an empty rule id', { ...valid, ruleId: ' ' }, 'suppressions[0].ruleId', /expected the id of the rule whose findings it accepts, got an empty string/],
    ['a rule id that is not a string', { ...valid, ruleId: 7 }, 'suppressions[0].ruleId', /expected the id of the rule whose findings it accepts \(a string\)/],
    ['an empty glob', { ...valid, constructPath: '' }, 'suppressions[0].constructPath', /expected a construct path glob/],
    ['something else than an object', 'Fake.GoldenTag', 'suppressions[0]', /expected an object with ruleId, reason, and constructPath or imageId/],
  ])('refuses %s with a LookupInputError naming the suppression and what to do', (_what, suppression, input, message) => {
    const error = thrown(() => checkSuppressions([suppression as Suppression]), LookupInputError);
    expect(error).toMatchObject({ code: 'InvalidLookupInput', input });
    expect(error.message).toMatch(message);
  });

  test('names the suppression by its place in the list, and by the source given', () => {
    const error = thrown(() => checkSuppressions([valid, { ...valid, reason: 'short' }], 'image-lookups.policy.json suppressions'), LookupInputError);
    expect(error.input).toBe('image-lookups.policy.json suppressions[1].reason');
  });

  test('refuses a list that is not one', () => {
    expect(thrown(() => checkSuppressions({} as never), LookupInputError).input).toBe('suppressions');
  });

  test('a reason is accepted exactly when it has at least 10 characters besides surrounding space', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), fc.nat(3), (text, padding) => {
      const reason = `${' '.repeat(padding)}${text}${' '.repeat(padding)}`;
      const accepted = (() => { try { checkSuppressions([{ ...valid, reason }]); return true; } catch { return false; } })();
      expect(accepted).toBe(reason.trim().length >= 10);
    }));
  });
});
