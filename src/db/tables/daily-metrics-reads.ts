/**
 * Read queries over `daily_metrics`, `daily_metrics_breakdown` and their user-list tables for the API. Ranges are summed in
 * SQL (SUM of the additive base measures, GROUP BY entity); derived metrics are then computed by
 * the formulas module, never here (M21–M26).
 */
import { BASE_MEASURES, type BaseMeasures, type MetricName } from '../../metrics/formulas.ts';
import type { BreakdownDimension, EntityLevel } from './daily-metrics.ts';
import type { SqlReader } from '../database.ts';
import { listColumn, metricColumn, metricSql, type UserListName } from './metric-columns.ts';
import { groupBy } from './read-handle.ts';

/** Inclusive range of 'YYYY-MM-DD' days. */
export interface DayRange {
  start: string;
  end: string;
}

/** `SUM(column) AS "measure"` for every base measure: a range total per group. */
export const SUMMED_MEASURES = BASE_MEASURES.map((name) => `SUM(${metricColumn(name)}) AS "${name}"`).join(', ');
const STORED_MEASURES = BASE_MEASURES.map((name) => `${metricColumn(name)} AS "${name}"`).join(', ');

/** The base measures of a result row; NULL (no rows summed, or an outer join miss) is 0 (M27). */
export function measuresOf(row: Record<string, unknown>): BaseMeasures {
  // A plain loop: this runs for every row of a dashboard request.
  const measures = {} as BaseMeasures;
  for (const name of BASE_MEASURES) measures[name] = Number(row[name] ?? 0);
  return measures;
}

type EntityRow = Record<string, unknown> & { entityId: string };

/** Range totals of the given entities of one level; entities without a row in the range are absent. */
export async function sumMeasuresByEntity(db: SqlReader, level: EntityLevel, range: DayRange, ids: string[]) {
  const rows = await db.all<EntityRow>(
    `SELECT entity_id AS "entityId", ${SUMMED_MEASURES} FROM daily_metrics
     WHERE level = ? AND ${db.dialect.inList('entity_id')} AND date BETWEEN ? AND ? GROUP BY entity_id`,
    [level, db.dialect.listParam(ids), range.start, range.end],
  );
  return new Map(rows.map((row) => [row.entityId, measuresOf(row)]));
}

/** The stored daily rows of the given entities in the range, as entity → day → base measures. */
export async function dailyMeasuresByEntity(db: SqlReader, level: EntityLevel, range: DayRange, ids: string[]) {
  const byEntity = groupBy(await storedDailyRows(db, level, range, ids), (row) => row.entityId);
  return new Map([...byEntity].map(([id, rows]) => [id, new Map(rows.map((row) => [row.date, row.measures]))]));
}

export interface StoredDailyRow {
  entityId: string;
  date: string;
  measures: BaseMeasures;
}

/** The stored daily rows of the given entities in the range, ordered by entity id, then date. */
export async function storedDailyRows(db: SqlReader, level: EntityLevel, range: DayRange, ids: string[]): Promise<StoredDailyRow[]> {
  const rows = await db.all<EntityRow & { date: string }>(
    `SELECT entity_id AS "entityId", date, ${STORED_MEASURES} FROM daily_metrics
     WHERE level = ? AND ${db.dialect.inList('entity_id')} AND date BETWEEN ? AND ? ORDER BY ${db.dialect.byCodePoint('entity_id')}, date`,
    [level, db.dialect.listParam(ids), range.start, range.end],
  );
  return rows.map((row) => ({ entityId: row.entityId, date: row.date, measures: measuresOf(row) }));
}

/**
 * One metric of the stored daily rows of the given entities in the range, as entity → day → value.
 * A derived metric is computed in the statement from the row's base measures with the formula
 * compiled from the formulas module (M21–M26).
 */
export async function dailyMetricByEntity(db: SqlReader, level: EntityLevel, metric: MetricName, range: DayRange, ids: string[]) {
  const rows = await db.all<{ entityId: string; date: string; value: number | null }>(
    `SELECT entity_id AS "entityId", date, ${metricSql(metric, db.dialect)} AS value FROM daily_metrics
     WHERE level = ? AND ${db.dialect.inList('entity_id')} AND date BETWEEN ? AND ?`,
    [level, db.dialect.listParam(ids), range.start, range.end],
  );
  const byEntity = groupBy(rows, (row) => row.entityId);
  return new Map([...byEntity].map(([id, days]) => [id, new Map(days.map((row) => [row.date, row.value]))]));
}

/** Sum over every entity of one level (M29 uses the campaign level). */
export async function levelTotal(db: SqlReader, level: EntityLevel, range: DayRange): Promise<BaseMeasures> {
  const row = await db.get<Record<string, unknown>>(
    `SELECT ${SUMMED_MEASURES} FROM daily_metrics WHERE level = ? AND date BETWEEN ? AND ?`,
    [level, range.start, range.end],
  );
  return measuresOf(row ?? {});
}

/** Per-day sums over every entity of one level; days without rows are absent. */
export async function levelTotalByDay(db: SqlReader, level: EntityLevel, range: DayRange): Promise<Map<string, BaseMeasures>> {
  const rows = await db.all<Record<string, unknown> & { date: string }>(
    `SELECT date, ${SUMMED_MEASURES} FROM daily_metrics WHERE level = ? AND date BETWEEN ? AND ? GROUP BY date`,
    [level, range.start, range.end],
  );
  return new Map(rows.map((row) => [row.date, measuresOf(row)]));
}

export interface BreakdownValueTotal {
  value: string;
  measures: BaseMeasures;
}

/**
 * Range totals per canonical value of one dimension (M28), per entity. Values are ordered by spend
 * (descending), then value; only values with at least one row in the range are listed.
 */
export async function breakdownByEntity(
  db: SqlReader,
  level: EntityLevel,
  dimension: BreakdownDimension,
  range: DayRange,
  ids: string[],
): Promise<Map<string, BreakdownValueTotal[]>> {
  const rows = await db.all<EntityRow & { value: string }>(
    `SELECT entity_id AS "entityId", value, ${SUMMED_MEASURES} FROM daily_metrics_breakdown
     WHERE level = ? AND dimension = ? AND ${db.dialect.inList('entity_id')} AND date BETWEEN ? AND ?
     GROUP BY entity_id, value ORDER BY entity_id, SUM(spend) DESC, ${db.dialect.byCodePoint('value')}`,
    [level, dimension, db.dialect.listParam(ids), range.start, range.end],
  );
  const byEntity = groupBy(rows, (row) => row.entityId);
  return new Map(
    [...byEntity].map(([id, values]) => [id, values.map((row) => ({ value: row.value, measures: measuresOf(row) }))]),
  );
}

/** Where a user list is read from: whole-entity daily rows, or one dimension's breakdown rows. */
export interface UserListQuery {
  level: EntityLevel;
  range: DayRange;
  list: UserListName;
  /** Set to read breakdown rows of this dimension; the result is then keyed per breakdown value too. */
  dimension?: BreakdownDimension;
}

/** The key of one list in the result of `userIdsByEntity`. */
export const userListKey = (entityId: string | null, breakdownValue?: string) =>
  entityId === null ? '' : breakdownValue === undefined ? entityId : `${entityId}\u0000${breakdownValue}`;

/**
 * The union of one user list over the range (M15), sorted ascending and distinct, per entity
 * (`ids`, or every entity of the level pooled when `ids` is null) and, with a dimension, per
 * breakdown value; keyed by `userListKey`.
 */
export async function userIdsByEntity(db: SqlReader, query: UserListQuery, ids: string[] | null): Promise<Map<string, string[]>> {
  const { dialect } = db;
  const table = query.dimension ? 'breakdown_user_lists' : 'daily_user_lists';
  // Key columns rather than one text joined by NUL, which PostgreSQL text cannot hold.
  const keys = ids === null ? [] : query.dimension ? ['lists.entity_id', 'lists.value'] : ['lists.entity_id'];
  const filters = ['lists.level = ?', 'lists.date BETWEEN ? AND ?'];
  const params: unknown[] = [query.level, query.range.start, query.range.end];
  if (query.dimension) {
    filters.push('lists.dimension = ?');
    params.push(query.dimension);
  }
  if (ids !== null) {
    filters.push(dialect.inList('lists.entity_id'));
    params.push(dialect.listParam(ids));
  }
  const rows = await db.all<{ entityId: string | null; value: string | null; userId: string }>(
    `SELECT ${keys[0] ?? 'NULL'} AS "entityId", ${keys[1] ?? 'NULL'} AS value, users.value AS "userId"
     FROM ${table} AS lists, ${dialect.listElements(`lists.${listColumn(query.list)}`, 'users')}
     WHERE ${filters.join(' AND ')} GROUP BY ${[...keys, 'users.value'].join(', ')} ORDER BY ${dialect.byCodePoint('users.value')}`,
    params,
  );
  const byKey = groupBy(rows, (row) => userListKey(row.entityId, row.value ?? undefined));
  return new Map([...byKey].map(([key, users]) => [key, users.map((row) => row.userId)]));
}

/** First and last day with any daily row, or nulls when the table is empty. */
export async function dataDaySpan(db: SqlReader): Promise<{ firstDay: string | null; lastDay: string | null }> {
  return (
    (await db.get<{ firstDay: string | null; lastDay: string | null }>(
      `SELECT MIN(date) AS "firstDay", MAX(date) AS "lastDay" FROM daily_metrics`,
    )) ?? { firstDay: null, lastDay: null }
  );
}

/** The ids of one level with the most spend over the range, most first (e.g. for example queries). */
export async function topSpenders(db: SqlReader, level: EntityLevel, range: DayRange, limit: number): Promise<string[]> {
  const rows = await db.all<{ entityId: string }>(
    `SELECT entity_id AS "entityId" FROM daily_metrics WHERE level = ? AND date BETWEEN ? AND ?
     GROUP BY entity_id ORDER BY SUM(spend) DESC, ${db.dialect.byCodePoint('entity_id')} LIMIT ?`,
    [level, range.start, range.end, limit],
  );
  return rows.map((row) => row.entityId);
}
