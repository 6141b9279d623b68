/**
 * Step "sources": attaches the source databases and exposes each source table to the later steps
 * with normalised ids, valid days and timestamps. The Meta rows are copied once into scratch tables
 * (each is read by several steps), their breakdown values already canonical. Rows whose date or
 * timestamp cannot be parsed are left out and counted per table and reason (never silently).
 */
import type Database from 'better-sqlite3';
import type { BreakdownDimension } from '../../src/db/schema.ts';
import { canonicalValue, createValueMappingTable } from '../breakdown-values.ts';
import { PipelineInputError } from '../errors.ts';
import type { ParallelJobs } from '../parallel-jobs.ts';
import type { SkippedRows } from '../run-log.ts';
import { scratchTable } from '../scratch.ts';
import type { Database as AppDb } from '../../src/db/database.ts';
import { groupBy } from '../../src/db/tables/read-handle.ts';
import type { SourceTableLocations } from '../source/contract.ts';
import type { EnforcesKey } from './keys.ts';
import { entityId, isCalendarDate, utcTimestamp } from '../sql.ts';
import { createStageTables } from '../staging.ts';
import { createLocalDaySql } from '../timezone.ts';

/** The four Meta tables, the scratch table each becomes, and its breakdown dimension. */
export const META_TABLES: ReadonlyArray<{ table: string; copy: string; dimension: BreakdownDimension | null }> = [
  { table: 'ad_performance_daily', copy: 'meta_daily', dimension: null },
  { table: 'ad_performance_daily_country', copy: 'meta_country', dimension: 'country' },
  { table: 'ad_performance_daily_region', copy: 'meta_region', dimension: 'region' },
  { table: 'ad_performance_daily_device', copy: 'meta_device', dimension: 'device' },
];

const sourceSchema = (index: number) => `source_${index}`;

/** Where a source table is read from: `source_<n>."table"`. */
export type SourceTableRef = (table: string) => string;

/** Attaches the source files in order (on each of the run's connections: see prepareRunConnection). */
export function attachSourceFiles(db: Database.Database, paths: readonly string[]): void {
  paths.forEach((path, index) => db.prepare(`ATTACH DATABASE ? AS ${sourceSchema(index)}`).run(path));
}

export const sourceTableRef =
  (locations: SourceTableLocations): SourceTableRef =>
  (table) =>
    `${sourceSchema(locations.get(table)!)}."${table}"`;

/**
 * Whether the attached file holding a source table enforces `key` on it: a unique index (a primary
 * key's included) on exactly those columns, or an INTEGER PRIMARY KEY (the rowid). A view enforces none.
 */
export const sourceEnforcesKey =
  (db: AppDb, locations: SourceTableLocations): EnforcesKey =>
  async (table, key) => {
    const schema = sourceSchema(locations.get(table)!);
    const wanted = key.map((column) => column.toLowerCase()).sort().join(',');
    const indexColumns = await db.all<{ indexName: string; column: string | null }>(
      `SELECT il.name AS "indexName", ii.name AS "column" FROM pragma_index_list(?, ?) il, pragma_index_info(il.name, ?) ii
       WHERE il."unique" AND NOT il.partial`,
      [table, schema, schema],
    );
    const indexes = [...groupBy(indexColumns, (row) => row.indexName).values()].map((rows) =>
      rows.map((row) => String(row.column).toLowerCase()).sort().join(','),
    );
    if (indexes.includes(wanted)) return true;
    const rowid = await db.all<{ name: string; type: string }>('SELECT name, type FROM pragma_table_info(?, ?) WHERE pk > 0', [table, schema]);
    return rowid.length === 1 && key.length === 1 && rowid[0]!.name.toLowerCase() === wanted && rowid[0]!.type.toUpperCase() === 'INTEGER';
  };

/**
 * Scratch copies of the valid Meta rows, and views over the Mixpanel users and user products (the
 * events are read where they are used: steps/attribution.ts).
 */
export function exposeSources(db: Database.Database, from: SourceTableRef, hasValueMapping: boolean): void {
  db.exec(
    hasValueMapping
      ? `CREATE TEMP VIEW breakdown_value_mapping AS SELECT dimension, source, source_value, value FROM ${from('breakdown_value_mapping')}`
      : `CREATE TEMP VIEW breakdown_value_mapping AS
         SELECT NULL AS dimension, NULL AS source, NULL AS source_value, NULL AS value WHERE 0`,
  );
  createValueMappingTable(db);
  for (const { table, copy, dimension } of META_TABLES) {
    db.exec(`CREATE TABLE ${scratchTable(copy)} AS
      SELECT ${entityId('ad_id')} AS ad_id, ${entityId('adset_id')} AS adset_id, ${entityId('campaign_id')} AS campaign_id,
             ad_name, adset_name, campaign_name, date,
             spend, impressions, clicks, meta_trials, meta_purchases
             ${dimension ? `, ${canonicalValue(dimension, 'meta', dimension)} AS value` : ''}
      FROM ${from(table)} WHERE ${isCalendarDate('date')}`);
  }
  db.exec(`CREATE TEMP VIEW mixpanel_user AS
    SELECT distinct_id, ${entityId('abi_ad_id')} AS ad_id, ${entityId('abi_ad_set_id')} AS adset_id,
           ${entityId('abi_campaign_id')} AS campaign_id, has_abi_attribution, country, region
    FROM ${from('mixpanel_user')}`);
  db.exec(`CREATE TEMP VIEW user_product_metrics AS SELECT * FROM ${from('user_product_metrics')}`);
}

/**
 * Appended to a subquery whose computed columns the outer query uses more than once: a LIMIT keeps
 * SQLite from flattening the subquery into the outer query, which would repeat the computation
 * (the timestamp normalisation is most of the cost of a pass over the events) at every use.
 */
export const ONCE_PER_ROW = 'LIMIT -1';

export interface MetaScan {
  skippedRows: SkippedRows;
  /** M1: the latest Meta date. */
  latestDate: string | null;
}

/** One pass over each Meta table: rows to skip, and the latest day for the default as-of (M1). */
export function scanMetaTables(db: Database.Database, from: SourceTableRef): MetaScan {
  const skippedRows: SkippedRows = {};
  let latestDate: string | null = null;
  for (const { table } of META_TABLES) {
    const { invalid, latest } = db
      .prepare(
        `SELECT count(*) FILTER (WHERE NOT ${isCalendarDate('date')}) AS invalid,
                max(date) FILTER (WHERE ${isCalendarDate('date')}) AS latest
         FROM ${from(table)}`,
      )
      .get() as { invalid: number; latest: string | null };
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
export async function scanEvents(jobs: ParallelJobs, from: SourceTableRef): Promise<EventScan> {
  const { firstRows } = await jobs.inBackground([
    {
      query: `SELECT count(*) - count(ts) AS invalid, min(ts) AS first, max(ts) AS last
              FROM (SELECT ${utcTimestamp('event_time')} AS ts FROM ${from('mixpanel_event')} ${ONCE_PER_ROW})`,
    },
  ]);
  const events = firstRows.get(0) as { invalid: number; first: string | null; last: string | null };
  return {
    skippedRows: events.invalid > 0 ? { mixpanel_event: { 'unparseable event_time': events.invalid } } : {},
    span: { first: events.first, last: events.last },
  };
}

export interface SourcesRead {
  from: SourceTableRef;
  /** M1, given or found. */
  asOf: string;
  /** M2: SQL giving the reporting-zone day of a UTC timestamp expression. */
  localDay: (timestamp: string) => string;
  skippedRows: SkippedRows;
}

/**
 * The step: exposes the attached sources (see prepareRunConnection), each where the keys step
 * says to read it (steps/keys.ts), and creates the stage tables. The event scan runs on the second connection while this one copies the Meta tables.
 */
export async function readSources(db: Database.Database, jobs: ParallelJobs, input: SourcesInput, from: SourceTableRef): Promise<SourcesRead> {
  const eventScan = scanEvents(jobs, from);
  const metaScan = scanMetaTables(db, from);
  exposeSources(db, from, input.locations.has('breakdown_value_mapping'));
  createStageTables(db);
  const events = await eventScan;
  const localDay = createLocalDaySql(db, input.timezone, events.span);
  return {
    from,
    asOf: input.asOf ?? defaultAsOf(db, localDay, metaScan.latestDate, events.span.last),
    localDay,
    skippedRows: { ...metaScan.skippedRows, ...events.skippedRows },
  };
}

export interface SourcesInput {
  locations: SourceTableLocations;
  asOf: string | null;
  timezone: string;
}

/** M1: the later of the latest Meta date and the reporting-zone day of the latest event. */
function defaultAsOf(
  db: Database.Database,
  localDay: (timestamp: string) => string,
  latestMetaDate: string | null,
  latestEventTimestamp: string | null,
): string {
  const latestEventDay =
    latestEventTimestamp === null
      ? null
      : (db.prepare(`SELECT ${localDay('@ts')} AS day`).get({ ts: latestEventTimestamp }) as { day: string }).day;
  const latest = [latestMetaDate, latestEventDay].filter((day): day is string => day !== null).sort().at(-1);
  if (!latest) throw new PipelineInputError('the source data has no dated rows: give --as-of or add data');
  return latest;
}

