import type { IConstruct } from 'constructs';
import { ImagePolicies, tencentSharesPack, vodImagesPack } from '../../src';
import { coversInCoverCategory } from './custom-rule';

/** The org's image policies: on every stack of the app, and stricter on production. */
export function attachPolicies(app: IConstruct, production: IConstruct): void {
  ImagePolicies.of(app)
    .addPack(tencentSharesPack({
      allowlistedAccounts: { accounts: ['1621874004', '877354327', '2087654321'] },
      forbiddenAccounts: { accounts: ['100000000001'] },
      maxShareAge: { maxAgeDays: 365 },
    }))
    .addPack(vodImagesPack({ requiredTags: { tags: ['cover'] }, sizeBounds: { maxBytes: 1_000_000 } }))
    .addPack({ id: 'acme-images', rules: [coversInCoverCategory] })
    .suppress({
      ruleId: 'TencentShares.MaxShareAge',
      imageId: 'img-jgggrva9',
      reason: 'Legacy base image, replaced when the billing fleet is rebuilt (PLAT-2291)',
      owner: 'platform-images',
      expiresAt: '2027-03-31',
    });

  // In production, warnings fail the synth too.
  ImagePolicies.of(production).failOn('warning');
}
