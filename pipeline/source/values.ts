/**
 * The value contract of metrics.md M31: each source column the rules read, with its contract type,
 * and the SQL that names a row's first unusable value as `column: reason` (NULL for a usable row).
 * The steps skip such rows and the sources step counts them per table, column and reason (M32).
 */
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import type { Dialect } from '../../src/db/dialect.ts';
import { literal } from '../sql.ts';
import { REQUIRED_SOURCE_TABLES, type RequiredSourceTableName } from './tables.ts';

/** M31's types: `spend` is money that may not be negative. */
export type ValueType = 'count' | 'money' | 'spend' | 'rate' | 'day' | 'timestamp';

const META_VALUES = { date: 'day', spend: 'spend', impressions: 'count', clicks: 'count', meta_trials: 'count', meta_purchases: 'count' } as const;

/** The columns the rules read, per source table (mixpanel_user's are ids and a flag, no M31 values). */
export const CHECKED_VALUES: Record<RequiredSourceTableName, Readonly<Record<string, ValueType>>> = {
  ad_performance_daily: META_VALUES,
  ad_performance_daily_country: META_VALUES,
  ad_performance_daily_region: META_VALUES,
  ad_performance_daily_device: META_VALUES,
  mixpanel_user: {},
  mixpanel_event: { event_time: 'timestamp', revenue_usd: 'money' },
  user_product_metrics: {
    current_value: 'money',
    trial_conversion_rate: 'rate',
    trial_converted_to_refund_rate: 'rate',
    initial_purchase_to_refund_rate: 'rate',
  },
};

/** 2^53 − 1: the largest count a double (and the API's Count) holds exactly (M31). */
const MAX_COUNT = '9007199254740991';

/** Columns the contract declares NOT NULL, per table: NULL there is a missing value. */
const REQUIRED_COLUMNS = new Map(
  REQUIRED_SOURCE_TABLES.map((table) => {
    const { name, columns } = getTableConfig(table);
    return [name, new Set(columns.filter((column) => column.notNull).map((column) => column.name))];
  }),
);

/** SQL giving why the non-NULL value `x` is not of `type`, or NULL when it is (CASE: checked in order). */
function typeProblem(dialect: Dialect, type: ValueType, x: string): string {
  const notNumber = `WHEN NOT ${dialect.isNumber(x)} THEN 'not a number'`;
  const infinite = `WHEN ${x} IN (${dialect.infinity}, -${dialect.infinity}) THEN 'not finite'`;
  switch (type) {
    case 'count':
      return `CASE ${notNumber} WHEN ${x} < 0 THEN 'negative' WHEN ${x} > ${MAX_COUNT} THEN 'over 2^53-1'
                   WHEN round(${x}) <> ${x} THEN 'not a whole number' END`;
    case 'money':
      return `CASE ${notNumber} ${infinite} END`;
    case 'spend':
      return `CASE ${notNumber} ${infinite} WHEN ${x} < 0 THEN 'negative' END`;
    case 'rate':
      return `CASE ${notNumber} WHEN ${x} < 0 OR ${x} > 1 THEN 'outside 0..1' END`;
    case 'day':
      return `CASE WHEN NOT ${dialect.isCalendarDate(x)} THEN 'not a calendar day' END`;
    case 'timestamp':
      return `CASE WHEN ${x} IS NULL THEN 'not a timestamp' END`;
  }
}

export interface ValueChecks {
  /**
   * SQL giving a row's first unusable value as `column: reason`, or NULL. `ref` gives a column's
   * expression; a timestamp column's is its normalised value (`dialect.utcTimestamp`), which the
   * caller usually computes anyway.
   */
  rowProblem(table: RequiredSourceTableName, ref: (column: string) => string): string;
}

/**
 * The checks of M31. `enabled: false` (the benchmark's switch, to measure their cost) checks only
 * what the rules cannot do without: calendar days and parseable timestamps.
 */
export function valueChecks(dialect: Dialect, enabled = true): ValueChecks {
  return {
    rowProblem(table, ref) {
      const required = REQUIRED_COLUMNS.get(table)!;
      const problems = Object.entries(CHECKED_VALUES[table])
        .filter(([, type]) => enabled || type === 'day' || type === 'timestamp')
        .map(([column, type]) => {
          const x = ref(column);
          const whenNull = type !== 'timestamp' && required.has(column) ? `'missing'` : 'NULL';
          const problem = type === 'timestamp' ? typeProblem(dialect, type, x) : `CASE WHEN ${x} IS NULL THEN ${whenNull} ELSE ${typeProblem(dialect, type, x)} END`;
          return `${literal(`${column}: `)} || ${problem}`;
        });
      if (problems.length === 0) return 'CAST(NULL AS TEXT)';
      return problems.length === 1 ? `(${problems[0]})` : `coalesce(${problems.join(', ')})`;
    },
  };
}

/** table → column → reason → rows skipped (M32). */
export type SkippedRows = Record<string, Record<string, Record<string, number>>>;

/** Adds the rows counted under `problem` (`column: reason`, as rowProblem gives it) to `skipped`. */
export function countSkipped(skipped: SkippedRows, table: string, problem: string, rows: number): void {
  const separator = problem.indexOf(': ');
  const column = problem.slice(0, separator);
  const reason = problem.slice(separator + 2);
  const columns = (skipped[table] ??= {});
  const reasons = (columns[column] ??= {});
  reasons[reason] = (reasons[reason] ?? 0) + rows;
}

/** `event_time not a timestamp 3, revenue_usd not a number 1`, for messages. */
export const describeSkipped = (columns: SkippedRows[string]) =>
  Object.entries(columns)
    .flatMap(([column, reasons]) => Object.entries(reasons).map(([reason, rows]) => `${column} ${reason} ${rows.toLocaleString('en-US')}`))
    .join(', ');
