import { expiryText, messageWithFix, oneLine, suppressionNote, suppressionScope } from '../../src/report/report-text';

describe('report text', () => {
  test('oneLine joins lines with one space', () => {
    expect(oneLine('first\r\n  second\n\nthird ')).toBe('first second third');
  });

  test('messageWithFix ends the message as a sentence before the fix', () => {
    expect(messageWithFix({ message: 'No title', fixHint: 'Add one.' })).toBe('No title. Fix: Add one.');
    expect(messageWithFix({ message: 'No title! ', fixHint: 'Add one.' })).toBe('No title! Fix: Add one.');
    expect(messageWithFix({ message: 'No title.', fixHint: 'Add one.' })).toBe('No title. Fix: Add one.');
  });

  test('suppressionNote gives the reason, then the owner and expiry when there are any', () => {
    const base = { index: 0, ruleId: 'Rule.A', constructPath: 'prod/**', reason: 'Accepted for the migration' };
    expect(suppressionNote(base)).toBe('Accepted for the migration');
    expect(suppressionNote({ ...base, owner: 'platform' })).toBe('Accepted for the migration (platform)');
    expect(suppressionNote({ ...base, owner: 'platform', expiresAt: '2027-03-31T00:00:00.000Z' })).toBe('Accepted for the migration (platform, expires 2027-03-31)');
    expect(suppressionNote({ ...base, reason: 'Accepted for\nthe migration', expiresAt: '2027-03-31T12:00:00.000Z' }))
      .toBe('Accepted for the migration (expires 2027-03-31T12:00:00.000Z)');
  });

  test('expiryText shortens only a midnight UTC expiry to its date', () => {
    expect(expiryText('2027-03-31T00:00:00.000Z')).toBe('2027-03-31');
    expect(expiryText('2027-03-31T00:00:01.000Z')).toBe('2027-03-31T00:00:01.000Z');
  });

  test('suppressionScope names the constructs and the image it applies to', () => {
    expect(suppressionScope({ index: 0, ruleId: 'Rule.A', constructPath: 'prod/**', imageId: 'img-1', reason: 'Accepted for the migration' }))
      .toBe('constructs prod/**, image img-1');
    expect(suppressionScope({ index: 0, ruleId: 'Rule.A', imageId: 'img-1', reason: 'Accepted for the migration' })).toBe('image img-1');
  });
});
