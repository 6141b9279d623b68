/**
 * Ends the test output with the plain line `N passed, M failed` that CI reads, after vitest's
 * own summary and a line saying how many tests ran on each storage backend (a test runs on
 * PostgreSQL when its name carries `[postgres]`, see test/fixtures/backends.ts). A module that
 * failed without a failed test (it failed to load, or a hook such as afterAll threw) counts as one
 * failure, so it can never look green.
 * Tests skipped with a reason (`ctx.skip(reason)`, e.g. no Chromium here) are listed with it.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    const reasons: string[] = [];
    let ran = 0;
    let onPostgres = 0;
    for (const testModule of testModules) {
      const tests = [...testModule.children.allTests()];
      if (testModule.state() === 'failed' && !tests.some((test) => test.result().state === 'failed')) failed += 1;
      for (const test of tests) {
        const state = test.result().state;
        if (state === 'passed' || state === 'failed') {
          ran += 1;
          if (test.fullName.includes('[postgres]')) onPostgres += 1;
        }
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else {
          skipped += 1;
          const result = test.result();
          if (result.state === 'skipped' && result.note) reasons.push(`skipped: ${test.fullName} — ${result.note}`);
        }
      }
    }
    if (reasons.length > 0) process.stdout.write(`\n${reasons.join('\n')}\n`);
    process.stdout.write(`\nbackends: ${onPostgres} tests ran on PostgreSQL, ${ran - onPostgres} on SQLite or without a database\n`);
    process.stdout.write(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
  }
}
