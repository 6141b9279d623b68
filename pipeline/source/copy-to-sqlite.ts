/**
 * Copies source tables from a PostgreSQL schema into an SQLite file, for a run whose app database
 * is SQLite (api.md: any mix of sources): the contract's tables without keys (the keys step finds
 * repeated keys itself, steps/keys.ts), read through a server-side cursor in batches so that a
 * large table never sits in memory whole, and written in one transaction.
 */
import Database from 'better-sqlite3';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { PostgresDatabase, quoteIdentifier } from '../../src/db/postgres/connection.ts';
import { parsePostgresUrl } from '../../src/db/postgres/url.ts';
import { createTableSql } from './contract.ts';

const ROWS_PER_BATCH = 20_000;

/** Creates `tables` in the new SQLite file `sqlitePath` and copies their rows from the schema of `url`; returns rows per table. */
export async function copyPostgresTablesToSqlite(url: string, sqlitePath: string, tables: readonly SQLiteTable[]): Promise<Record<string, number>> {
  const location = parsePostgresUrl(url);
  const source = PostgresDatabase.open(location, { max: 1, applicationName: 'ads-metrics source copy' });
  const target = new Database(sqlitePath);
  try {
    target.exec('BEGIN');
    const copied: Record<string, number> = {};
    for (const table of tables) {
      target.exec(createTableSql(table, undefined, { keys: false }));
      copied[getTableConfig(table).name] = await copyRows(source, location.schema, target, table);
    }
    target.exec('COMMIT');
    return copied;
  } finally {
    if (target.inTransaction) target.exec('ROLLBACK');
    target.close();
    await source.close();
  }
}

async function copyRows(source: PostgresDatabase, schema: string, target: Database.Database, table: SQLiteTable): Promise<number> {
  const { name, columns } = getTableConfig(table);
  const columnList = columns.map((c) => quoteIdentifier(c.name)).join(', ');
  const insert = target.prepare(`INSERT INTO ${quoteIdentifier(name)} (${columnList}) VALUES (${columns.map(() => '?').join(', ')})`);
  // A cursor lives in a transaction; READ ONLY: the source is never written.
  return source.transaction(async (tx) => {
    await tx.exec(`DECLARE source_rows NO SCROLL CURSOR FOR SELECT ${columnList} FROM ${quoteIdentifier(schema)}.${quoteIdentifier(name)}`);
    let copied = 0;
    for (;;) {
      const rows = await tx.all<Record<string, unknown>>(`FETCH ${ROWS_PER_BATCH} FROM source_rows`);
      for (const row of rows) insert.run(columns.map((c) => row[c.name] ?? null));
      copied += rows.length;
      if (rows.length < ROWS_PER_BATCH) return copied;
    }
  }, 'BEGIN READ ONLY');
}
