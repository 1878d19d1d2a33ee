/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  setupFilesAfterEnv: ['<rootDir>/test/support/network-guard.ts'],
  // The ten slowest test files, printed after the default summary (test/support/slowest-suites.cjs).
  reporters: ['default', '<rootDir>/test/support/slowest-suites.cjs'],
  testTimeout: 60000,
}
