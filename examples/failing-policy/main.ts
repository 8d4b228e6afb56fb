// A small app whose policy fails: one release image is shared with an account outside the
// allowlist. `npx cdktf synth` fails with the finding as an error annotation, and
// `npx image-lookups check` exits 1 with it in the table and the reports. See README.md here.
// Its lookups come from the committed cache next to it (image-lookups.context.json).
// In your own project, import from 'cdktf-image-lookups'.
import { TerraformStack } from 'cdktf';
import { ImagePolicies, synthWithLookups, TencentImageShares, tencentSharesPack } from '../../src';

void synthWithLookups((app) => {
  ImagePolicies.of(app)
    .pinClock('2026-06-01T00:00:00Z')
    .addPack(tencentSharesPack({ allowlistedAccounts: { accounts: ['1621874004', '877354327'] } }));

  const stack = new TerraformStack(app, 'release-images');
  new TencentImageShares(stack, 'release', {
    region: 'ap-guangzhou',
    imageIds: ['img-k3v8pq2w', 'img-r7c4m1zs'],
    snapshot: 'none',
  });
});
