/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  testMatch: ['<rootDir>/{packages,services}/*/test/**/*.test.ts', '<rootDir>/tests/**/*.test.ts'],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  testTimeout: 30_000,
  // Longest files first, also on a fresh clone where jest has no timings of its own (CI).
  testSequencer: '<rootDir>/tests/support/sequencer.mjs',
  maxWorkers: process.env.CI ? 2 : '50%',
  // A worker that grew past this after a test file is replaced, not reused (a long run of suites
  // each starting services grew one until it ran out of heap).
  workerIdleMemoryLimit: '1GB',
};
