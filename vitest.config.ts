import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests spawn pipelines and servers; two cores leave no room for more workers.
    maxWorkers: 2,
  },
});
