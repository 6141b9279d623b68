/**
 * The app database (pre-computed tables, run history), whichever backend holds it: what the API
 * server, pipeline control and the pipeline's run log need from it.
 */
import type { Database, SnapshotReaders } from './database.ts';
import { openPostgresAppDatabase } from './postgres/app-database.ts';
import { isPostgresUrl } from './postgres/url.ts';
import { assertSqliteAppDatabasePath } from './sqlite/app-database-path.ts';
import { openSqliteAppDatabase } from './sqlite/app-database.ts';

export interface AppDatabase {
  /** Where it is, as given (`--db`): a file path or a database URL. */
  location: string;
  /** The process's own connection: run records, and live reads outside any request snapshot. */
  db: Database;
  /** Read snapshots for API requests; `onQuery` sees every statement they execute. */
  snapshots(onQuery?: (sql: string) => void): SnapshotReaders;
  /**
   * The published run, the data version that keys the response cache; null before any. PostgreSQL
   * follows it by LISTEN/NOTIFY and polling (other processes publish), so it costs no query.
   */
  publishedRunId(): Promise<number | null>;
  /** Marks runs whose process is gone as interrupted; returns the id of the run still in progress, if any. */
  settleAbandonedRuns(): Promise<number | null>;
  /**
   * The right to run the pipeline, held until released (one run at a time). On PostgreSQL an
   * advisory lock on a session of its own, freed by the server if the process dies; `wait` waits
   * for a holder handing it over (a run started from the API). Null when another process holds it.
   */
  holdRunLock(options?: { wait?: boolean }): Promise<RunLockHold | null>;
  close(): Promise<void>;
}

export interface RunLockHold {
  /** Where the holder records its run (on PostgreSQL the lock's own session). */
  db: Database;
  /** settleAbandonedRuns as the holder sees it (runs before its own are abandoned). */
  settleAbandonedRuns(): Promise<number | null>;
  /** Lets a process that waits for the lock have it (the run it recorded now belongs to that process). */
  handOver(): Promise<void>;
  release(): Promise<void>;
}

/**
 * Checks, without writing anything, that `location` can hold the app database (a run validates it
 * before it starts); throws AppDatabasePathError naming the problem.
 */
export function assertAppDatabaseLocation(location: string): void {
  // A PostgreSQL URL is checked by connecting, when the run opens it.
  if (!isPostgresUrl(location)) assertSqliteAppDatabasePath(location);
}

/** Opens (creating if needed) the app database at `location` and applies pending migrations. */
export async function openAppDatabase(location: string): Promise<AppDatabase> {
  return isPostgresUrl(location) ? openPostgresAppDatabase(location) : openSqliteAppDatabase(location);
}
