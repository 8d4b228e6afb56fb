// LookupSnapshot's triggers: the digest, and one short digest per item, sorted, so a plan can name
// the items that changed. (test/snapshot/terraform-plan.synth.test.ts shows it in a real plan.)
import { TerraformStack, Testing } from 'cdktf';
import { LookupError } from '../../src/engine';
import { digestOf, LookupSnapshot, shortDigestOf, snapshotTriggers, type SnapshotResourceType } from '../../src/snapshot';
import { testingApps } from '../support/fixtures';

const testingApp = testingApps();

/** The snapshot resource's JSON for `type`, from a stack holding one LookupSnapshot. */
function synthesizedResources(type: SnapshotResourceType, itemDigests?: Record<string, string>): Record<string, Record<string, unknown>> {
  const stack = new TerraformStack(testingApp(), 'stack');
  new LookupSnapshot(stack, 'snapshot', { resourceType: type, description: 'test', digest: 'sha256:abc', itemDigests });
  return JSON.parse(Testing.synth(stack)).resource ?? {};
}

test('a short digest is the first 8 hex digits of the full one', () => {
  const value = { imageId: 'img-jgggrva9', shares: ['100000000001@2024-01-01 00:00:00'] };
  expect(shortDigestOf(value)).toMatch(/^[0-9a-f]{8}$/);
  expect(digestOf(value).startsWith(`sha256:${shortDigestOf(value)}`)).toBe(true);
  expect(shortDigestOf({ ...value, shares: [] })).not.toBe(shortDigestOf(value));
});

test.each([
  ['null_resource', 'null_resource', 'triggers'],
  ['terraform_data', 'terraform_data', 'triggers_replace'],
] as const)('%s triggers hold the digest, then each item\'s short digest under its ID, sorted', (type, resourceType, attribute) => {
  const resources = synthesizedResources(type, { 'img-zzzzzzz1': '33333333', 'img-aaaaaaa1': '11111111', 'img-mmmmmmm1': '22222222' });
  const [triggers] = Object.values(resources[resourceType]).map((resource) => (resource as Record<string, unknown>)[attribute]);
  expect(triggers).toEqual({ digest: 'sha256:abc', 'img-aaaaaaa1': '11111111', 'img-mmmmmmm1': '22222222', 'img-zzzzzzz1': '33333333' });
  // Sorted in the JSON itself, so equal data gives byte-equal cdk.tf.json whatever order the items came in.
  expect(Object.keys(triggers as object)).toEqual(['digest', 'img-aaaaaaa1', 'img-mmmmmmm1', 'img-zzzzzzz1']);
});

test('without item digests the triggers hold the digest alone, and `none` writes no resource', () => {
  expect(Object.values(synthesizedResources('terraform_data').terraform_data)).toEqual([{ triggers_replace: { digest: 'sha256:abc' } }]);
  expect(synthesizedResources('none', { 'img-aaaaaaa1': '11111111' })).toEqual({});
});

test('an item called "digest" is an InvalidLookupInput naming the snapshot', () => {
  let thrown: unknown;
  try {
    snapshotTriggers('sha256:abc', { digest: '11111111' }, 'stack/lookup/snapshot');
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(LookupError);
  expect(thrown).toMatchObject({ code: 'InvalidLookupInput', message: expect.stringMatching(/^stack\/lookup\/snapshot: itemDigests: an item is called "digest"/) });
});
