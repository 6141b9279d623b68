/**
 * `npm run test:fast`: the edit loop, under a minute on two cores. Every test file except the
 * slow ones below, which `npm test` runs with the rest. A file is left out for what it runs, not
 * for what it covers; each took over 10 s of CPU on its own (measured with `time npx vitest run`).
 */
import { existsSync, statSync } from 'node:fs';
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

const SLOW_TESTS = [
  // A browser over a served page.
  'test/browser',
  // The pipeline over generated demo data.
  'test/api/pipeline-runs.test.ts',
  'test/api/replicas.test.ts',
  'test/pipeline/backends-equal.test.ts',
  'test/pipeline/demo-data.test.ts',
  'test/pipeline/killed-run.test.ts',
  // Dozens of fixture runs on both backends, or CLI commands started as processes.
  'test/pipeline/run.test.ts',
  'test/pipeline/run-parameters.test.ts',
  'test/pipeline/source-keys.test.ts',
  'test/pipeline/source-values.test.ts',
  'test/pipeline/publish-guard.test.ts',
  'test/auth/keys-cli.test.ts',
  'test/importers/sync.test.ts',
  // Real cron ticks, seconds apart, on two replicas per backend.
  'test/operations/schedules.test.ts',
  'test/operations/sync-schedule.test.ts',
  // Load proofs: trees of 1,000 campaigns under the query limits, the heap under large documents.
  'test/api/protection.test.ts',
  'test/api/http-limits.test.ts',
];
// A renamed file would otherwise slip into the fast loop unnoticed.
const missing = SLOW_TESTS.filter((file) => !existsSync(file));
if (missing.length > 0) throw new Error(`vitest.fast.config.ts leaves out test files that do not exist: ${missing.join(', ')}`);
const patterns = SLOW_TESTS.map((path) => (statSync(path).isDirectory() ? `${path}/**` : path));

export default mergeConfig(base, defineConfig({ test: { exclude: [...configDefaults.exclude, ...patterns] } }));
