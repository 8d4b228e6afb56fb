// What the policy suites share: one emulator of both clouds (the Tencent test account and one VOD
// cover), lookup constructs pointed at it, apps resolved through the real engine on a cold temp
// cache, and the annotations cdktf recorded on a construct.
import * as path from 'node:path';
import { AnnotationMetadataEntryType, type App } from 'cdktf';
import type { Construct, IConstruct } from 'constructs';
import { AliyunVodImage } from '../../src/aliyun-vod-images';
import { resolveLookups, type ResolveLookupsOptions } from '../../src/engine';
import type { PolicyPack, SubjectRule } from '../../src/policy';
import { TencentImageShares } from '../../src/tencent-image-shares';
import { VOD_TEST_CREDENTIALS } from '../aliyun-vod-images/fixtures';
import { sharedEmulator } from '../support/emulator-fixture';
import { TEST_CREDENTIALS, TEST_DATA } from '../tencent-image-shares/fixtures';

/** A VOD cover created 2025-06-03T01:42:17Z. */
export const COVER = '7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c';

/**
TEST_DATA's Tencent account (ap-guangzhou: img-jgggrva9 shared with 1621874004 and 877354327 since
January 2016, img-6pb6lrmy with 3000000001 since 2024-03-04, img-2xk9q7dm with nobody), and COVER.
*/
export const POLICY_DATA = {
  credentials: { tencent: [TEST_CREDENTIALS], aliyun: [VOD_TEST_CREDENTIALS] },
  tencent: TEST_DATA.tencent,
  aliyun: {
    images: {
      [COVER]: {
        Title: 'Homepage hero', ImageType: 'cover', Status: 'Normal', Tags: 'cover', StorageLocation: 'outin-test.oss-cn-shanghai.aliyuncs.com',
        CreationTime: '2025-06-03T01:42:17Z', Mezzanine: { FileSize: '734003', Width: 1920, Height: 1080, OriginalFileName: 'hero.png' },
      },
    },
  },
};

export type PolicyEmulator = ReturnType<typeof sharedEmulator>;

/** The file's emulator of POLICY_DATA. */
export function policyEmulator(): PolicyEmulator {
  return sharedEmulator(POLICY_DATA);
}

/** Constructs that reach `emulator`, in ap-guangzhou / cn-shanghai. */
export function lookupsOn(emulator: PolicyEmulator) {
  return {
    shares: (scope: Construct, id: string, imageIds: readonly string[]) =>
      new TencentImageShares(scope, id, { region: 'ap-guangzhou', endpoint: emulator.current.origin, ...TEST_CREDENTIALS, imageIds }),
    cover: (scope: Construct, id: string, imageId = COVER) =>
      new AliyunVodImage(scope, id, { region: 'cn-shanghai', endpoint: emulator.current.origin, ...VOD_TEST_CREDENTIALS, imageId }),
  };
}

/** Resolves `build` through the engine on a cold cache in `dir`, on apps made by `createApp`. */
export async function resolved(dir: string, createApp: () => App, build: (app: App) => void, options: ResolveLookupsOptions = {}): Promise<App> {
  const { app } = await resolveLookups(build, { cacheFile: path.join(dir, 'cache.json'), createApp, ...options });
  return app;
}

export type Level = 'error' | 'warning' | 'info';

const LEVELS: Record<string, Level> = {
  [AnnotationMetadataEntryType.ERROR]: 'error',
  [AnnotationMetadataEntryType.WARN]: 'warning',
  [AnnotationMetadataEntryType.INFO]: 'info',
};

/** The annotations on `construct` itself, as `level: message`. */
export function annotationsOf(construct: IConstruct): string[] {
  return construct.node.metadata.filter((entry) => entry.type in LEVELS).map((entry) => `${LEVELS[entry.type]}: ${String(entry.data)}`);
}

/** The annotations on `scope` and everything under it, as `[path] level: message`. */
export function allAnnotations(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap((node) => annotationsOf(node).map((line) => `[${node.node.path}] ${line}`));
}

/** A Tencent rule of `severity` that flags the images in `imageIds`, counting the subjects it checks. */
export function flagRule(id: string, severity: Level, imageIds: readonly string[]): SubjectRule & { readonly checked: string[] } {
  const checked: string[] = [];
  return {
    id,
    apiId: 'tencent-image-shares',
    severity,
    description: `Flags ${imageIds.join(', ')}`,
    fixHint: `Stop using the flagged image`,
    checked,
    check: (subject) => {
      checked.push(`${subject.constructPath} ${subject.imageId}`);
      return imageIds.includes(subject.imageId) ? [{ message: `${subject.imageId} is flagged by ${id}` }] : [];
    },
  };
}

/** A custom pack of one or more rules. */
export function customPack(id: string, ...rules: SubjectRule[]): PolicyPack {
  return { id, rules };
}
