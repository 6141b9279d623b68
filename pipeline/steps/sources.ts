/**
 * Step "sources": exposes each source table (where the run space finds it) to the later steps
 * with normalised ids, valid days and timestamps. The Meta rows are copied once into scratch tables
 * (each is read by several steps), their breakdown values already canonical. Rows whose date or
 * timestamp cannot be parsed are left out and counted per table and reason (never silently).
 */
import type { BreakdownDimension } from '../../src/db/tables/daily-metrics.ts';
import { canonicalValue, createValueMappingTable } from '../breakdown-values.ts';
import { PipelineInputError } from '../errors.ts';
import type { SkippedRows } from '../run-log.ts';
import type { RunSpace } from '../run-space.ts';
import type { SourceTableLocations } from '../source/contract.ts';
import { entityId } from '../sql.ts';

/** The four Meta tables, the scratch table each becomes, and its breakdown dimension. */
export const META_TABLES: ReadonlyArray<{ table: string; copy: string; dimension: BreakdownDimension | null }> = [
  { table: 'ad_performance_daily', copy: 'meta_daily', dimension: null },
  { table: 'ad_performance_daily_country', copy: 'meta_country', dimension: 'country' },
  { table: 'ad_performance_daily_region', copy: 'meta_region', dimension: 'region' },
  { table: 'ad_performance_daily_device', copy: 'meta_device', dimension: 'device' },
];

/**
 * Scratch copies of the valid Meta rows, and views over the Mixpanel users and user products (the
 * events are read where they are used: steps/attribution.ts).
 */
export async function exposeSources(run: RunSpace, hasValueMapping: boolean): Promise<void> {
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
      FROM ${from(table)} AS meta ${canonical ? canonical.join : ''} WHERE ${dialect.isCalendarDate('meta.date')}`);
  }
  await run.analyze(META_TABLES.map(({ copy }) => copy));
  await db.exec(`CREATE TEMP VIEW mixpanel_user AS
    SELECT distinct_id, ${id('abi_ad_id')} AS ad_id, ${id('abi_ad_set_id')} AS adset_id,
           ${id('abi_campaign_id')} AS campaign_id, has_abi_attribution, country, region
    FROM ${from('mixpanel_user')}`);
  await db.exec(`CREATE TEMP VIEW user_product_metrics AS SELECT * FROM ${from('user_product_metrics')}`);
}

export interface MetaScan {
  skippedRows: SkippedRows;
  /** M1: the latest Meta date. */
  latestDate: string | null;
}

/** One pass over each Meta table: rows to skip, and the latest day for the default as-of (M1). */
export async function scanMetaTables(run: RunSpace): Promise<MetaScan> {
  const { isCalendarDate } = run.db.dialect;
  const skippedRows: SkippedRows = {};
  let latestDate: string | null = null;
  for (const { table } of META_TABLES) {
    const { invalid, latest } = (await run.db.get<{ invalid: number; latest: string | null }>(
      `SELECT count(*) FILTER (WHERE NOT ${isCalendarDate('date')}) AS invalid,
              max(date) FILTER (WHERE ${isCalendarDate('date')}) AS latest
       FROM ${run.sourceTable(table)}`,
    ))!;
    if (invalid > 0) skippedRows[table] = { 'unparseable date': invalid };
    if (latest !== null && (latestDate === null || latest > latestDate)) latestDate = latest;
  }
  return { skippedRows, latestDate };
}

export interface EventScan {
  skippedRows: SkippedRows;
  /** The span of valid event timestamps (UTC); the latest one's day depends on the zone (M1, M2). */
  span: { first: string | null; last: string | null };
}

/**
 * One pass over the events (the longest scan of the run, mostly timestamp normalisation), on the
 * second connection so that the run's own can copy the Meta tables meanwhile.
 */
export async function scanEvents(run: RunSpace): Promise<EventScan> {
  const { utcTimestamp, computeOnce } = run.db.dialect;
  const { firstRows } = await run.inBackground([
    {
      query: `SELECT count(*) - count(ts) AS invalid, min(ts) AS first, max(ts) AS last
              FROM (SELECT ${utcTimestamp('event_time')} AS ts FROM ${run.sourceTable('mixpanel_event')} ${computeOnce}) AS events`,
    },
  ]);
  const events = firstRows.get(0) as { invalid: number; first: string | null; last: string | null };
  return {
    skippedRows: events.invalid > 0 ? { mixpanel_event: { 'unparseable event_time': events.invalid } } : {},
    span: { first: events.first, last: events.last },
  };
}

export interface SourcesRead {
  /** M1, given or found. */
  asOf: string;
  /** M2: SQL giving the reporting-zone day of a UTC timestamp expression. */
  localDay: (timestamp: string) => string;
  skippedRows: SkippedRows;
  /** The newest valid Meta day and event time (UTC), for source freshness (api.md "Operations"). */
  newest: { metaDay: string | null; eventUtc: string | null };
}

/**
 * The step: exposes the sources (each where the keys step says to read it: steps/keys.ts) and
 * creates the stage tables. The event scan runs on the second connection while this one copies the
 * Meta tables.
 */
export async function readSources(run: RunSpace, input: SourcesInput): Promise<SourcesRead> {
  const eventScan = scanEvents(run);
  const metaScan = await scanMetaTables(run);
  await exposeSources(run, input.locations.has('breakdown_value_mapping'));
  await run.createStageTables();
  const events = await eventScan;
  const localDay = await run.localDaySql(input.timezone, events.span);
  return {
    asOf: input.asOf ?? (await defaultAsOf(run, localDay, metaScan.latestDate, events.span.last)),
    localDay,
    skippedRows: { ...metaScan.skippedRows, ...events.skippedRows },
    newest: { metaDay: metaScan.latestDate, eventUtc: events.span.last },
  };
}

export interface SourcesInput {
  locations: SourceTableLocations;
  asOf: string | null;
  timezone: string;
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
