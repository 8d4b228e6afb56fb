import { LookupInputError } from '../engine/errors';
import type { SnapshotResourceType } from './lookup-snapshot';

/** Every value `SnapshotResourceType` allows, in the order the docs list them. */
export const SNAPSHOT_RESOURCE_TYPES: readonly SnapshotResourceType[] = ['null_resource', 'terraform_data', 'none'];

/**
Throws an InvalidLookupInput naming `input` unless `value` is a snapshot resource type (or absent).
Constructs call it before requesting any lookup: the snapshot itself is only made once the lookups
have values, which would be after the network calls.
*/
export function checkSnapshotResourceType(value: unknown, input: string): asserts value is SnapshotResourceType | undefined {
  if (value !== undefined && !SNAPSHOT_RESOURCE_TYPES.includes(value as SnapshotResourceType)) {
    throw new LookupInputError(input, `${shown(value)} is not ${SNAPSHOT_RESOURCE_TYPES.join(', ').replace(/, (?=[^,]*$)/, ' or ')}`);
  }
}

/**
Throws an InvalidLookupInput naming `input` unless `value` is a boolean (or absent). A flag such as
`'false'` would otherwise count as true, and `sensitiveOutputs: 'false'` would reach Terraform.
*/
export function checkBooleanProp(value: unknown, input: string): asserts value is boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new LookupInputError(input, `${shown(value)} is not true or false`);
  }
}

/** The props of every lookup construct's snapshot, checked with the construct's node path before any lookup is requested. */
export function checkSnapshotProps(props: { readonly snapshot?: unknown; readonly sensitiveOutputs?: unknown }, path: string): void {
  checkSnapshotResourceType(props.snapshot, `${path}: snapshot`);
  checkBooleanProp(props.sensitiveOutputs, `${path}: sensitiveOutputs`);
}

/** A value for a message: strings quoted, anything else as text (never throws, unlike JSON.stringify on a bigint). */
function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
