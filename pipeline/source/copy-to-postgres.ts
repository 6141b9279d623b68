/**
 * Copies source tables from an SQLite file into a PostgreSQL schema: the contract's tables with
 * PostgreSQL column types, filled in batches (one INSERT … SELECT FROM unnest(arrays) per batch,
 * a handful of parameters instead of one per value).
 */
import Database from 'better-sqlite3';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { quoteIdentifier, type PostgresDatabase } from '../../src/db/postgres/connection.ts';
import { columnType, createTableSql } from './contract.ts';

const ROWS_PER_BATCH = 20_000;

/**
 * Creates `tables` in `schema` (which must exist and not hold them yet) and copies their rows
 * from the SQLite file. Runs on the caller's connection, inside the caller's transaction if any.
 * Returns the rows copied per table.
 */
export async function copySqliteTablesToPostgres(
  sqlitePath: string,
  target: PostgresDatabase,
  schema: string,
  tables: readonly SQLiteTable[],
  /** Give the copies the contract's primary keys (false: the source may repeat a key). */
  keyed = true,
): Promise<Record<string, number>> {
  const sqlite = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  try {
    const copied: Record<string, number> = {};
    for (const table of tables) {
      await target.exec(createTableSql(table, schema, { keys: keyed }));
      copied[getTableConfig(table).name] = await copyRows(sqlite, target, schema, table);
    }
    return copied;
  } finally {
    sqlite.close();
  }
}

async function copyRows(sqlite: Database.Database, target: PostgresDatabase, schema: string, table: SQLiteTable): Promise<number> {
  const { name, columns } = getTableConfig(table);
  const columnList = columns.map((c) => quoteIdentifier(c.name)).join(', ');
  const arrays = columns.map((c) => `?::${columnType(c, true)}[]`).join(', ');
  const insert = `INSERT INTO ${quoteIdentifier(schema)}.${quoteIdentifier(name)} (${columnList}) SELECT * FROM unnest(${arrays})`;
  const rows = sqlite.prepare(`SELECT ${columnList} FROM ${quoteIdentifier(name)}`).raw().iterate() as Iterable<unknown[]>;
  let batch: unknown[][] = columns.map(() => []);
  let pending = 0;
  let copied = 0;
  const flush = async () => {
    if (pending === 0) return;
    await target.run(insert, batch);
    copied += pending;
    batch = columns.map(() => []);
    pending = 0;
  };
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) batch[i]!.push(row[i]);
    if (++pending === ROWS_PER_BATCH) await flush();
  }
  await flush();
  return copied;
}
