/**
 * Read queries over `daily_metrics`, `daily_metrics_breakdown` and their user-list tables for the API. Ranges are summed in
 * SQL (SUM of the additive base measures, GROUP BY entity); derived metrics are then computed by
 * the formulas module, never here (M21–M26).
 */
import { BASE_MEASURES, type BaseMeasures, type MetricName } from '../../metrics/formulas.ts';
import type { BreakdownDimension, EntityLevel } from './daily-metrics.ts';
import { listColumn, metricColumn, type UserListName } from './metric-columns.ts';
import { groupBy, inJsonList, type SqlReader } from './read-handle.ts';

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
export function sumMeasuresByEntity(db: SqlReader, level: EntityLevel, range: DayRange, ids: string[]) {
  const rows = db.all<EntityRow>(
    `SELECT entity_id AS entityId, ${SUMMED_MEASURES} FROM daily_metrics
     WHERE level = ? AND ${inJsonList('entity_id')} AND date BETWEEN ? AND ? GROUP BY entity_id`,
    [level, JSON.stringify(ids), range.start, range.end],
  );
  return new Map(rows.map((row) => [row.entityId, measuresOf(row)]));
}

/** The stored daily rows of the given entities in the range, as entity → day → base measures. */
export function dailyMeasuresByEntity(db: SqlReader, level: EntityLevel, range: DayRange, ids: string[]) {
  const byEntity = groupBy(storedDailyRows(db, level, range, ids), (row) => row.entityId);
  return new Map([...byEntity].map(([id, rows]) => [id, new Map(rows.map((row) => [row.date, row.measures]))]));
}

export interface StoredDailyRow {
  entityId: string;
  date: string;
  measures: BaseMeasures;
}

/** The stored daily rows of the given entities in the range, ordered by entity id, then date. */
export function storedDailyRows(db: SqlReader, level: EntityLevel, range: DayRange, ids: string[]): StoredDailyRow[] {
  return db
    .all<EntityRow & { date: string }>(
      `SELECT entity_id AS entityId, date, ${STORED_MEASURES} FROM daily_metrics
       WHERE level = ? AND ${inJsonList('entity_id')} AND date BETWEEN ? AND ? ORDER BY entity_id, date`,
      [level, JSON.stringify(ids), range.start, range.end],
    )
    .map((row) => ({ entityId: row.entityId, date: row.date, measures: measuresOf(row) }));
}

/**
 * One metric of the stored daily rows of the given entities in the range, as entity → day → value.
 * A derived metric is read from its generated column, which SQLite computes from the row's base
 * measures with the formula compiled from the formulas module (M21–M26).
 */
export function dailyMetricByEntity(db: SqlReader, level: EntityLevel, metric: MetricName, range: DayRange, ids: string[]) {
  const rows = db.all<{ entityId: string; date: string; value: number | null }>(
    `SELECT entity_id AS entityId, date, ${metricColumn(metric)} AS value FROM daily_metrics
     WHERE level = ? AND ${inJsonList('entity_id')} AND date BETWEEN ? AND ?`,
    [level, JSON.stringify(ids), range.start, range.end],
  );
  const byEntity = groupBy(rows, (row) => row.entityId);
  return new Map([...byEntity].map(([id, days]) => [id, new Map(days.map((row) => [row.date, row.value]))]));
}

/** Sum over every entity of one level (M29 uses the campaign level). */
export function levelTotal(db: SqlReader, level: EntityLevel, range: DayRange): BaseMeasures {
  const row = db.get<Record<string, unknown>>(
    `SELECT ${SUMMED_MEASURES} FROM daily_metrics WHERE level = ? AND date BETWEEN ? AND ?`,
    [level, range.start, range.end],
  );
  return measuresOf(row ?? {});
}

/** Per-day sums over every entity of one level; days without rows are absent. */
export function levelTotalByDay(db: SqlReader, level: EntityLevel, range: DayRange): Map<string, BaseMeasures> {
  const rows = db.all<Record<string, unknown> & { date: string }>(
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
export function breakdownByEntity(
  db: SqlReader,
  level: EntityLevel,
  dimension: BreakdownDimension,
  range: DayRange,
  ids: string[],
): Map<string, BreakdownValueTotal[]> {
  const rows = db.all<EntityRow & { value: string }>(
    `SELECT entity_id AS entityId, value, ${SUMMED_MEASURES} FROM daily_metrics_breakdown
     WHERE level = ? AND dimension = ? AND ${inJsonList('entity_id')} AND date BETWEEN ? AND ?
     GROUP BY entity_id, value ORDER BY entity_id, SUM(spend) DESC, value`,
    [level, dimension, JSON.stringify(ids), range.start, range.end],
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
export function userIdsByEntity(db: SqlReader, query: UserListQuery, ids: string[] | null): Map<string, string[]> {
  const table = query.dimension ? 'breakdown_user_lists' : 'daily_user_lists';
  const key = ids === null ? `''` : query.dimension ? `lists.entity_id || char(0) || lists.value` : 'lists.entity_id';
  const filters = ['lists.level = ?', 'lists.date BETWEEN ? AND ?'];
  const params: unknown[] = [query.level, query.range.start, query.range.end];
  if (query.dimension) {
    filters.push('lists.dimension = ?');
    params.push(query.dimension);
  }
  if (ids !== null) {
    filters.push(inJsonList('lists.entity_id'));
    params.push(JSON.stringify(ids));
  }
  const rows = db.all<{ key: string; userId: string }>(
    `SELECT ${key} AS key, users.value AS userId FROM ${table} AS lists, json_each(lists.${listColumn(query.list)}) AS users
     WHERE ${filters.join(' AND ')} GROUP BY 1, 2 ORDER BY 1, 2`,
    params,
  );
  const byKey = groupBy(rows, (row) => row.key);
  return new Map([...byKey].map(([key, users]) => [key, users.map((row) => row.userId)]));
}

/** First and last day with any daily row, or nulls when the table is empty. */
export function dataDaySpan(db: SqlReader): { firstDay: string | null; lastDay: string | null } {
  return db.get<{ firstDay: string | null; lastDay: string | null }>(
    `SELECT MIN(date) AS firstDay, MAX(date) AS lastDay FROM daily_metrics`,
  ) ?? { firstDay: null, lastDay: null };
}

/** The ids of one level with the most spend over the range, most first (e.g. for example queries). */
export function topSpenders(db: SqlReader, level: EntityLevel, range: DayRange, limit: number): string[] {
  return db
    .all<{ entityId: string }>(
      `SELECT entity_id AS entityId FROM daily_metrics WHERE level = ? AND date BETWEEN ? AND ?
       GROUP BY entity_id ORDER BY SUM(spend) DESC, entity_id LIMIT ?`,
      [level, range.start, range.end, limit],
    )
    .map((row) => row.entityId);
}
