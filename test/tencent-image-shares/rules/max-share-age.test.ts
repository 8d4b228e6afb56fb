import { LookupInputError } from '../../../src/engine';
import { tencentMaxShareAge } from '../../../src/tencent-image-shares/rules';
import { thrown } from '../../support/expect-errors';
import { findingsOf, messagesOf } from '../../support/policy-rule-check';
import { missing, NOW, shared, sharedAt } from './share-subjects';

const rule = tencentMaxShareAge({ maxAgeDays: 30 });

describe('TencentShares.MaxShareAge', () => {
  it('passes shares at most maxAgeDays old, at the evaluation clock', () => {
    expect(messagesOf(rule, [shared('img-a', ['100001']), sharedAt('img-b', '100002', '2026-05-02 08:00:00', '2026-05-02T08:00:00+08:00')], NOW)).toEqual([]);
  });

  it('names the image, the accounts and the oldest age of shares older than maxAgeDays', () => {
    expect(messagesOf(rule, [sharedAt('img-a', '100001', '2026-01-01 00:00:00', '2026-01-01T00:00:00+08:00')], NOW)).toEqual(['Image img-a (stack/img-a) has been shared with account 100001 for more than 30 days (the oldest for 151 days).']);
  });

  it('reads shareTimeStamp as Beijing time when sharedAt is missing, and gives the ages as evidence', () => {
    expect(findingsOf(rule, [sharedAt('img-a', '100001', '2026-01-01 00:00:00')], NOW)[0]).toMatchObject({ severity: 'warning', evidence: { maxAgeDays: 30, shares: [{ uin: '100001', shareTimeStamp: '2026-01-01 00:00:00', ageDays: 151 }] } });
  });

  it('reports a share whose time cannot be read at info, not as passed', () => {
    expect(findingsOf(rule, [sharedAt('img-a', '100001', 'yesterday')], NOW)).toMatchObject([{ severity: 'info', evidence: { undated: [{ uin: '100001', shareTimeStamp: 'yesterday' }] } }]);
  });

  it('defaults maxAgeDays to 90', () => {
    expect(messagesOf(tencentMaxShareAge(), [sharedAt('img-a', '1', '2026-04-01 00:00:00'), sharedAt('img-b', '2', '2026-02-01 00:00:00')], NOW)).toEqual([expect.stringMatching(/^Image img-b .* for more than 90 days \(the oldest for 120 days\)\.$/)]);
  });

  it('skips an image that was not found', () => {
    expect(messagesOf(rule, [missing()], NOW)).toEqual([]);
  });

  it('refuses a maxAgeDays below 1', () => {
    expect(thrown(() => tencentMaxShareAge({ maxAgeDays: 0 }), LookupInputError).message).toMatch(/^TencentShares\.MaxShareAge option maxAgeDays: expected a whole number of at least 1/);
  });
});
