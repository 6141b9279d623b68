/**
 * The app database (pre-computed tables, run history), whichever backend holds it: what the API
 * server, pipeline control and the pipeline's run log need from it.
 */
import type { Database, SnapshotReaders } from './database.ts';
import { openPostgresAppDatabase } from './postgres/app-database.ts';
import { isPostgresUrl } from './postgres/url.ts';
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
  close(): Promise<void>;
}

/** Opens (creating if needed) the app database at `location` and applies pending migrations. */
export async function openAppDatabase(location: string): Promise<AppDatabase> {
  return isPostgresUrl(location) ? openPostgresAppDatabase(location) : openSqliteAppDatabase(location);
}
