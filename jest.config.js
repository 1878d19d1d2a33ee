/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // The sample mini program requires the package by name, as DevTools resolves it: from miniprogram_npm
  // (npm run build). Node would resolve the name to the server entry instead.
  moduleNameMapper: {
    '^wx-ocr-printed-text$': '<rootDir>/miniprogram/miniprogram_npm/wx-ocr-printed-text/index.js',
  },
  setupFilesAfterEnv: ['<rootDir>/test/support/network-guard.ts'],
  // The ten slowest test files, printed after the default summary (test/support/slowest-suites.cjs).
  reporters: ['default', '<rootDir>/test/support/slowest-suites.cjs'],
  testTimeout: 60000,
  // Two test files at a time on CI's 2 cores (jest's default there is one): most files wait on child
  // processes (functions, WeChat's tools, npm, the browser), not on the CPU. Measured on main, quiet
  // machine: 260 s against 365 s with one, every test passing.
  maxWorkers: 2,
}
