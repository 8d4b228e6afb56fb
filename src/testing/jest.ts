// The jest matchers, as the subpath `cdktf-image-lookups/jest`: add it to jest's setupFilesAfterEnv
// (like cdktf's adapter). Kept out of the package root, which must load without jest.
import { imagePolicyMatchers, type PolicyViolationOptions } from './policy-matchers';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /**
      Passes when an unsuppressed finding of `ruleId` is on a lookup construct at or under the
      received construct (the app, a stack or a lookup construct) and matches `options`.
      */
      toHavePolicyViolation(ruleId: string, options?: PolicyViolationOptions): R;
      /**
      Passes when no unsuppressed warning or error finding is on a lookup construct at or under the
      received construct; info findings do not count.
      */
      toBeCompliant(): R;
    }
  }
}

/** jest's global `expect`, as far as registering matchers needs it. */
const jestExpect = (globalThis as { expect?: { extend(matchers: Record<string, unknown>): void } }).expect;
if (typeof jestExpect?.extend !== 'function') {
  throw new Error('cdktf-image-lookups/jest registers jest matchers and needs jest\'s global expect: load it from a setupFilesAfterEnv file. '
    + 'For another test runner, use imagePolicyMatchers or policyFindingsOf() from cdktf-image-lookups.');
}
jestExpect.extend(imagePolicyMatchers);

export type { PolicyViolationOptions };
