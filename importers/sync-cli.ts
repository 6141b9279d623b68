/**
 * `npm run sync -- [--db <app.sqlite or postgres URL>] [--into <source.sqlite or postgres URL>]`
 * (api.md "Operations", Sync). Flags override DATABASE_URL (or DATABASE_PATH) and SOURCE_DATABASE_PATH;
 * META_AD_ACCOUNT and MIXPANEL_PROJECT_ID name what to fetch, SYNC_FIRST_DAY where an empty source
 * starts, SYNC_RESTATEMENT_DAYS the days of Meta fetched again (default 28); credentials as for
 * `npm run fetch`. A failed fetch, import or run exits non-zero.
 */
import { parseFlags, reportTimezoneFromEnv, runCommand, UsageError } from '../src/config.ts';
import { progressLine } from '../pipeline/run.ts';
import { metaAccess, mixpanelAccess, requiredEnv } from './fetch/credentials.ts';
import { isCalendarDate } from './mappers/fields.ts';
import { DEFAULT_RESTATEMENT_DAYS, runSync } from './sync.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Today in `timezone`, `YYYY-MM-DD`. */
const todayIn = (timezone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(new Date());

function restatementDays(env: NodeJS.ProcessEnv): number {
  const text = env.SYNC_RESTATEMENT_DAYS?.trim();
  if (!text) return DEFAULT_RESTATEMENT_DAYS;
  if (!/^\d{1,3}$/.test(text)) throw new UsageError(`invalid SYNC_RESTATEMENT_DAYS ${JSON.stringify(text.slice(0, 50))}: expected a number of days such as 28`);
  return Number(text);
}

await runCommand(async () => {
  const env = process.env;
  const flags = parseFlags(process.argv.slice(2), { db: { type: 'string' }, into: { type: 'string' } });
  const appDbPath = flags.db ?? (env.DATABASE_URL || env.DATABASE_PATH);
  if (!appDbPath) throw new UsageError('missing --db <app.sqlite or postgres URL> (or DATABASE_URL / DATABASE_PATH)');
  const into = flags.into ?? env.SOURCE_DATABASE_PATH;
  if (!into) throw new UsageError('missing --into <source.sqlite or postgres URL> (or SOURCE_DATABASE_PATH)');
  const metaAccount = requiredEnv(env, 'META_AD_ACCOUNT', 'the ad account to fetch, act_<digits>');
  if (!/^act_\d+$/.test(metaAccount)) throw new UsageError(`META_AD_ACCOUNT must look like act_<digits>, got "${metaAccount}"`);
  const mixpanelProject = requiredEnv(env, 'MIXPANEL_PROJECT_ID', 'the Mixpanel project to fetch');
  const firstDay = requiredEnv(env, 'SYNC_FIRST_DAY', 'the first day to fetch into an empty source, YYYY-MM-DD');
  if (!isCalendarDate(firstDay)) throw new UsageError(`SYNC_FIRST_DAY must be a date YYYY-MM-DD, got "${firstDay}"`);
  // Missing credentials are a usage error here, before anything is fetched or recorded.
  metaAccess(env, log);
  mixpanelAccess(env, mixpanelProject, log);
  const timezone = reportTimezoneFromEnv(env);
  const { ranges, pipeline } = await runSync({
    into,
    appDbPath,
    metaAccount,
    mixpanelProject,
    today: todayIn(timezone),
    firstDay,
    restatementDays: restatementDays(env),
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
