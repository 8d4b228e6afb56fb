import { parseDurationSeconds, resolveEngineOptions } from '../../src/engine';

describe('resolveEngineOptions', () => {
  test('defaults: auto mode, concurrency 4, 50 rounds, no maxAge', () => {
    expect(resolveEngineOptions({}, {})).toMatchObject({ mode: 'auto', concurrency: 4, maxRounds: 50, maxAgeSeconds: undefined, refreshGlob: undefined });
  });

  test('env vars fill in, and options win over them', () => {
    const env = { IMAGE_LOOKUPS_MODE: 'offline', IMAGE_LOOKUPS_MAX_AGE: '2h', IMAGE_LOOKUPS_CONCURRENCY: '8', IMAGE_LOOKUPS_MAX_ROUNDS: '5', IMAGE_LOOKUPS_REFRESH: 'tencent:*' };
    expect(resolveEngineOptions({}, env)).toMatchObject({ mode: 'offline', maxAgeSeconds: 7200, concurrency: 8, maxRounds: 5, refreshGlob: 'tencent:*' });
    expect(resolveEngineOptions({ mode: 'refresh', maxAge: 60, concurrency: 2, maxRounds: 9, refreshGlob: 'x' }, env))
      .toMatchObject({ mode: 'refresh', maxAgeSeconds: 60, concurrency: 2, maxRounds: 9, refreshGlob: 'x' });
  });

  test.each([
    [{}, { IMAGE_LOOKUPS_MODE: 'online' }, /IMAGE_LOOKUPS_MODE: unknown mode "online"; use one of auto, offline, refresh/],
    [{ mode: 'live' }, {}, /^mode: unknown mode "live"/],
    [{}, { IMAGE_LOOKUPS_CONCURRENCY: '0' }, /IMAGE_LOOKUPS_CONCURRENCY: "0" is not a positive integer/],
    [{ maxRounds: 1.5 }, {}, /maxRounds: 1.5 is not a positive integer/],
    [{}, { IMAGE_LOOKUPS_MAX_AGE: 'a week' }, /IMAGE_LOOKUPS_MAX_AGE: "a week" is not a duration/],
  ])('rejects %j %j, naming the input', (options, env, message) => {
    expect(() => resolveEngineOptions(options as never, env)).toThrow(message);
  });
});

describe('progress: the progress option and IMAGE_LOOKUPS_PROGRESS', () => {
  test('on by default, and when the env var is empty', () => {
    expect(resolveEngineOptions({}, {}).progress).toBe(true);
    expect(resolveEngineOptions({}, { IMAGE_LOOKUPS_PROGRESS: ' ' }).progress).toBe(true);
  });

  test.each([['0', false], ['false', false], ['1', true], ['true', true]])('IMAGE_LOOKUPS_PROGRESS=%s: %s', (value, progress) => {
    expect(resolveEngineOptions({}, { IMAGE_LOOKUPS_PROGRESS: value }).progress).toBe(progress);
  });

  test('the option wins over the env var', () => {
    expect(resolveEngineOptions({ progress: true }, { IMAGE_LOOKUPS_PROGRESS: '0' }).progress).toBe(true);
    expect(resolveEngineOptions({ progress: false }, {}).progress).toBe(false);
  });

  test('any other value is an input error naming the variable', () => {
    expect(() => resolveEngineOptions({}, { IMAGE_LOOKUPS_PROGRESS: 'quiet' })).toThrow(/IMAGE_LOOKUPS_PROGRESS: "quiet" is not a switch; use 1 \(on\) or 0 \(off\)/);
  });
});

describe('parseDurationSeconds', () => {
  test.each([[90, 90], ['90', 90], ['90s', 90], ['30m', 1800], ['12h', 43200], ['7d', 604800], ['2w', 1209600], ['1.5h', 5400]])('%j is %d seconds', (text, seconds) => {
    expect(parseDurationSeconds(text, 'maxAge')).toBe(seconds);
  });

  test.each([0, -1, '', 'soon', '7 days', '1y', Number.NaN])('%j is refused', (text) => {
    expect(() => parseDurationSeconds(text, 'maxAge')).toThrow(/maxAge: .* is not a duration/);
  });
});
