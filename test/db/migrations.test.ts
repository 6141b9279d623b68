import Database from 'better-sqlite3';
import { is } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { SQLiteTable, getTableConfig } from 'drizzle-orm/sqlite-core';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteAppDatabase, SQLITE_MIGRATIONS_FOLDER as MIGRATIONS_FOLDER } from '../../src/db/sqlite/app-database.ts';
import * as schema from '../../src/db/schema.ts';

const dir = mkdtempSync(join(tmpdir(), 'migrations-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const APP_TABLES = [
  'adset_campaign_mapping',
  'alert_states',
  'api_keys',
  'breakdown_user_lists',
  'daily_metrics',
  'daily_metrics_breakdown',
  'daily_user_lists',
  'id_hierarchy_mapping',
  'id_name_history',
  'id_name_mapping',
  'pipeline_runs',
  'published_dataset',
];
const SCHEMA_TABLES: SQLiteTable[] = Object.values(schema as Record<string, unknown>).filter((value) => is(value, SQLiteTable));
const JOURNAL_ENTRIES: unknown[] = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')).entries;

const tablesOf = (sqlite: Database.Database) =>
  sqlite
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name`)
    .pluck()
    .all();
const appliedMigrations = (sqlite: Database.Database) => sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();

describe('app database migrations', () => {
  it('apply to an empty file: all 12 tables, WAL mode, one record per migration', () => {
    const path = join(dir, 'fresh.db');
    const sqlite = openSqliteAppDatabase(path).db.connection;
    expect(tablesOf(sqlite)).toEqual(APP_TABLES);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(appliedMigrations(sqlite)).toBe(JOURNAL_ENTRIES.length);
    sqlite.close();
    const reopened = new Database(path, { readonly: true });
    expect(reopened.pragma('journal_mode', { simple: true })).toBe('wal'); // WAL is stored in the file
    reopened.close();
  });

  it('match the Drizzle schema: every table, column and index exists', () => {
    const sqlite = openSqliteAppDatabase(join(dir, 'schema.db')).db.connection;
    expect(SCHEMA_TABLES.map((t) => getTableConfig(t).name).sort()).toEqual(APP_TABLES);
    for (const table of SCHEMA_TABLES) {
      const { name, columns, indexes } = getTableConfig(table);
      const present = sqlite.prepare('SELECT name FROM pragma_table_xinfo(?)').pluck().all(name);
      expect(present, name).toEqual(expect.arrayContaining(columns.map((c) => c.name)));
      const presentIndexes = sqlite.prepare('SELECT name FROM pragma_index_list(?)').pluck().all(name);
      expect(presentIndexes, name).toEqual(expect.arrayContaining(indexes.map((i) => i.config.name)));
    }
    sqlite.close();
  });

  it('are idempotent: opening again applies nothing twice and keeps the data', () => {
    const path = join(dir, 'reopened.db');
    const first = openSqliteAppDatabase(path).db.connection;
    drizzle(first).insert(schema.idNameMapping).values({ level: 'ad', entityId: '42', name: 'Kept', frequency: 3, lastSeen: '2025-06-30' }).run();
    // A second process (the API while the pipeline holds the file) opens it at the same time.
    const concurrent = openSqliteAppDatabase(path).db.connection;
    expect(appliedMigrations(concurrent)).toBe(JOURNAL_ENTRIES.length);
    concurrent.close();
    first.close();

    const again = openSqliteAppDatabase(path).db.connection;
    expect(appliedMigrations(again)).toBe(JOURNAL_ENTRIES.length);
    expect(tablesOf(again)).toEqual(APP_TABLES);
    expect(drizzle(again).select().from(schema.idNameMapping).all()).toEqual([
      { level: 'ad', entityId: '42', name: 'Kept', frequency: 3, lastSeen: '2025-06-30' },
    ]);
    again.close();
  });

  it('0002 moves the user lists of an existing database to their own tables, losing none', async () => {
    // A database at migration 0001, where the lists were columns of the daily and breakdown rows.
    const folder = join(dir, 'up-to-0001');
    mkdirSync(join(folder, 'meta'), { recursive: true });
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'));
    journal.entries = journal.entries.slice(0, 2);
    writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
    for (const { tag } of journal.entries) copyFileSync(join(MIGRATIONS_FOLDER, `${tag}.sql`), join(folder, `${tag}.sql`));
    const path = join(dir, 'lists-moved.db');
    const old = new Database(path);
    migrate(drizzle(old), { migrationsFolder: folder });
    old.exec(`INSERT INTO daily_metrics (level, entity_id, date, trials, trial_user_ids) VALUES ('ad', 'a1', '2025-07-01', 2, '["u1","u2"]'),
                ('ad', 'a1', '2025-07-02', 0, '[]');
              INSERT INTO daily_metrics_breakdown (level, entity_id, dimension, date, value, purchases, purchase_user_ids)
                VALUES ('ad', 'a1', 'country', '2025-07-01', 'US', 1, '["u3"]')`);
    old.close();

    const migrated = await openSqliteAppDatabase(path);
    const rows = (sql: string) => migrated.db.connection.prepare(sql).all();
    expect(rows('SELECT level, entity_id, date, trials FROM daily_metrics ORDER BY date')).toEqual([
      { level: 'ad', entity_id: 'a1', date: '2025-07-01', trials: 2 },
      { level: 'ad', entity_id: 'a1', date: '2025-07-02', trials: 0 },
    ]);
    // Only rows with a listed user get a row of lists.
    expect(rows('SELECT date, trial_user_ids, purchase_user_ids FROM daily_user_lists')).toEqual([
      { date: '2025-07-01', trial_user_ids: '["u1","u2"]', purchase_user_ids: '[]' },
    ]);
    expect(rows('SELECT value, purchase_user_ids FROM breakdown_user_lists')).toEqual([{ value: 'US', purchase_user_ids: '["u3"]' }]);
    await migrated.close();
  });
});
