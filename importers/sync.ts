/**
 * One unattended refresh (api.md "Operations", Sync): fetches what is new from Meta and Mixpanel,
 * imports it into the source database, then runs the pipeline with trigger `sync`.
 * - Meta Insights from the last imported day minus a restatement window (Meta revises recent days).
 * - Mixpanel events from the newest imported event's day minus one day of overlap, and the profiles
 *   seen since then. Importing is idempotent, so what overlaps is written unchanged.
 * Each source is fetched whole into a scratch folder, then imported in one transaction: a failed
 * fetch or import writes nothing of that source. Any failure starts no pipeline run and is recorded
 * as a failed run with trigger `sync` and the reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allEventNames, eventNamesFromEnv, UsageError } from '../src/config.ts';
import { openAppDatabase } from '../src/db/app-database.ts';
import { failRunIfUnfinished, recordFailedRun } from '../pipeline/run-log.ts';
import { runPipeline, runRecordedPipeline, type PipelineOptions, type PipelineSummary } from '../pipeline/run.ts';
import { importFiles } from './command.ts';
import { metaAccess, mixpanelAccess, mixpanelApiUrl, mixpanelExportUrl, profilesWhere, requiredEnv } from './fetch/credentials.ts';
import { isCalendarDate } from './mappers/fields.ts';
import { fetchMetaInsights, META_BREAKDOWNS } from './fetch/meta-insights.ts';
import { fetchMixpanelEvents, fetchMixpanelProfiles } from './fetch/mixpanel.ts';
import type { ImportKind } from './mappers/mapper.ts';
import { parseImportArgs } from './options.ts';
import { openSink } from './sink/open.ts';
import type { SourceSink } from './sink/sink.ts';
import { listInputFiles } from './source/files.ts';

export const DEFAULT_RESTATEMENT_DAYS = 28;
/** Mixpanel's export days are the project's days: one day of overlap covers any time zone. */
const EVENT_OVERLAP_DAYS = 1;

/** What to fetch, from the environment (README "Operating it"); credentials are checked too. */
export interface SyncSettings {
  /** The Meta ad account, `act_<digits>` (META_AD_ACCOUNT). */
  metaAccount: string;
  /** MIXPANEL_PROJECT_ID. */
  mixpanelProject: string;
  /** Where an empty source starts: the first day fetched (SYNC_FIRST_DAY). */
  firstDay: string;
  /** SYNC_RESTATEMENT_DAYS, default 28. */
  restatementDays: number;
}

export function syncSettingsFromEnv(env: NodeJS.ProcessEnv): SyncSettings {
  const metaAccount = requiredEnv(env, 'META_AD_ACCOUNT', 'the ad account to fetch, act_<digits>');
  if (!/^act_\d+$/.test(metaAccount)) throw new UsageError(`META_AD_ACCOUNT must look like act_<digits>, got "${metaAccount}"`);
  const mixpanelProject = requiredEnv(env, 'MIXPANEL_PROJECT_ID', 'the Mixpanel project to fetch');
  const firstDay = requiredEnv(env, 'SYNC_FIRST_DAY', 'the first day to fetch into an empty source, YYYY-MM-DD');
  if (!isCalendarDate(firstDay)) throw new UsageError(`SYNC_FIRST_DAY must be a date YYYY-MM-DD, got "${firstDay}"`);
  const days = env.SYNC_RESTATEMENT_DAYS?.trim();
  if (days && !/^\d{1,3}$/.test(days)) throw new UsageError(`invalid SYNC_RESTATEMENT_DAYS ${JSON.stringify(days.slice(0, 50))}: expected a number of days such as 28`);
  // Missing credentials are a usage error here, before anything is fetched or recorded.
  metaAccess(env, () => {});
  mixpanelAccess(env, mixpanelProject, () => {});
  return { metaAccount, mixpanelProject, firstDay, restatementDays: days ? Number(days) : DEFAULT_RESTATEMENT_DAYS };
}

/** Today in `timezone`, `YYYY-MM-DD`. */
export const todayIn = (timezone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(new Date());

export interface SyncOptions extends Partial<Pick<SyncSettings, 'restatementDays'>>, Omit<SyncSettings, 'restatementDays'> {
  /** The source database (`--into`): an SQLite file or a PostgreSQL URL. */
  into: string;
  /** The app database the pipeline writes (`--db`). */
  appDbPath: string;
  /** The last day to fetch, `YYYY-MM-DD` (today in the reporting time zone). */
  today: string;
  /** The reporting time zone the pipeline runs in. */
  timezone: string;
  /** Credentials and endpoints, as for `npm run fetch`. */
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  onProgress?: PipelineOptions['onProgress'];
  /** What the pipeline run differs in (a server's run: all its sources, its event names); default: reads `into`. */
  pipeline?: Partial<Pick<PipelineOptions, 'sources' | 'eventNames' | 'asOf' | 'acceptChanges'>>;
  /** The run already recorded for this sync (a scheduled one, started by the server); default: recorded here. */
  runId?: number;
}

/** The days each source was asked for. */
export interface SyncRanges {
  meta: { since: string; until: string };
  mixpanel: { from: string; to: string };
}

export interface SyncResult {
  ranges: SyncRanges;
  pipeline: PipelineSummary;
}

/** A sync that fetched or imported nothing of some source: recorded as failed run `runId`. */
export class SyncFailedError extends Error {
  constructor(
    readonly runId: number,
    readonly failures: string[],
  ) {
    super(`sync failed (run ${runId}, no pipeline run started): ${failures.join('; ')}`);
  }
}

const DAY_MS = 86_400_000;
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The days to fetch, from what the source already holds (api.md "Operations", Sync). */
export function syncRanges(
  newest: { metaDay: string | null; eventTime: string | null },
  settings: { today: string; firstDay: string; restatementDays: number },
): SyncRanges {
  const since = newest.metaDay === null ? settings.firstDay : addDays(newest.metaDay, -settings.restatementDays);
  const from = newest.eventTime === null ? settings.firstDay : addDays(newest.eventTime.slice(0, 10), -EVENT_OVERLAP_DAYS);
  return { meta: { since, until: settings.today }, mixpanel: { from, to: settings.today } };
}

/**
 * One transaction around every file of a source: importFile's per-file transaction calls become
 * part of it, so a file that fails leaves the whole source to be rolled back by the caller.
 */
class OneTransaction implements SourceSink {
  constructor(private readonly sink: SourceSink) {}
  get description() {
    return this.sink.description;
  }
  async begin(): Promise<void> {}
  write: SourceSink['write'] = (table, rows) => this.sink.write(table, rows);
  async commit(): Promise<void> {}
  async rollback(): Promise<void> {}
  newest: SourceSink['newest'] = (table, column) => this.sink.newest(table, column);
  async close(): Promise<void> {}
}

/** Imports every (kind, path) into `sink` in one transaction; throws naming the first file that failed. */
async function importSource(sink: SourceSink, parts: { kind: ImportKind; path: string }[], into: string, env: NodeJS.ProcessEnv): Promise<void> {
  const whole = new OneTransaction(sink);
  await sink.begin();
  try {
    for (const { kind, path } of parts) {
      const command = parseImportArgs([kind, path, '--into', into], env);
      const failed = (await importFiles(listInputFiles(command.paths), command, whole)).find((summary) => summary.error !== undefined);
      if (failed) throw new Error(`import of ${failed.file} failed: ${failed.error}`);
    }
    await sink.commit();
  } catch (error) {
    await sink.rollback();
    throw error;
  }
}

export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'sync-'));
  let fetched: { ranges?: SyncRanges; failures: string[] };
  try {
    fetched = await fetchAndImport(options, scratch);
  } catch (error) {
    // The source database could not be opened or read: nothing was fetched.
    fetched = { failures: [`the source database: ${(error as Error).message}`] };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const { ranges, failures } = fetched;
  if (failures.length > 0 || !ranges) throw new SyncFailedError(await recordSyncFailure(options, failures.join('; ')), failures);
  const run: PipelineOptions = {
    sources: [options.into],
    ...options.pipeline,
    appDbPath: options.appDbPath,
    timezone: options.timezone,
    trigger: 'sync',
    onProgress: options.onProgress,
  };
  const pipeline = options.runId === undefined ? await runPipeline(run) : await runRecordedPipeline({ ...run, runId: options.runId });
  return { ranges, pipeline };
}

/** Fetches each source into `scratch` and imports it; a source that fails is a line of `failures`, the others go on. */
async function fetchAndImport(options: SyncOptions, scratch: string): Promise<{ ranges: SyncRanges; failures: string[] }> {
  const { env, log } = options;
  const sink = await openSink(options.into);
  const failures: string[] = [];
  try {
    const ranges = syncRanges(
      { metaDay: await sink.newest('ad_performance_daily', 'date'), eventTime: await sink.newest('mixpanel_event', 'event_time') },
      { today: options.today, firstDay: options.firstDay, restatementDays: options.restatementDays ?? DEFAULT_RESTATEMENT_DAYS },
    );
    const { meta, mixpanel } = ranges;
    const sources: Record<'meta' | 'mixpanel', () => Promise<void>> = {
      meta: async () => {
        log(`meta: insights ${meta.since} … ${meta.until}`);
        const out = join(scratch, 'meta');
        const fetched = await fetchMetaInsights({ account: options.metaAccount, ...meta, breakdowns: META_BREAKDOWNS, out, ...metaAccess(env, log) });
        if (fetched.currency && fetched.currency !== 'USD') {
          throw new Error(`the account reports in ${fetched.currency}: sync imports USD accounts only (use npm run fetch and npm run import -- --usd-rate)`);
        }
        await importSource(sink, [{ kind: 'meta-insights', path: out }], options.into, env);
      },
      mixpanel: async () => {
        log(`mixpanel: events ${mixpanel.from} … ${mixpanel.to}, profiles seen since ${mixpanel.from}`);
        const access = mixpanelAccess(env, options.mixpanelProject, log);
        const events = join(scratch, 'mixpanel-events.jsonl');
        const profiles = join(scratch, 'mixpanel-profiles');
        await fetchMixpanelEvents({ ...access, ...mixpanel, events: allEventNames(eventNamesFromEnv(env)), out: events, baseUrl: mixpanelExportUrl(env) });
        await fetchMixpanelProfiles({ ...access, where: profilesWhere(mixpanel.from, undefined), out: profiles, baseUrl: mixpanelApiUrl(env) });
        await importSource(sink, [{ kind: 'mixpanel-events', path: events }, { kind: 'mixpanel-profiles', path: profiles }], options.into, env);
      },
    };
    for (const [source, sync] of Object.entries(sources)) {
      try {
        await sync();
      } catch (error) {
        failures.push(`${source}: ${(error as Error).message}`);
      }
    }
    return { ranges, failures };
  } finally {
    await sink.close();
  }
}

async function recordSyncFailure(options: SyncOptions, error: string): Promise<number> {
  const app = await openAppDatabase(options.appDbPath);
  try {
    if (options.runId !== undefined) {
      await failRunIfUnfinished(app.db, options.runId, error);
      return options.runId;
    }
    const parameters = { sources: [options.into], asOf: null, timezone: options.timezone, eventNames: { ...eventNamesFromEnv(options.env) } };
    return await recordFailedRun(app.db, parameters, 'sync', error);
  } finally {
    await app.close();
  }
}
