const base = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
  transformIgnorePatterns: ['/node_modules/(?!ky/)'],
  setupFilesAfterEnv: ['<rootDir>/test/support/cdktf-matchers.ts'],
};

module.exports = {
  testTimeout: 60000,
  projects: [
    { ...base, displayName: 'cdktf', testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/compat/'] },
    {
      // CDK Terrain (cdktn) continues cdktf: the suites that build and synthesize stacks run again
      // with every `cdktf` import (ours, @cdktf/provider-null's, the example's) resolved to cdktn,
      // as an app that aliases "cdktf" to "npm:cdktn" gets.
      ...base,
      displayName: 'cdktn',
      testMatch: [
        '<rootDir>/test/engine/resolve-lookups.test.ts',
        '<rootDir>/test/engine/discovery.test.ts',
        '<rootDir>/test/tencent-image-shares/image-shares.test.ts',
        '<rootDir>/test/aliyun-vod-images/vod-image.test.ts',
        '<rootDir>/test/examples/golden-image-audit.test.ts',
        '<rootDir>/test/examples/readme-snippets.test.ts',
        '<rootDir>/test/snapshot/terraform-plan.test.ts',
        '<rootDir>/test/compat/cdktn-alias.test.ts',
      ],
      moduleNameMapper: { '^cdktf$': 'cdktn', '^cdktf/(.*)$': 'cdktn/$1' },
    },
  ],
};
