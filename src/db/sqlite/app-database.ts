/** The app database in an SQLite file: opened (created when missing) with its migrations applied. */
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import type { AppDatabase } from '../app-database.ts';
import { settleAbandonedRuns } from '../../../pipeline/run-log.ts';
import { publishedRunId } from '../tables/pipeline-runs-reads.ts';
import { AppDatabasePathError, assertSqliteAppDatabasePath } from './app-database-path.ts';
import { openSqliteDatabase, type SqliteDatabase } from './database.ts';
import { SqliteSnapshotReaders } from './snapshot-readers.ts';

export const SQLITE_MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

export interface SqliteAppDatabase extends AppDatabase {
  db: SqliteDatabase;
}

/** Throws AppDatabasePathError naming the path and the reason when the file cannot be opened or migrated. */
export function openSqliteAppDatabase(path: string): SqliteAppDatabase {
  assertSqliteAppDatabasePath(path);
  let db: SqliteDatabase | undefined;
  try {
    db = openSqliteDatabase(path);
    migrate(drizzle(db.connection), { migrationsFolder: SQLITE_MIGRATIONS_FOLDER });
  } catch (error) {
    db?.connection.close();
    throw new AppDatabasePathError(`cannot open app database ${path}: ${(error as Error).message}`);
  }
  return {
    db,
    location: path,
    snapshots: (onQuery) => new SqliteSnapshotReaders(path, onQuery),
    publishedRunId: () => publishedRunId(db),
    // One file, one machine: process ids tell live runs (pipeline/run-log.ts); no lock to hold.
    settleAbandonedRuns: () => settleAbandonedRuns(db),
    holdRunLock: async () => ({
      db,
      settleAbandonedRuns: () => settleAbandonedRuns(db),
      handOver: async () => {},
      release: async () => {},
    }),
    close: () => db.close(),
  };
}
