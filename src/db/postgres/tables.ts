/**
 * The app tables for PostgreSQL, made from the SQLite definitions in src/db/tables/ (the one
 * description; Drizzle has no dialect-neutral table core). drizzle-kit reads this file for the
 * PostgreSQL migrations (drizzle.postgres.config.ts), so a change to a table reaches both.
 * - text columns compare and sort in code-point order (COLLATE "C", M4), whatever the database's
 *   default collation;
 * - real is double precision (PostgreSQL's real has 4 bytes), integer is bigint (counts and sums).
 */
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { bigint, customType, doublePrecision, index, integer, pgTable, primaryKey, uniqueIndex, type PgColumnBuilderBase } from 'drizzle-orm/pg-core';
import * as sqliteTables from '../schema.ts';

const codePointText = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

/** What this file calls on every kind of column builder (each kind has its own generic type). */
type ColumnBuilder = PgColumnBuilderBase & { primaryKey(): ColumnBuilder; notNull(): ColumnBuilder; default(value: unknown): ColumnBuilder };

function baseColumn(source: SQLiteColumn): ColumnBuilder {
  const type = source.getSQLType();
  const autoIncrement = (source as SQLiteColumn & { autoIncrement?: boolean }).autoIncrement === true;
  const builder =
    type === 'text' ? codePointText(source.name)
    : type === 'real' ? doublePrecision(source.name)
    : type === 'integer' && autoIncrement ? integer(source.name).generatedByDefaultAsIdentity()
    : type === 'integer' ? bigint(source.name, { mode: 'number' })
    : null;
  if (!builder) throw new Error(`no PostgreSQL type for column ${source.name} (${type})`);
  return builder as unknown as ColumnBuilder;
}

function column(source: SQLiteColumn): ColumnBuilder {
  let builder = baseColumn(source);
  if (source.primary) builder = builder.primaryKey();
  else if (source.notNull) builder = builder.notNull();
  if (source.hasDefault && (typeof source.default === 'number' || typeof source.default === 'string')) builder = builder.default(source.default);
  return builder;
}

/** The PostgreSQL twin of an SQLite table: same name, columns, keys and indexes. */
export function postgresTwin(table: SQLiteTable) {
  const config = getTableConfig(table);
  const columns = Object.fromEntries(config.columns.map((c) => [c.name, column(c)]));
  return pgTable(config.name, columns, (t) => [
    ...config.primaryKeys.map((key) => primaryKey({ columns: key.columns.map((c) => t[c.name]!) as [never, ...never[]] })),
    ...config.indexes.map((definition) => {
      const { name, columns: on, unique } = definition.config;
      const targets = on.map((c) => t[(c as SQLiteColumn).name]!) as [never, ...never[]];
      return (unique ? uniqueIndex(name) : index(name)).on(...targets);
    }),
  ]);
}

export const dailyMetrics = postgresTwin(sqliteTables.dailyMetrics);
export const dailyMetricsBreakdown = postgresTwin(sqliteTables.dailyMetricsBreakdown);
export const dailyUserLists = postgresTwin(sqliteTables.dailyUserLists);
export const breakdownUserLists = postgresTwin(sqliteTables.breakdownUserLists);
export const idNameMapping = postgresTwin(sqliteTables.idNameMapping);
export const idNameHistory = postgresTwin(sqliteTables.idNameHistory);
export const idHierarchyMapping = postgresTwin(sqliteTables.idHierarchyMapping);
export const adsetCampaignMapping = postgresTwin(sqliteTables.adsetCampaignMapping);
export const pipelineRuns = postgresTwin(sqliteTables.pipelineRuns);
export const publishedDataset = postgresTwin(sqliteTables.publishedDataset);
export const apiKeys = postgresTwin(sqliteTables.apiKeys);
export const alertStates = postgresTwin(sqliteTables.alertStates);
