import type { Config } from 'jest';

/**
 * One `npm test` over every workspace. Unit tests live beside the code (*.test.ts[x]);
 * integration tests that start the real server are under test/; browser tests under test/e2e.
 */
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.base.json' }] as [string, Record<string, unknown>];
const shared = { moduleNameMapper: { '^@app/shared$': '<rootDir>/shared/src/index.ts' } };

const config: Config = {
  testTimeout: 30_000,
  // Spawned servers and sockets are closed by each suite; this only guards CI against a stray handle.
  forceExit: true,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      roots: ['<rootDir>/shared/src', '<rootDir>/backend/src', '<rootDir>/scripts'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      ...shared,
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      ...shared,
    },
    {
      displayName: 'frontend',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/frontend/src'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      transform: {
        '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/frontend/tsconfig.json', diagnostics: false }],
      },
      setupFilesAfterEnv: ['<rootDir>/frontend/src/test-setup.ts'],
      moduleNameMapper: { ...shared.moduleNameMapper, '\\.(css)$': '<rootDir>/frontend/src/test-style-stub.ts' },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      // Builds frontend/dist when it is missing or older than its sources.
      globalSetup: '<rootDir>/test/e2e/support/global-setup.ts',
      ...shared,
    },
  ],
};

export default config;
