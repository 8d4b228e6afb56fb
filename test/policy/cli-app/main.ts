// A tiny app for test/policy/cdktf-synth-cli.test.ts, run by the real `cdktf synth`, offline on
// the committed cache beside it. CLI_APP_SCENARIO=error: img-8hw3nc5t is shared with an account
// outside the allowlist (an error finding); otherwise only share-age warnings.
import { TerraformStack } from 'cdktf';
import { synthWithLookups } from '../../../src/engine';
import { ImagePolicies } from '../../../src/policy/image-policies';
import { TencentImageShares } from '../../../src/tencent-image-shares';
import { tencentSharesPack } from '../../../src/tencent-image-shares/rules';

const allowed = process.env.CLI_APP_SCENARIO === 'error' ? ['1621874004', '877354327'] : ['1621874004', '877354327', '100000000001'];

void synthWithLookups((app) => {
  const stack = new TerraformStack(app, 'golden');
  new TencentImageShares(stack, 'shares', { region: 'ap-guangzhou', imageIds: ['img-jgggrva9', 'img-8hw3nc5t'] });
  ImagePolicies.of(app)
    .addPack(tencentSharesPack({ allowlistedAccounts: { accounts: allowed }, maxShareAge: { maxAgeDays: 3650 } }))
    .pinClock('2026-06-01T00:00:00Z');
});
