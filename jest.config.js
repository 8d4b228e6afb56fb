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
      // CDK Terrain (cdktn) continues cdktf: the suites that build and synthesize stacks (named
      // *.synth.test.ts, a convention every such suite follows) run again
      // with every `cdktf` import (ours, @cdktf/provider-null's, the example's) resolved to cdktn,
      // as an app that aliases "cdktf" to "npm:cdktn" gets.
      ...base,
      displayName: 'cdktn',
      testMatch: ['<rootDir>/test/**/*.synth.test.ts'],
      moduleNameMapper: { '^cdktf$': 'cdktn', '^cdktf/(.*)$': 'cdktn/$1' },
    },
  ],
};
