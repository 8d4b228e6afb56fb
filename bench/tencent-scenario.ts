// Tencent GetImageShareUinInfo: TencentImageShares constructs holding many image IDs each.
import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import type { TencentEmulatorShare } from '../src/emulator';
import { digestOf } from '../src/snapshot';
import { MAX_SHARE_IMAGE_IDS_PER_CALL, TencentImageShares } from '../src/tencent-image-shares';
import { deterministicIds, slices, withNextTenth, type Scenario, type Workload } from './scenario';

const REGION = 'ap-guangzhou';
const STACKS = 2;
const CONSTRUCTS_PER_STACK = 2;
const CREDENTIAL = { secretId: 'AKIDbenchmark000001', secretKey: 'benchmarkSecretKey000001' };

type Shares = ReadonlyMap<string, TencentEmulatorShare[]>;
/** Image IDs per construct, per stack. */
type Plan = readonly (readonly string[])[][];

/** `count` distinct, valid IDs (img- and 8 lowercase letters or digits). */
function generateImageIds(count: number): string[] {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return deterministicIds(count, 'bench-image', (digest) =>
    `img-${[...digest.subarray(0, 8)].map((byte) => alphabet[byte % alphabet.length]).join('')}`);
}

/** Each image shared with 1 to 3 accounts out of a pool of 50, with deterministic share times. */
function generateShares(imageIds: readonly string[]): Shares {
  const two = (n: number) => String(n).padStart(2, '0');
  return new Map(imageIds.map((imageId, i) => [imageId, Array.from({ length: 1 + (i % 3) }, (_, k) => ({
    uin: String(100000000000 + ((i * 7 + k * 13) % 50) * 1234567),
    shareTimeStamp: `2024-${two(1 + (i % 12))}-${two(1 + (i % 28))} ${two(k * 5)}:${two(i % 60)}:${two((i * 7) % 60)}`,
  }))]));
}

/** The IDs over STACKS × CONSTRUCTS_PER_STACK constructs, each also repeating a tenth of the next one's. */
function planConstructs(imageIds: readonly string[]): Plan {
  const perConstruct = withNextTenth(slices(imageIds, STACKS * CONSTRUCTS_PER_STACK));
  return Array.from({ length: STACKS }, (_, s) => perConstruct.slice(s * CONSTRUCTS_PER_STACK, (s + 1) * CONSTRUCTS_PER_STACK));
}

function buildWithLookups(app: App, plan: Plan, endpoint: string): void {
  plan.forEach((constructs, s) => {
    const stack = new TerraformStack(app, `bench-${s}`);
    constructs.forEach((imageIds, c) => new TencentImageShares(stack, `shares-${c}`, { region: REGION, endpoint, ...CREDENTIAL, imageIds }));
  });
}

/** The peer: the same construct tree and Terraform JSON as TencentImageShares, from in-memory data, no engine. */
function buildLiteral(app: App, plan: Plan, shares: Shares): void {
  plan.forEach((constructs, s) => {
    const stack = new TerraformStack(app, `bench-${s}`);
    constructs.forEach((imageIds, c) => {
      const unique = [...new Set(imageIds)];
      const snapshot = new Construct(new Construct(stack, `shares-${c}`), 'snapshot');
      if (c === 0) new NullProvider(stack, 'image-lookups-null-provider');
      // Mirrors TencentImageShares.digest (the "same JSON" column shows when the two drift apart).
      const digest = digestOf(unique
        .map((imageId) => ({ imageId, found: true, shares: shares.get(imageId)!.map((share) => `${share.uin}@${share.shareTimeStamp}`).sort() }))
        .sort((a, b) => (a.imageId < b.imageId ? -1 : 1)));
      new NullResource(snapshot, 'resource', { triggers: { digest } });
      new TerraformOutput(snapshot, 'digest', { value: digest, description: `Digest of the share lists of ${unique.length} image(s) in ${REGION}` });
    });
  });
}

export function tencentScenario(maxSize: number): Scenario {
  const allIds = generateImageIds(maxSize);
  const shares = generateShares(allIds);
  return {
    api: 'tencent',
    description: `GetImageShareUinInfo, ≤${MAX_SHARE_IMAGE_IDS_PER_CALL} IDs/call: the IDs in ${REGION} over ${STACKS} stacks × ` +
      `${CONSTRUCTS_PER_STACK} TencentImageShares, each construct repeating a tenth of the next one's IDs; ` +
      'lookups = N images + 1 account quota key (it rides along, so no extra call)',
    construct: 'TencentImageShares',
    literalPeer: 'buildLiteral in bench/tencent-scenario.ts',
    batchSize: MAX_SHARE_IMAGE_IDS_PER_CALL,
    expectedLookups: (size) => size + 1,
    actions: ['GetImageShareUinInfo'],
    emulatorData: { credentials: { tencent: [CREDENTIAL] }, tencent: { regions: { [REGION]: Object.fromEntries(shares) } } },
    workload(size): Workload {
      const plan = planConstructs(allIds.slice(0, size));
      return {
        size,
        requested: plan.flat().reduce((sum, ids) => sum + ids.length, 0),
        build: (app, endpoint) => buildWithLookups(app, plan, endpoint),
        buildLiteral: (app) => buildLiteral(app, plan, shares),
      };
    },
  };
}
