import { vodAllowedStorageLocations } from '../../../src/aliyun-vod-images/rules';
import { LookupInputError } from '../../../src/engine';
import { thrown } from '../../support/expect-errors';
import { findingsOf, messagesOf } from '../../support/policy-rule-check';
import { missingVodSubject, vodSubject, VOD_RULES_NOW as NOW } from '../fixtures';
import { SEED_STORAGE } from '../fixtures';

describe('AliyunVod.AllowedStorageLocations', () => {
  const exact = vodAllowedStorageLocations({ locations: [SEED_STORAGE.toUpperCase()] });
  const region = vodAllowedStorageLocations({ locations: ['*.oss-cn-shanghai.aliyuncs.com.'] });

  test('an image in an allowed location passes (case ignored), and a missing one is left to ImageFound', () => {
    expect(messagesOf(exact, [vodSubject(), missingVodSubject()], NOW)).toEqual([]);
  });

  test('*. allows every host under the domain, not the domain itself', () => {
    expect(messagesOf(region, [vodSubject(), vodSubject({ storageLocation: 'oss-cn-shanghai.aliyuncs.com' })], NOW)).toHaveLength(1);
  });

  test('an image stored elsewhere is an error finding', () => {
    expect(findingsOf(region, [vodSubject({ storageLocation: 'outin-1.oss-cn-beijing.aliyuncs.com' })], NOW)).toMatchObject([{ severity: 'error',
      message: 'Image bbc65bba53f90a1b2c3d4ed90de118a7 (stack/cover) is stored in outin-1.oss-cn-beijing.aliyuncs.com, which is not an allowed storage location',
      evidence: { storageLocation: 'outin-1.oss-cn-beijing.aliyuncs.com', allowed: ['*.oss-cn-shanghai.aliyuncs.com'] } }]);
  });

  test('an image without a storage location cannot be shown to be in an allowed one', () => {
    expect(findingsOf(exact, [vodSubject({ storageLocation: undefined })], NOW)).toMatchObject([{ evidence: { storageLocation: null },
      message: "Image bbc65bba53f90a1b2c3d4ed90de118a7 (stack/cover) has no storage location in VOD's answer, so it cannot be shown to be stored in an allowed one" }]);
  });

  test.each([
    [{ locations: [] }, 'locations', /non-empty list of storage locations/],
    [{ locations: ['https://outin-1.oss-cn-shanghai.aliyuncs.com/'] }, 'locations[0]', /is not a host name \(give the host alone, without a scheme, path or port\)/],
    [{ locations: ['a.example.com', 'host:8080'] }, 'locations[1]', /is not a host name/],
    [{ location: ['a.example.com'] }, 'location', /its options are locations/],
  ])('refuses %j up front, naming the option', (options, option, message) => {
    expect(thrown(() => vodAllowedStorageLocations(options as never), LookupInputError)).toMatchObject({ input: `AliyunVod.AllowedStorageLocations option ${option}`, message: expect.stringMatching(message) });
  });
});
