// `npx ts-node --transpile-only bench/item-digests.ts`: what the per-image digest map in a snapshot's
// triggers costs at 10,000 images. The same literal stacks (bench/literal-snapshot.ts: the JSON
// LookupSnapshot writes, from in-memory data, no engine) are synthesized with and without the map, in
// one run, alternating, and the medians compared: synth time (building the stacks, hashing each image
// included) and the size of cdk.tf.json. Two layouts: 1,000 constructs of 10 images (the bench's
// layout) and one construct of 10,000. Snapshot-only stacks, so the ratios are upper bounds for a real app.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { digestOf, shortDigestOf, type SnapshotResourceType } from '../src/snapshot';
import { literalSnapshot } from './literal-snapshot';

const IMAGES = 10_000;
const REPETITIONS = 5;
const LAYOUTS = [{ constructs: 1000, imagesEach: 10 }, { constructs: 1, imagesEach: 10_000 }];
const TYPES: readonly SnapshotResourceType[] = ['null_resource', 'terraform_data'];

/** A Tencent-like share list per image: 1 to 3 accounts with share times, as the digest input holds it. */
function digestInput(index: number): { imageId: string; found: boolean; shares: string[] } {
  const imageId = `img-${index.toString(36).padStart(8, '0')}`;
  const shares = Array.from({ length: 1 + (index % 3) }, (_, k) => `${100000000000 + ((index * 7 + k * 13) % 50) * 1234567}@2024-01-0${1 + k} 00:00:00`);
  return { imageId, found: true, shares };
}

/** Builds and synthesizes the stack once; returns the time and the size of its cdk.tf.json. */
function synthOnce(layout: (typeof LAYOUTS)[number], type: SnapshotResourceType, withMap: boolean, outdir: string): { ms: number; bytes: number } {
  fs.rmSync(outdir, { recursive: true, force: true });
  const start = process.hrtime.bigint();
  const app = new App({ outdir, stackTraces: false });
  const stack = new TerraformStack(app, 'stack');
  for (let c = 0; c < layout.constructs; c++) {
    const scope = new Construct(stack, `shares-${c}`);
    const inputs = Array.from({ length: layout.imagesEach }, (_, i) => digestInput(c * layout.imagesEach + i));
    const digest = digestOf(inputs);
    const itemDigests = withMap ? Object.fromEntries(inputs.map((input) => [input.imageId, shortDigestOf(input)])) : {};
    literalSnapshot(scope, type, digest, `Digest of the share lists of ${layout.imagesEach} image(s)`, itemDigests);
  }
  app.synth();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, bytes: fs.statSync(path.join(outdir, 'stacks', 'stack', 'cdk.tf.json')).size };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function main(): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'item-digests-bench-'));
  try {
    console.log(`Per-image digest map, ${IMAGES.toLocaleString('en')} images, median of ${REPETITIONS} (load average ${os.loadavg()[0].toFixed(1)} at start)`);
    console.log('layout                 | snapshot       | synth ms without → with (ratio) | cdk.tf.json KB without → with (ratio)');
    for (const layout of LAYOUTS) {
      for (const type of TYPES) {
        synthOnce(layout, type, false, outdir); // warm-up: module loading and JIT
        const runs = { without: [] as number[], with: [] as number[], bytesWithout: 0, bytesWith: 0 };
        for (let r = 0; r < REPETITIONS; r++) {
          const without = synthOnce(layout, type, false, outdir);
          const withMap = synthOnce(layout, type, true, outdir);
          runs.without.push(without.ms);
          runs.with.push(withMap.ms);
          runs.bytesWithout = without.bytes;
          runs.bytesWith = withMap.bytes;
        }
        const [msWithout, msWith] = [median(runs.without), median(runs.with)];
        const label = `${layout.constructs} × ${layout.imagesEach} images`.padEnd(22);
        console.log(`${label} | ${type.padEnd(14)} | ${msWithout.toFixed(0)} → ${msWith.toFixed(0)} (${(msWith / msWithout).toFixed(2)}×)`.padEnd(74) +
          `| ${(runs.bytesWithout / 1024).toFixed(0)} → ${(runs.bytesWith / 1024).toFixed(0)} (${(runs.bytesWith / runs.bytesWithout).toFixed(2)}×)`);
      }
    }
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

main();
