module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.[tj]sx?$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
  transformIgnorePatterns: ['/node_modules/(?!ky/)'],
  setupFilesAfterEnv: ['<rootDir>/test/support/cdktf-matchers.ts'],
  testTimeout: 60000,
};
