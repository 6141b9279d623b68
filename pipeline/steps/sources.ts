/**
 * Step "sources": exposes each source table (where the run space finds it) to the later steps
 * with normalised ids and only usable rows (M31). The Meta rows are copied once into scratch tables
 * (each is read by several steps), their breakdown values already canonical. Rows with an unusable
 * value are left out and counted per table, column and reason (never silently); the run fails when
 * too many are, or when a table the published run had rows of has no usable one now (M32).
 */
import { EVENT_NAMES_SHOWN, unknownEventNamesHint, type EventNames } from '../../src/config.ts';
import type { BreakdownDimension } from '../../src/db/tables/daily-metrics.ts';
import { canonicalValue, createValueMappingTable } from '../breakdown-values.ts';
import { PipelineInputError } from '../errors.ts';
import type { RunSpace } from '../run-space.ts';
import type { SourceTableLocations } from '../source/contract.ts';
import type { RequiredSourceTableName } from '../source/tables.ts';
import { countSkipped, type SkippedRows, type ValueChecks } from '../source/values.ts';
import { assertUsableSources, type SourceRows } from '../source/usable.ts';
import { entityId, literal } from '../sql.ts';

/** The four Meta tables, the scratch table each becomes, and its breakdown dimension. */
export const META_TABLES: ReadonlyArray<{ table: RequiredSourceTableName; copy: string; dimension: BreakdownDimension | null }> = [
  { table: 'ad_performance_daily', copy: 'meta_daily', dimension: null },
  { table: 'ad_performance_daily_country', copy: 'meta_country', dimension: 'country' },
  { table: 'ad_performance_daily_region', copy: 'meta_region', dimension: 'region' },
  { table: 'ad_performance_daily_device', copy: 'meta_device', dimension: 'device' },
];

/**
 * Scratch copies of the valid Meta rows, and views over the Mixpanel users and user products (the
 * events are read where they are used: steps/attribution.ts).
 */
export async function exposeSources(run: RunSpace, hasValueMapping: boolean, checks: ValueChecks): Promise<void> {
  const { db, sourceTable: from } = run;
  const { dialect } = db;
  const id = (column: string) => entityId(dialect, column);
  await db.exec(
    hasValueMapping
      ? `CREATE TEMP VIEW breakdown_value_mapping AS SELECT dimension, source, source_value, value FROM ${from('breakdown_value_mapping')}`
      : `CREATE TEMP VIEW breakdown_value_mapping AS
         SELECT NULL AS dimension, NULL AS source, NULL AS source_value, NULL AS value WHERE false`,
  );
  await createValueMappingTable(run);
  for (const { table, copy, dimension } of META_TABLES) {
    const canonical = dimension && canonicalValue(dialect, dimension, 'meta', `meta.${dimension}`, 'mapped');
    await db.exec(`CREATE TABLE ${run.scratchTable(copy)} AS
      SELECT ${id('meta.ad_id')} AS ad_id, ${id('meta.adset_id')} AS adset_id, ${id('meta.campaign_id')} AS campaign_id,
             meta.ad_name, meta.adset_name, meta.campaign_name, meta.date,
             meta.spend, meta.impressions, meta.clicks, meta.meta_trials, meta.meta_purchases
             ${canonical ? `, ${canonical.value} AS value` : ''}
      FROM ${from(table)} AS meta ${canonical ? canonical.join : ''} WHERE ${checks.rowProblem(table, (column) => `meta.${column}`)} IS NULL`);
  }
  await run.analyze(META_TABLES.map(({ copy }) => copy));
  await db.exec(`CREATE TEMP VIEW mixpanel_user AS
    SELECT distinct_id, ${id('abi_ad_id')} AS ad_id, ${id('abi_ad_set_id')} AS adset_id,
           ${id('abi_campaign_id')} AS campaign_id, has_abi_attribution, country, region
    FROM ${from('mixpanel_user')}`);
  await db.exec(`CREATE TEMP VIEW user_product_metrics AS SELECT * FROM ${from('user_product_metrics')} AS upm
    WHERE ${checks.rowProblem('user_product_metrics', (column) => `upm.${column}`)} IS NULL`);
}

/** What a scan of the sources found: rows and usable rows per table, and the skipped ones (M32). */
interface Scanned {
  sourceRows: SourceRows;
  skippedRows: SkippedRows;
}

/** Counts a table's rows per problem (`column: reason`, NULL for usable) from `{ problem, n }` groups. */
function addGroups(scanned: Scanned, table: string, groups: ReadonlyArray<{ problem: string | null; n: number | string }>): void {
  const counts = (scanned.sourceRows[table] = { rows: 0, usable: 0 });
  for (const { problem, n } of groups) {
    const rows = Number(n);
    counts.rows += rows;
    if (problem === null) counts.usable += rows;
    else countSkipped(scanned.skippedRows, table, problem, rows);
  }
}

/**
 * One pass over each Meta table, user products and users: rows per problem, and the latest usable
 * Meta day for the default as-of (M1).
 */
async function scanTables(run: RunSpace, checks: ValueChecks, scanned: Scanned): Promise<string | null> {
  const { db, sourceTable: from } = run;
  let latestDate: string | null = null;
  for (const { table } of META_TABLES) {
    const groups = await db.all<{ problem: string | null; n: number; latest: string | null }>(
      `SELECT problem, count(*) AS n, max(date) AS latest
       FROM (SELECT ${checks.rowProblem(table, (column) => column)} AS problem, date FROM ${from(table)} ${db.dialect.computeOnce}) AS meta
       GROUP BY problem`,
    );
    addGroups(scanned, table, groups);
    const latest = groups.find(({ problem }) => problem === null)?.latest ?? null;
    if (latest !== null && (latestDate === null || latest > latestDate)) latestDate = latest;
  }
  for (const table of ['user_product_metrics', 'mixpanel_user'] as const) {
    addGroups(
      scanned,
      table,
      await db.all(`SELECT ${checks.rowProblem(table, (column) => column)} AS problem, count(*) AS n FROM ${from(table)} GROUP BY 1`),
    );
  }
  return latestDate;
}

export interface EventScan {
  /** The span of usable event timestamps (UTC); the latest one's day depends on the zone (M1, M2). */
  span: { first: string | null; last: string | null };
  /** Usable events with a configured trial-start or initial-purchase name (M3). */
  startingEvents: number;
}

/**
 * One pass over the events (the longest scan of the run, mostly timestamp normalisation), on the
 * second connection so that the run's own can copy the Meta tables meanwhile.
 */
async function scanEvents(run: RunSpace, checks: ValueChecks, names: EventNames, scanned: Scanned): Promise<EventScan> {
  const { utcTimestamp, computeOnce } = run.db.dialect;
  const starting = [...names.trialStarted, ...names.initialPurchase].map(literal).join(', ');
  const { firstRows } = await run.inBackground([
    {
      // A job gives one row: the groups of unusable rows come as one list of `problem<TAB>rows` texts.
      query: `SELECT ${run.db.dialect.sortedList('problem_rows')} AS groups, sum(n) FILTER (WHERE problem IS NULL) AS n_usable,
                     min(first) FILTER (WHERE problem IS NULL) AS first, max(last) FILTER (WHERE problem IS NULL) AS last,
                     sum(starting) AS starting
              FROM (SELECT problem, count(*) AS n, problem || '\t' || count(*) AS problem_rows,
                           min(ts) AS first, max(ts) AS last, count(*) FILTER (WHERE problem IS NULL AND event_name IN (${starting})) AS starting
                    FROM (SELECT ${checks.rowProblem('mixpanel_event', (column) => (column === 'event_time' ? 'ts' : column))} AS problem,
                                 ts, event_name
                          FROM (SELECT ${utcTimestamp('event_time')} AS ts, event_name, revenue_usd
                                FROM ${run.sourceTable('mixpanel_event')} ${computeOnce}) AS normalised ${computeOnce}) AS events
                    GROUP BY problem) AS per_problem`,
    },
  ]);
  const events = firstRows.get(0) as { groups: string; n_usable: number | string | null; first: string | null; last: string | null; starting: number | string | null };
  const groups = (JSON.parse(events.groups) as string[]).map((text) => {
    const tab = text.lastIndexOf('\t');
    return { problem: text.slice(0, tab), n: text.slice(tab + 1) };
  });
  addGroups(scanned, 'mixpanel_event', [...groups, { problem: null, n: events.n_usable ?? 0 }]);
  return { span: { first: events.first, last: events.last }, startingEvents: Number(events.starting ?? 0) };
}

export interface SourcesRead {
  /** M1, given or found. */
  asOf: string;
  /** M2: SQL giving the reporting-zone day of a UTC timestamp expression. */
  localDay: (timestamp: string) => string;
  skippedRows: SkippedRows;
  /** Rows and usable rows per source table, recorded with the run (M32 compares the next run with it). */
  sourceRows: SourceRows;
  /** The newest valid Meta day and event time (UTC), for source freshness (api.md "Operations"). */
  newest: { metaDay: string | null; eventUtc: string | null };
}

/**
 * The step: checks the sources' values (M31, M32) and exposes the sources (each where the keys step
 * says to read it: steps/keys.ts), then creates the stage tables. The event scan runs on the second
 * connection while this one scans and copies the Meta tables.
 */
export async function readSources(run: RunSpace, input: SourcesInput): Promise<SourcesRead> {
  const scanned: Scanned = { sourceRows: {}, skippedRows: {} };
  const eventScan = scanEvents(run, input.checks, input.eventNames, scanned);
  // Settled here, so that a failure of this connection's statements does not leave it unhandled.
  eventScan.catch(() => undefined);
  const latestDate = await scanTables(run, input.checks, scanned);
  await exposeSources(run, input.locations.has('breakdown_value_mapping'), input.checks);
  await run.createStageTables();
  const events = await eventScan;
  await assertUsableSources(run.db, scanned, input.maxSkippedShare);
  await assertEventNames(run, input.eventNames, scanned.sourceRows.mixpanel_event!.usable, events.startingEvents);
  const localDay = await run.localDaySql(input.timezone, events.span);
  return {
    asOf: input.asOf ?? (await defaultAsOf(run, localDay, latestDate, events.span.last)),
    localDay,
    ...scanned,
    newest: { metaDay: latestDate, eventUtc: events.span.last },
  };
}

export interface SourcesInput {
  locations: SourceTableLocations;
  asOf: string | null;
  timezone: string;
  eventNames: EventNames;
  checks: ValueChecks;
  /** M32: the largest share of a table's rows that may be skipped. */
  maxSkippedShare: number;
}

/**
 * M3: sources with events but none of any configured trial-start or initial-purchase name would
 * publish no trials and no purchases; the run fails naming the most frequent names found instead.
 */
async function assertEventNames(run: RunSpace, names: EventNames, usableEvents: number, startingEvents: number): Promise<void> {
  if (usableEvents === 0 || startingEvents > 0) return;
  const found = await run.db.all<{ name: string; events: number }>(
    `SELECT event_name AS name, count(*) AS events FROM ${run.sourceTable('mixpanel_event')}
     GROUP BY event_name ORDER BY count(*) DESC, ${run.db.dialect.byCodePoint('event_name')} LIMIT ${EVENT_NAMES_SHOWN}`,
  );
  throw new PipelineInputError(
    `source table mixpanel_event has ${usableEvents.toLocaleString('en-US')} events, but ${unknownEventNamesHint(found.map(({ name, events }) => ({ name, events: Number(events) })))}`,
  );
}

/** M1: the later of the latest Meta date and the reporting-zone day of the latest event. */
async function defaultAsOf(
  run: RunSpace,
  localDay: (timestamp: string) => string,
  latestMetaDate: string | null,
  latestEventTimestamp: string | null,
): Promise<string> {
  const latestEventDay =
    latestEventTimestamp === null
      ? null
      : (await run.db.get<{ day: string }>(`SELECT ${localDay('latest.ts')} AS day FROM (SELECT CAST(? AS TEXT) AS ts) AS latest`, [
          latestEventTimestamp,
        ]))!.day;
  const latest = [latestMetaDate, latestEventDay].filter((day): day is string => day !== null).sort().at(-1);
  if (!latest) throw new PipelineInputError('the source data has no dated rows: give --as-of or add data');
  return latest;
}
