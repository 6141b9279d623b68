/**
 * The app database (pre-computed tables, run history), whichever backend holds it: what the API
 * server, pipeline control and the pipeline's run log need from it.
 */
import type { Database, SnapshotReaders } from './database.ts';
import { openSqliteAppDatabase } from './sqlite/app-database.ts';

export interface AppDatabase {
  /** Where it is, as given (`--db`): a file path or a database URL. */
  location: string;
  /** The process's own connection: run records, and live reads outside any request snapshot. */
  db: Database;
  /** Read snapshots for API requests; `onQuery` sees every statement they execute. */
  snapshots(onQuery?: (sql: string) => void): SnapshotReaders;
  close(): Promise<void>;
}

/** Opens (creating if needed) the app database at `location` and applies pending migrations. */
export async function openAppDatabase(location: string): Promise<AppDatabase> {
  return openSqliteAppDatabase(location);
}
