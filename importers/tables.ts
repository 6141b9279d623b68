/**
 * The source tables an import writes, with their columns and keys taken from the contract's typed
 * definitions (pipeline/source/tables.ts), so the importers never spell a column list of their own.
 */
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { REQUIRED_SOURCE_TABLES, type RequiredSourceTableName } from '../pipeline/source/tables.ts';

/** An import writes the required source tables only. */
export type SourceTableName = RequiredSourceTableName;

export interface ImportTable {
  name: SourceTableName;
  table: SQLiteTable;
  /** Column names in the contract's order: the order of a mapped row's values. */
  columns: readonly string[];
  /** The primary key's columns. */
  key: readonly string[];
}

export const IMPORT_TABLES: ReadonlyMap<SourceTableName, ImportTable> = new Map(
  REQUIRED_SOURCE_TABLES.map((table) => {
    const config = getTableConfig(table);
    const columns = config.columns.map((c) => c.name);
    const primary = config.columns.filter((c) => c.primary).map((c) => c.name);
    const key = config.primaryKeys[0]?.columns.map((c) => c.name) ?? primary;
    return [config.name as SourceTableName, { name: config.name as SourceTableName, table, columns, key }];
  }),
);

export function importTable(name: SourceTableName): ImportTable {
  const table = IMPORT_TABLES.get(name);
  if (!table) throw new Error(`not a source table: ${name}`);
  return table;
}
