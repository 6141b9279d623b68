/**
 * `npm run pipeline -- --source S [--source S2] --db A [--as-of YYYY-MM-DD] [--timezone Area/City]`
 * Flags override DATABASE_URL (or DATABASE_PATH), SOURCE_DATABASE_PATH and REPORT_TIMEZONE.
 */
import { parseFlags, reportTimezoneFromEnv, runCommand, UsageError } from '../src/config.ts';
import { progressLine, runPipeline, yieldCpuToServers, type PipelineSummary } from './run.ts';

function printSummary(summary: PipelineSummary): void {
  const lines = [
    `pipeline run ${summary.runId} succeeded in ${summary.seconds.toFixed(2)} s (as of ${summary.asOf}, ${summary.timezone})`,
    ...Object.entries(summary.stepSeconds).map(([step, seconds]) => `  step ${step.padEnd(12)} ${seconds.toFixed(2)} s`),
    ...Object.entries(summary.rowsPerTable).map(([table, rows]) => `  rows ${table.padEnd(26)} ${rows}`),
    ...Object.entries(summary.skippedRows).flatMap(([table, reasons]) =>
      Object.entries(reasons).map(([reason, rows]) => `  skipped ${table}: ${rows} rows (${reason})`),
    ),
    ...Object.entries(summary.ignoredRepeats).map(([table, rows]) => `  repeats ${table}: ${rows} rows repeated a key with identical values, used once`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await runCommand(async () => {
  const flags = parseFlags(process.argv.slice(2), {
    source: { type: 'string', multiple: true },
    db: { type: 'string' },
    'as-of': { type: 'string' },
    timezone: { type: 'string' },
  });
  const sources = flags.source ?? (process.env.SOURCE_DATABASE_PATH ? [process.env.SOURCE_DATABASE_PATH] : []);
  const appDbPath = flags.db ?? (process.env.DATABASE_URL || process.env.DATABASE_PATH);
  if (sources.length === 0) throw new UsageError('missing --source <source.sqlite> (or SOURCE_DATABASE_PATH)');
  if (!appDbPath) throw new UsageError('missing --db <app.sqlite or postgres URL> (or DATABASE_URL / DATABASE_PATH)');
  yieldCpuToServers();
  const summary = await runPipeline({
    sources,
    appDbPath,
    asOf: flags['as-of'],
    timezone: flags.timezone ?? reportTimezoneFromEnv(),
    onProgress: (progress) => process.stdout.write(`  ${progressLine(progress)}`),
  });
  printSummary(summary);
});
