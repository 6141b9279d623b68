/**
 * `npm run pipeline -- --source S [--source S2] --db A [--as-of YYYY-MM-DD] [--timezone Area/City] [--max-skipped-share S]
 *   [--max-restatement-share S] [--accept-changes]`, or `npm run pipeline -- --db A --publish-held N`.
 * Flags override DATABASE_URL (or DATABASE_PATH), SOURCE_DATABASE_PATH, REPORT_TIMEZONE, MAX_SKIPPED_SHARE and
 * MAX_RESTATEMENT_SHARE. A failed or held run exits non-zero (metrics.md "Runs: what may be published").
 */
import { parseFlags, parseShare, reportTimezoneFromEnv, runCommand, UsageError } from '../src/config.ts';
import { skippedRowsEntries } from './source/skipped-rows.ts';
import { progressLine, publishHeldPipelineRun, runPipeline, yieldCpuToServers, type PipelineSummary } from './run.ts';

function printSummary(summary: PipelineSummary): void {
  const lines = [
    `pipeline run ${summary.runId} succeeded in ${summary.seconds.toFixed(2)} s (as of ${summary.asOf}, ${summary.timezone})`,
    ...Object.entries(summary.stepSeconds).map(([step, seconds]) => `  step ${step.padEnd(12)} ${seconds.toFixed(2)} s`),
    ...Object.entries(summary.rowsPerTable).map(([table, rows]) => `  rows ${table.padEnd(26)} ${rows}`),
    ...skippedRowsEntries(summary.skippedRows).map(({ table, column, reason, rows }) => `  skipped ${table}: ${rows} rows (${column} ${reason})`),
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
    'max-skipped-share': { type: 'string' },
    'max-restatement-share': { type: 'string' },
    'accept-changes': { type: 'boolean' },
    'publish-held': { type: 'string' },
  });
  const sources = flags.source ?? (process.env.SOURCE_DATABASE_PATH ? [process.env.SOURCE_DATABASE_PATH] : []);
  const appDbPath = flags.db ?? (process.env.DATABASE_URL || process.env.DATABASE_PATH);
  if (!appDbPath) throw new UsageError('missing --db <app.sqlite or postgres URL> (or DATABASE_URL / DATABASE_PATH)');
  if (flags['publish-held'] !== undefined) {
    const runId = flags['publish-held'];
    if (!/^[1-9]\d{0,15}$/.test(runId)) throw new UsageError(`invalid --publish-held ${JSON.stringify(runId)}: expected a run id such as 7`);
    await publishHeldPipelineRun(appDbPath, Number(runId));
    process.stdout.write(`held pipeline run ${runId} published\n`);
    return;
  }
  if (sources.length === 0) throw new UsageError('missing --source <source.sqlite> (or SOURCE_DATABASE_PATH)');
  yieldCpuToServers();
  const summary = await runPipeline({
    sources,
    appDbPath,
    asOf: flags['as-of'],
    timezone: flags.timezone ?? reportTimezoneFromEnv(),
    maxSkippedShare: flags['max-skipped-share'] === undefined ? undefined : parseShare('--max-skipped-share', flags['max-skipped-share']),
    maxRestatementShare:
      flags['max-restatement-share'] === undefined ? undefined : parseShare('--max-restatement-share', flags['max-restatement-share']),
    acceptChanges: flags['accept-changes'],
    onProgress: (progress) => process.stdout.write(`  ${progressLine(progress)}`),
  });
  printSummary(summary);
});
