import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export type AppDb = BetterSQLite3Database<typeof schema>;
export interface AppDatabase {
  sqlite: Database.Database;
  db: AppDb;
}

/** WAL lets API readers keep their snapshot while a pipeline run writes. */
export function applyConnectionSettings(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 10000');
}

/** Opens (creating if needed) the app database and applies pending migrations. */
export function openAppDatabase(path: string): AppDatabase {
  const sqlite = new Database(path);
  applyConnectionSettings(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { sqlite, db };
}
