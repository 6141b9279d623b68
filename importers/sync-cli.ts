/**
 * `npm run sync -- [--db <app.sqlite or postgres URL>] [--into <source.sqlite or postgres URL>]`
 * (api.md "Operations", Sync). Flags override DATABASE_URL (or DATABASE_PATH) and SOURCE_DATABASE_PATH;
 * META_AD_ACCOUNT and MIXPANEL_PROJECT_ID name what to fetch, SYNC_FIRST_DAY where an empty source
 * starts, SYNC_RESTATEMENT_DAYS the days of Meta fetched again (default 28); credentials as for
 * `npm run fetch`. A failed fetch, import or run exits non-zero.
 */
import { parseFlags, reportTimezoneFromEnv, runCommand, UsageError } from '../src/config.ts';
import { progressLine } from '../pipeline/run.ts';
import { runSync, syncSettingsFromEnv, todayIn } from './sync.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

await runCommand(async () => {
  const env = process.env;
  const flags = parseFlags(process.argv.slice(2), { db: { type: 'string' }, into: { type: 'string' } });
  const appDbPath = flags.db ?? (env.DATABASE_URL || env.DATABASE_PATH);
  if (!appDbPath) throw new UsageError('missing --db <app.sqlite or postgres URL> (or DATABASE_URL / DATABASE_PATH)');
  const into = flags.into ?? env.SOURCE_DATABASE_PATH;
  if (!into) throw new UsageError('missing --into <source.sqlite or postgres URL> (or SOURCE_DATABASE_PATH)');
  const settings = syncSettingsFromEnv(env);
  const timezone = reportTimezoneFromEnv(env);
  const { ranges, pipeline } = await runSync({
    ...settings,
    into,
    appDbPath,
    today: todayIn(timezone),
    timezone,
    env,
    log,
    onProgress: (progress) => process.stdout.write(`  ${progressLine(progress)}`),
  });
  process.stdout.write(
    `synced meta ${ranges.meta.since} … ${ranges.meta.until}, mixpanel ${ranges.mixpanel.from} … ${ranges.mixpanel.to}; ` +
      `pipeline run ${pipeline.runId} succeeded (as of ${pipeline.asOf}, ${pipeline.timezone})\n`,
  );
});
