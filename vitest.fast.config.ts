/**
 * `npm run test:fast`: the edit loop. Every test file except those that run the pipeline over
 * generated demo data (whole runs of hundreds of thousands of rows, or a browser over one); those
 * run with the rest in `npm test`.
 */
import { existsSync } from 'node:fs';
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

const WHOLE_DEMO_RUN_TESTS = [
  'test/api/pipeline-runs.test.ts',
  'test/api/replicas.test.ts',
  'test/browser/pages.test.ts',
  'test/pipeline/backends-equal.test.ts',
  'test/pipeline/demo-data.test.ts',
  'test/pipeline/killed-run.test.ts',
];
// A renamed file would otherwise slip into the fast loop unnoticed.
const missing = WHOLE_DEMO_RUN_TESTS.filter((file) => !existsSync(file));
if (missing.length > 0) throw new Error(`vitest.fast.config.ts leaves out test files that do not exist: ${missing.join(', ')}`);

export default mergeConfig(base, defineConfig({ test: { exclude: [...configDefaults.exclude, ...WHOLE_DEMO_RUN_TESTS] } }));
