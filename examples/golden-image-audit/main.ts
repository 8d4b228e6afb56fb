// The app: a golden-image share audit across two Tencent Cloud regions, the Guangzhou images
// looked up again over CVM API 3.0 to check both APIs agree, and an audit of the Alibaba Cloud VOD
// images used as covers. Run by `npx cdktf synth` (see cdktf.json), by
// `npx image-lookups check`, and by `npm run example`, which points it at the bundled emulator.
// With the sample data it yields one warning (an account under review) and one suppressed finding.
// In your own project, import from 'cdktf-image-lookups'.
import { ImagePolicies, synthWithLookups } from '../../src';
import { GoldenImageShareAudit } from './golden-image-share-audit';
import { MediaCoverAudit } from './media-cover-audit';
import { ShareApiComparison } from './share-api-comparison';

const allowedAccounts = {
  '1621874004': 'production',
  '877354327': 'staging',
  '2087654321': 'disaster-recovery',
};
const accountsUnderReview = { '100000000001': 'vendor image scanner, contract ends 2026-12-31' };

void synthWithLookups((app) => {
  // Rules that compare dates (share age) use this clock, so the example's results never change with the calendar.
  ImagePolicies.of(app).pinClock('2026-06-01T00:00:00Z');

  const guangzhou = new GoldenImageShareAudit(app, 'golden-images-guangzhou', {
    region: 'ap-guangzhou',
    imageIds: ['img-jgggrva9', 'img-6pb6lrmy', 'img-8hw3nc5t', 'img-2xk9q7dm'],
    allowedAccounts,
    accountsUnderReview,
  });
  // Attached to the stack, the suppression covers its constructs only.
  ImagePolicies.of(guangzhou).suppress({
    ruleId: 'TencentShares.MaxShareAge',
    imageId: 'img-jgggrva9',
    reason: 'Base image of the 2016 billing fleet, shared with production and staging since then; '
      + 'replaced when the fleet is rebuilt (PLAT-2291)',
    owner: 'platform-images',
  });

  // The same images over DescribeImageSharePermission (API 3.0): its digest must equal the legacy API's.
  new ShareApiComparison(app, 'golden-images-guangzhou-api3', { legacy: guangzhou.shares });

  new GoldenImageShareAudit(app, 'golden-images-shanghai', {
    region: 'ap-shanghai',
    imageIds: ['img-31tjrtph', 'img-4bq7xz2k', 'img-m9s0fe6v', 'img-pz5d1wya'],
    allowedAccounts,
    accountsUnderReview,
    useTerraformData: true,
  });
  new MediaCoverAudit(app, 'media-covers', {
    region: 'cn-shanghai',
    covers: {
      'homepage-hero': '7c1e4a2b9d3f4e6a8b0c2d4e6f8a0b1c',
      'spring-launch': 'a3f9c8e27b6d4c1e9f0a5b3d7e2c4f60',
      'how-to-series': '5d2b8e1f4a7c4b9e8d3f6a0c1e5b7d92',
    },
    requiredTag: 'cover',
    maxSizeBytes: 1_000_000,
    minWidth: 1280,
  });
});
