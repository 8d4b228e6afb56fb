// The app `image-lookups check` runs in test/cli/check-command.test.ts: two stacks over the
// committed cache (offline), whose policies the scenario in CHECK_APP_SCENARIO picks.
import { TerraformStack } from 'cdktf';
import { ImagePolicies, synthWithLookups, TencentImageShares, tencentSharesPack, type SubjectRule } from '../../../src';

const scenario = process.env.CHECK_APP_SCENARIO ?? 'clean';
console.error(`check-app: cdktf is ${(require('cdktf/package.json') as { name: string }).name}`);
const throwingRule: SubjectRule = {
  id: 'Custom.Throws', apiId: 'tencent-image-shares', severity: 'warning', description: 'Throws on purpose',
  fixHint: 'Fix the rule.', check: () => { throw new Error('rule bug'); },
};

void synthWithLookups((app) => {
  if (scenario === 'no-lookups') {
    new TerraformStack(app, 'empty');
    return;
  }
  const guangzhou = new TerraformStack(app, 'guangzhou');
  new TencentImageShares(guangzhou, 'golden', {
    region: 'ap-guangzhou',
    imageIds: scenario === 'missing' ? ['img-notcached'] : ['img-jgggrva9', 'img-6pb6lrmy', 'img-8hw3nc5t'],
  });
  const shanghai = new TerraformStack(app, 'shanghai');
  new TencentImageShares(shanghai, 'golden', { region: 'ap-shanghai', imageIds: ['img-31tjrtph', 'img-m9s0fe6v'] });

  const policies = ImagePolicies.of(app).pinClock('2026-06-01T00:00:00Z');
  const everyone = ['1621874004', '877354327', '2087654321', '100000000001'];
  // failing: 100000000001 (guangzhou) and 2087654321 (both stacks) are not allowlisted: three errors over two stacks.
  policies.addPack(tencentSharesPack({
    allowlistedAccounts: { accounts: scenario === 'failing' ? ['1621874004', '877354327'] : everyone },
    maxSharesPerImage: scenario === 'warning' ? { max: 1 } : undefined,
  }));
  if (scenario === 'warning') ImagePolicies.of(guangzhou).suppress({ imageId: 'img-6pb6lrmy', ruleId: 'TencentShares.MaxSharesPerImage', reason: 'Two accounts by design: production and DR' });
  if (scenario === 'throws') policies.addPack({ id: 'custom', rules: [throwingRule] });
}, { mode: 'offline' });
