// The app `image-lookups diff` and `prune` run in test/cli/{diff,prune}-command.test.ts: Tencent
// share lists and a VOD image, in the mode the CLI sets; CACHE_APP_SCENARIO picks the lookups.
import { TerraformStack } from 'cdktf';
import { AliyunVodImage, synthWithLookups, TencentImageShares } from '../../../src';

// The VOD image every scenario but `tencent-only` and `no-lookups` looks up (VOD_IMAGE in cache-app-cli.ts).
const VOD_IMAGE = '7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c';

const scenario = process.env.CACHE_APP_SCENARIO ?? 'full';

void synthWithLookups((app) => {
  const stack = new TerraformStack(app, 'images');
  if (scenario === 'no-lookups') return;
  // `extra` asks for one image more than `full`, as a code change does before the cache is refreshed.
  const imageIds = ['img-jgggrva9', 'img-6pb6lrmy', ...(scenario === 'extra' ? ['img-8hw3nc5t'] : [])];
  new TencentImageShares(stack, 'golden', { region: 'ap-guangzhou', imageIds });
  if (scenario !== 'tencent-only') new AliyunVodImage(stack, 'cover', { region: 'cn-shanghai', imageId: VOD_IMAGE });
});
