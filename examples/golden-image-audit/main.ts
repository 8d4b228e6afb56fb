// The app: a golden-image share audit across two regions. Run by `npx cdktf synth` (see cdktf.json)
// and by `npm run example`, which points it at the bundled emulator.
import { synthWithLookups } from '../../src';
import { GoldenImageShareAudit } from './golden-image-share-audit';

const allowedAccounts = {
  '1621874004': 'production',
  '877354327': 'staging',
  '2087654321': 'disaster-recovery',
};
const accountsUnderReview = { '100000000001': 'vendor image scanner (contract ends 2026-12-31)' };

void synthWithLookups((app) => {
  new GoldenImageShareAudit(app, 'golden-images-guangzhou', {
    region: 'ap-guangzhou',
    imageIds: ['img-jgggrva9', 'img-6pb6lrmy', 'img-8hw3nc5t', 'img-2xk9q7dm'],
    allowedAccounts,
    accountsUnderReview,
  });
  new GoldenImageShareAudit(app, 'golden-images-shanghai', {
    region: 'ap-shanghai',
    imageIds: ['img-31tjrtph', 'img-4bq7xz2k', 'img-m9s0fe6v', 'img-pz5d1wya'],
    allowedAccounts,
    accountsUnderReview,
    useTerraformData: true,
  });
});
