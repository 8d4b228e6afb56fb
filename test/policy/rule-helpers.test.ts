import { LookupInputError } from '../../src/engine/errors';
import { integerOption, optionsObject } from '../../src/policy/rule-helpers';
import { thrown } from '../support/expect-errors';

interface Options {
  readonly maxAgeDays?: number;
  readonly accounts?: readonly string[];
}
const KNOWN = ['maxAgeDays', 'accounts'] as const;
const EXAMPLE = '{ maxAgeDays: 90 }';

describe('optionsObject', () => {
  test('an object of known options is returned as it is', () => {
    const options: Options = { maxAgeDays: 3 };
    expect(optionsObject('Test.Rule', options, KNOWN, { example: EXAMPLE })).toBe(options);
  });

  test.each<[string, unknown, string]>([
    ['nothing, when options are required', undefined, 'got nothing'],
    ['null', null, 'got null'],
    ['a list', [], 'got an empty list'],
    ['a number', 3, 'got the number 3'],
  ])('%s is refused, naming the rule, with the example to follow', (_what, options, got) => {
    const error = thrown(() => optionsObject('Test.Rule', options as Options, KNOWN, { example: EXAMPLE }), LookupInputError);
    expect(error.input).toBe('Test.Rule option options');
    expect(error.message).toContain(`expected an object of options, ${got}: pass e.g. ${EXAMPLE}`);
  });

  test('without required, no options at all is an empty object', () => {
    expect(optionsObject<Options>('Test.Rule', undefined, KNOWN, { example: EXAMPLE, required: false })).toEqual({});
  });

  test('a misspelt option is refused by its name, listing the known ones', () => {
    const error = thrown(() => optionsObject('Test.Rule', { maxAgeDay: 3 } as Options, KNOWN, { example: EXAMPLE }), LookupInputError);
    expect(error.input).toBe('Test.Rule option maxAgeDay');
    expect(error.message).toContain('is not an option of this rule: its options are maxAgeDays and accounts');
  });
});

describe('integerOption', () => {
  test('a whole number at or above min is returned; the fallback stands in for nothing', () => {
    expect(integerOption('Test.Rule', 'max', 0, { min: 0, example: 10 })).toBe(0);
    expect(integerOption('Test.Rule', 'maxAgeDays', undefined, { min: 1, example: 90, fallback: 90 })).toBe(90);
  });

  test.each<[unknown, string]>([
    [undefined, 'got nothing'],
    [0, 'got the number 0'],
    [1.5, 'got the number 1.5'],
    ['7', 'got the string "7"'],
    [Number.MAX_SAFE_INTEGER + 1, `got the number ${Number.MAX_SAFE_INTEGER + 1}`],
  ])('%p is refused without a fallback, naming the option and the bound', (value, got) => {
    const error = thrown(() => integerOption('Test.Rule', 'maxAgeDays', value, { min: 1, example: 90 }), LookupInputError);
    expect(error.input).toBe('Test.Rule option maxAgeDays');
    expect(error.message).toContain(`expected a whole number of at least 1, ${got}: pass e.g. 90`);
  });
});
