import * as fs from 'node:fs';
import * as path from 'node:path';
import type { App } from 'cdktf';
import type { Construct } from 'constructs';
import { LookupInputError, resolveLookups } from '../../src/engine';
import { appIn } from './fixtures';

/** What `promise` rejected with, checked to be a `type`; fails the test if it resolved. */
export async function rejection<T extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => T): Promise<T> {
  const outcome = await promise.then((value) => ({ value }), (error: unknown) => ({ error }));
  if (!('error' in outcome)) throw new Error(`expected a ${type.name}, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(type);
  return outcome.error as T;
}

/** What `run` threw, checked to be a `type`; fails the test if it returned. */
export function thrown<T extends Error>(run: () => unknown, type: abstract new (...args: never[]) => T): T {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as T;
  }
  throw new Error(`expected a ${type.name} to be thrown`);
}

/**
A bad construct input, built twice: directly in `app`, and through the engine in `dir`. Both throw
the InvalidLookupInput `expected` names, before any call (`requests` counts what reached the
emulator) and without a cache file.
*/
export async function expectInputRefused(
  define: (scope: Construct) => void,
  expected: { readonly input: string; readonly message: RegExp },
  where: { readonly app: App; readonly dir: string; readonly requests: () => number },
): Promise<void> {
  const direct = thrown(() => define(where.app), LookupInputError);
  expect(direct).toMatchObject({ code: 'InvalidLookupInput', input: expected.input });
  expect(direct.message).toMatch(expected.message);

  const cacheFile = path.join(where.dir, 'cache.json');
  const viaEngine = await rejection(resolveLookups(define, { cacheFile, createApp: appIn(where.dir) }), LookupInputError);
  expect(viaEngine).toMatchObject({ code: 'InvalidLookupInput', input: expected.input });
  expect(where.requests()).toBe(0);
  expect(fs.existsSync(cacheFile)).toBe(false);
}
