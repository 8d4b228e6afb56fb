import type { ApiDescriptor } from '../api-descriptor';
import { describeTencentChanges } from './describe-changes';
import { tencentEmulatorSection, type TencentEmulatorSection } from './emulator-data';
import { tencentImageSharesRoute } from './emulator-route';
import { tencentImageSharesProvider } from './provider';
import { tencentImageFound, tencentShareQuotaHeadroom } from './rules';

export const tencentImageSharesApi = {
  id: 'tencent-image-shares',
  title: 'Tencent Cloud image share lists (GetImageShareUinInfo, legacy v2)',
  providers: [tencentImageSharesProvider],
  emulator: { section: tencentEmulatorSection, routes: [tencentImageSharesRoute] },
  envPrefixes: ['TENCENTCLOUD_'],
  endpointEnvVar: 'TENCENTCLOUD_IMAGE_ENDPOINT',
  emulatorEnv: (origin, credential) => ({
    TENCENTCLOUD_IMAGE_ENDPOINT: origin,
    TENCENTCLOUD_SECRET_ID: credential.secretId,
    TENCENTCLOUD_SECRET_KEY: credential.secretKey,
    TENCENTCLOUD_SECURITY_TOKEN: credential.token ?? '',
  }),
  // The rules that need no options; the others join through tencentSharesPack(options).
  policyRules: [tencentImageFound, tencentShareQuotaHeadroom()],
  describeChanges: describeTencentChanges,
} as const satisfies ApiDescriptor<TencentEmulatorSection>;
