import { integerFlag, joinNegativeNumbers, rateFlag } from '../../src/cli/numeric-flags';
import { UsageError } from '../../src/cli/usage-error';
import { thrown } from '../support/expect-errors';

test('decimal integers in range are taken, leading zeros included', () => {
  expect([integerFlag('--port', '0', 0, 65535), integerFlag('--port', '8787', 0, 65535), integerFlag('--port', '65535', 0, 65535), integerFlag('--latency', '007', 0, 10)])
    .toEqual([0, 8787, 65535, 7]);
});

test('rates from 0 to 1 are taken', () => {
  expect(['0', '1', '0.05', '.5', '1.0', '0.999'].map((text) => rateFlag('--error-rate', text))).toEqual([0, 1, 0.05, 0.5, 1, 0.999]);
});

test('a bad value is a coded usage error naming the flag and the range', () => {
  const error = thrown(() => integerFlag('--port', '0x1F91', 0, 65535), UsageError);
  expect(error).toMatchObject({ code: 'InvalidUsage', flag: '--port', message: '--port must be a whole number from 0 to 65535, written in decimal digits, got "0x1F91"' });
  expect(thrown(() => rateFlag('--throttle-rate', '2'), UsageError)).toMatchObject({ flag: '--throttle-rate', message: expect.stringContaining('from 0 to 1') });
});

test('a negative number after a numeric flag is joined to it; other arguments are left alone', () => {
  expect(joinNegativeNumbers(['emulator', '--latency', '-5', '--port', '-.5', '--data', '-x', '--cache', '-1'])).toEqual(
    ['emulator', '--latency=-5', '--port=-.5', '--data', '-x', '--cache', '-1']);
});
