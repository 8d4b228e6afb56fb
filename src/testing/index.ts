// Internal barrel of the testing helpers. The jest matchers (jest.ts) are not in it: the package
// root must load without jest; they are the subpath `cdktf-image-lookups/jest`.
export * from './lookup-fixture';
export * from './lookup-testing';
export * from './policy-findings';
export * from './policy-matchers';
export { tencentSharesFixture } from '../tencent-image-shares/test-fixture';
export type { TencentShareFixture, TencentSharesFixtureOptions } from '../tencent-image-shares/test-fixture';
export { vodImageFixture } from '../aliyun-vod-images/test-fixture';
export type { VodImageFixtureOptions } from '../aliyun-vod-images/test-fixture';
