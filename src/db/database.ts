/**
 * The one database interface every query goes through, whichever backend holds the data (api.md
 * "Storage backends"): SQLite through better-sqlite3 (src/db/sqlite/) or PostgreSQL (src/db/postgres/).
 * SQL texts are written once, with `?` positional parameters (the PostgreSQL side numbers them),
 * and take the few expressions that differ from `dialect` (src/db/dialect.ts).
 */
import type { Dialect } from './dialect.ts';

export type SqlParams = readonly unknown[];

/** What reading needs: one promise per statement, never per row. */
export interface SqlReader {
  readonly dialect: Dialect;
  all<Row>(sql: string, params?: SqlParams): Promise<Row[]>;
  get<Row>(sql: string, params?: SqlParams): Promise<Row | undefined>;
}

export interface Database extends SqlReader {
  /** One statement for its effect; `changes` counts the rows it inserted, updated or deleted. */
  run(sql: string, params?: SqlParams): Promise<{ changes: number }>;
  /** Several `;`-separated statements without parameters (DDL, scratch tables). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `work` in one transaction on one connection, committed when it resolves and rolled back
   * when it throws; `work` must use the handle it is given.
   */
  transaction<T>(work: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Reads of one API request: one snapshot of the data for all its statements. */
export interface SnapshotReader extends SqlReader {
  /** Ends the snapshot and frees its connection; safe to call twice. */
  release(): Promise<void>;
}

export interface SnapshotReaders {
  /** A reader whose first statement starts the snapshot every later statement of it sees. */
  open(): SnapshotReader;
  close(): Promise<void>;
}
