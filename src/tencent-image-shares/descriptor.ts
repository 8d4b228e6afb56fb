import type { ApiDescriptor } from '../api-descriptor';
import { describeTencentChanges } from './describe-changes';
import { tencentEmulatorSection, type TencentEmulatorSection } from './emulator-data';
import { tencentImageSharesRoute } from './emulator-route';
import { tencentSharePermissionRoute } from './api3-emulator-route';
import { tencentImageSharesProvider } from './provider';
import { tencentSharePermissionProvider } from './api3-provider';
import { tencentImageFound, tencentShareQuotaHeadroom } from './rules';

export const tencentImageSharesApi = {
  id: 'tencent-image-shares',
  title: 'Tencent Cloud image share lists (GetImageShareUinInfo, legacy v2; DescribeImageSharePermission, CVM API 3.0)',
  providers: [tencentImageSharesProvider, tencentSharePermissionProvider],
  emulator: { section: tencentEmulatorSection, routes: [tencentImageSharesRoute, tencentSharePermissionRoute] },
  envPrefixes: ['TENCENTCLOUD_'],
  // One per API, as the client reads them: the emulator serves both.
  endpointEnvVars: ['TENCENTCLOUD_IMAGE_ENDPOINT', 'TENCENTCLOUD_CVM_ENDPOINT'],
  emulatorEnv: (origin, credential) => ({
    TENCENTCLOUD_IMAGE_ENDPOINT: origin,
    TENCENTCLOUD_CVM_ENDPOINT: origin,
    TENCENTCLOUD_SECRET_ID: credential.secretId,
    TENCENTCLOUD_SECRET_KEY: credential.secretKey,
    TENCENTCLOUD_SECURITY_TOKEN: credential.token ?? '',
  }),
  // The rules that need no options; the others join through tencentSharesPack(options).
  policyRules: [tencentImageFound, tencentShareQuotaHeadroom()],
  describeChanges: describeTencentChanges,
} as const satisfies ApiDescriptor<TencentEmulatorSection>;
