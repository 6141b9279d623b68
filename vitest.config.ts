import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A real PostgreSQL server for the tests of the second backend (TEST_DATABASE_URL or embedded).
    globalSetup: ['test/setup/postgres.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests spawn pipelines and servers; two cores leave no room for more workers.
    maxWorkers: 2,
  },
});
