import { redact } from '../../src/http/redact';

test('removes values raw and percent-encoded once or twice, leaving the rest', () => {
  const token = 'tok/en+with=chars';
  const text = `a=${token} b=${encodeURIComponent(token)} c=${encodeURIComponent(encodeURIComponent(token))} AccessKeyId%3DLTAIkey%26`;
  expect(redact(text, [token, 'LTAIkey', undefined, ''])).toBe('a=*** b=*** c=*** AccessKeyId%3D***%26');
});
