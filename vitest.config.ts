import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['domain/**/*.test.ts', 'contracts/**/*.test.ts', 'solver/**/*.test.ts', 'server/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
    pool: 'forks',
    // A worker process runs its test files one after another in one module cache (decision 021):
    // the migrated PGlite template and the app's modules are loaded once per worker, not per file.
    isolate: false,
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
