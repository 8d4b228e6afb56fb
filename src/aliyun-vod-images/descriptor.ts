import type { ApiDescriptor } from '../api-descriptor';
import { describeVodChanges } from './describe-changes';
import { aliyunEmulatorSection, type AliyunEmulatorSection } from './emulator-data';
import { aliyunVodImagesRoute } from './emulator-route';
import { aliyunVodImagesProvider } from './provider';
import { vodImageRules } from './rules';

export const aliyunVodImagesApi = {
  id: 'aliyun-vod-images',
  title: 'Alibaba Cloud ApsaraVideo VOD image info (GetImageInfo, GetImageInfos)',
  providers: [aliyunVodImagesProvider],
  emulator: { section: aliyunEmulatorSection, routes: [aliyunVodImagesRoute] },
  // ALICLOUD_ as the Terraform provider names its variables, ALIBABA_CLOUD_ as the SDKs do.
  envPrefixes: ['ALICLOUD_', 'ALIBABA_CLOUD_'],
  endpointEnvVars: ['ALICLOUD_VOD_ENDPOINT'],
  emulatorEnv: (origin, credential) => ({
    ALICLOUD_VOD_ENDPOINT: origin,
    ALICLOUD_ACCESS_KEY: credential.accessKeyId,
    ALICLOUD_SECRET_KEY: credential.accessKeySecret,
    ALICLOUD_SECURITY_TOKEN: credential.securityToken ?? '',
  }),
  // The rules that need no options; the others join through vodImagesPack(options).
  policyRules: vodImageRules,
  describeChanges: describeVodChanges,
} as const satisfies ApiDescriptor<AliyunEmulatorSection>;
