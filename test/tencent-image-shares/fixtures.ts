// The Tencent Cloud fixture data, in one place: the official GetImageShareUinInfo example (its
// answer and share list) and the test emulator's account built around it.
import { Emulator, type EmulatorOptions } from '../../src/emulator';
import { sharedEmulator } from '../support/emulator-fixture';

/** Credentials the test emulator accepts. Made up: they open nothing but the emulator. */
export const TEST_CREDENTIALS = { secretId: 'AKIDtestExample000001', secretKey: 'testSecretKey000001' };

/** The image of the official example, shared with two accounts. */
export const OFFICIAL_EXAMPLE_IMAGE_ID = 'img-jgggrva9';

/** The official example's share list of img-jgggrva9, as the API sends it. */
export const OFFICIAL_EXAMPLE_SHARES = [
  { uin: '1621874004', shareTimeStamp: '2016-01-13 15:16:53' },
  { uin: '877354327', shareTimeStamp: '2016-01-18 13:14:17' },
];

/** The same share list as the client gives it: an ISO time beside the raw text. */
export const OFFICIAL_EXAMPLE_SHARES_PARSED = [
  { uin: '1621874004', sharedAt: '2016-01-13T15:16:53+08:00', shareTimeStamp: '2016-01-13 15:16:53' },
  { uin: '877354327', sharedAt: '2016-01-18T13:14:17+08:00', shareTimeStamp: '2016-01-18 13:14:17' },
];

/** The official example's first share alone: img-jgggrva9 shared with one account. */
export const OFFICIAL_EXAMPLE_ONE_SHARE = OFFICIAL_EXAMPLE_SHARES.slice(0, 1);

/** The same one share as the client gives it. */
export const OFFICIAL_EXAMPLE_ONE_SHARE_PARSED = OFFICIAL_EXAMPLE_SHARES_PARSED.slice(0, 1);

/** `data` of the official GetImageShareUinInfo example: every number sent as a string. */
export const OFFICIAL_EXAMPLE_DATA = {
  imageNum: '1',
  maxImgShareNum: '50',
  imageList: [{ imageId: OFFICIAL_EXAMPLE_IMAGE_ID, shareUinInfo: OFFICIAL_EXAMPLE_SHARES }],
};

/** The official example's whole answer for img-jgggrva9. */
export const OFFICIAL_EXAMPLE_ANSWER = { code: '0', message: '', data: OFFICIAL_EXAMPLE_DATA };

/** A small account: two regions, a shared image, an unshared one; anything else is unknown. */
export const TEST_DATA = {
  credentials: { tencent: [TEST_CREDENTIALS] },
  tencent: {
    maxImgShareNum: 50,
    regions: {
      'ap-guangzhou': {
        [OFFICIAL_EXAMPLE_IMAGE_ID]: OFFICIAL_EXAMPLE_SHARES,
        'img-6pb6lrmy': [{ uin: '3000000001', shareTimeStamp: '2024-03-04 10:21:08' }],
        'img-2xk9q7dm': [],
      },
      'ap-shanghai': {
        'img-31tjrtph': [{ uin: '1621874004', shareTimeStamp: '2024-06-12 14:30:00' }],
      },
    },
  },
};

export function startTestEmulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return Emulator.start({ data: TEST_DATA, ...options });
}

/** One test emulator of TEST_DATA for the whole file, its counters reset before each test. Read `.current` inside tests. */
export function sharedTestEmulator(): { readonly current: Emulator } {
  return sharedEmulator(TEST_DATA);
}
