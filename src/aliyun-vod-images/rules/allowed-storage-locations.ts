import type { SubjectRule } from '../../policy';
import type { VodImageInfo } from '../response';
import { foundImageRule, imageText, listText, optionsObject, stringListOption } from './rule-support';

const ID = 'AliyunVod.AllowedStorageLocations';

/** A host name, or `*.` and one: labels of letters, digits, `-` and `_` (bucket names use neither dots nor upper case). */
const HOST_PATTERN = /^(\*\.)?[a-z0-9_-]+(\.[a-z0-9_-]+)*$/;

/** Options of AliyunVod.AllowedStorageLocations. */
export interface VodAllowedStorageLocationsOptions {
  /**
  The storage locations allowed: host names as VOD's StorageLocation gives them, e.g.
  `outin-….oss-cn-shanghai.aliyuncs.com`, compared without regard to case. `*.oss-cn-shanghai.aliyuncs.com`
  allows every host under that domain (every bucket of the region). At least one.
  */
  readonly locations: readonly string[];
}

/** A host name as compared: trimmed, lower case, without a trailing dot. */
function normalHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/** Whether `host` is `pattern`, or under it when the pattern starts with `*.`. */
function hostMatches(host: string, pattern: string): boolean {
  return pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern;
}

/**
AliyunVod.AllowedStorageLocations: the image is stored in one of `locations`. An image without a
StorageLocation is a finding (where it is stored is unknown). Severity `error` by default. Throws a
LookupInputError for invalid options.
*/
export function vodAllowedStorageLocations(options: VodAllowedStorageLocationsOptions): SubjectRule<VodImageInfo> {
  const checked = optionsObject(ID, options, ['locations'], { example: "{ locations: ['*.oss-cn-shanghai.aliyuncs.com'] }" });
  const allowed = stringListOption(ID, 'locations', checked.locations, 'storage locations (host names)', "['*.oss-cn-shanghai.aliyuncs.com']",
    (location) => (HOST_PATTERN.test(normalHost(location)) ? undefined
      : `${JSON.stringify(location.slice(0, 80))} is not a host name (give the host alone, without a scheme, path or port)`))
    .map(normalHost);
  return foundImageRule({
    id: ID,
    severity: 'error',
    description: `VOD images are stored in ${listText(allowed)}`,
    docs: 'Where an image is stored (its OSS bucket and so its region) matters for data residency and for who can reach it. '
      + 'An image whose `StorageLocation` is not allowed, or which has none, is a finding.',
    fixHint: 'Refer to an image stored in an allowed location (upload it to an allowed storage), or allow its location in the rule\'s options.',
  }, (subject) => {
    const location = subject.facts.storageLocation;
    const host = location === undefined ? undefined : normalHost(location);
    if (host !== undefined && allowed.some((pattern) => hostMatches(host, pattern))) return undefined;
    return {
      message: location === undefined
        ? `${imageText(subject)} has no storage location in VOD's answer, so it cannot be shown to be stored in an allowed one`
        : `${imageText(subject)} is stored in ${location}, which is not an allowed storage location`,
      evidence: { storageLocation: location ?? null, allowed: [...allowed] },
    };
  });
}
