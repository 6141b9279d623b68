import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql for every module: the schema (built by Pothos, which Node loads as CommonJS) and the
    // code that inspects it (src/query-limits) must share its classes, as they do under tsx.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
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
