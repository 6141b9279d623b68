/** The app database in an SQLite file: opened (created when missing) with its migrations applied. */
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import type { AppDatabase } from '../app-database.ts';
import { publishedRunId } from '../tables/pipeline-runs-reads.ts';
import { openSqliteDatabase, type SqliteDatabase } from './database.ts';
import { SqliteSnapshotReaders } from './snapshot-readers.ts';

export const SQLITE_MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

export interface SqliteAppDatabase extends AppDatabase {
  db: SqliteDatabase;
}

export function openSqliteAppDatabase(path: string): SqliteAppDatabase {
  const db = openSqliteDatabase(path);
  migrate(drizzle(db.connection), { migrationsFolder: SQLITE_MIGRATIONS_FOLDER });
  return {
    db,
    location: path,
    snapshots: (onQuery) => new SqliteSnapshotReaders(path, onQuery),
    publishedRunId: () => publishedRunId(db),
    close: () => db.close(),
  };
}
