/**
 * The PostgreSQL app tables come from the SQLite definitions (src/db/postgres/tables.ts) and their
 * drizzle-kit migrations: a table or column added on one side and not the other fails here.
 */
import { is } from 'drizzle-orm';
import { getTableConfig as getPgTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPostgresAppDatabase, POSTGRES_MIGRATIONS_FOLDER } from '../../src/db/postgres/app-database.ts';
import * as postgresTables from '../../src/db/postgres/tables.ts';
import * as sqliteTables from '../../src/db/schema.ts';
import { freshPostgresUrl } from '../fixtures/backends.ts';

const SQLITE_TABLES = Object.values(sqliteTables as Record<string, unknown>).filter((value): value is SQLiteTable => is(value, SQLiteTable));
const POSTGRES_TABLES = Object.values(postgresTables as Record<string, unknown>).filter((value): value is PgTable => is(value, PgTable));
const JOURNAL_ENTRIES: unknown[] = JSON.parse(readFileSync(join(POSTGRES_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')).entries;
const storedColumns = (table: SQLiteTable) => getTableConfig(table).columns.map((c) => c.name).sort();

describe('PostgreSQL app database migrations [postgres]', () => {
  it('define a twin of every SQLite app table, with its stored columns', () => {
    const twins = new Map(POSTGRES_TABLES.map((table) => [getPgTableConfig(table).name, table]));
    expect([...twins.keys()].sort()).toEqual(SQLITE_TABLES.map((table) => getTableConfig(table).name).sort());
    for (const table of SQLITE_TABLES) {
      const twin = twins.get(getTableConfig(table).name)!;
      expect(getPgTableConfig(twin).columns.map((c) => c.name).sort()).toEqual(storedColumns(table));
    }
  });

  it('create every table and column in the URL schema, also when several processes open it at once, and apply nothing twice', async () => {
    const url = await freshPostgresUrl('migrations');
    const opened = await Promise.all([openPostgresAppDatabase(url), openPostgresAppDatabase(url), openPostgresAppDatabase(url)]);
    const [app] = opened;
    try {
      const columns = await app!.db.all<{ table_name: string; column_name: string; data_type: string; collation_name: string | null }>(
        `SELECT table_name, column_name, data_type, collation_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name <> '__drizzle_migrations' ORDER BY table_name, column_name`,
      );
      for (const table of SQLITE_TABLES) {
        const { name } = getTableConfig(table);
        expect(columns.filter((c) => c.table_name === name).map((c) => c.column_name), name).toEqual(storedColumns(table));
      }
      // M4: text compares in code-point order whatever the server's default collation.
      expect(columns.filter((c) => c.data_type === 'text').every((c) => c.collation_name === 'C')).toBe(true);
      expect(columns.filter((c) => c.data_type === 'real')).toEqual([]);
      const applied = await app!.db.get<{ n: number }>('SELECT count(*) AS n FROM __drizzle_migrations');
      expect(Number(applied?.n)).toBe(JOURNAL_ENTRIES.length);
    } finally {
      for (const database of opened) await database.close();
    }
  });
});
