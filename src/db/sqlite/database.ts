/**
 * The SQLite implementation of the database interface over one better-sqlite3 connection. Calls
 * run synchronously and hand back settled promises, one per statement. Statements are prepared
 * once per SQL text (queries pass id lists as one parameter, so their text does not vary).
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Database, SqlParams } from '../database.ts';
import { sqliteDialect } from './dialect.ts';

/** WAL lets API readers keep their snapshot while a pipeline run writes. */
export function applyConnectionSettings(connection: BetterSqlite3.Database): void {
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('busy_timeout = 10000');
}

export class SqliteDatabase implements Database {
  readonly dialect = sqliteDialect;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  /** `onQuery` sees every statement executed, e.g. to count them. */
  constructor(
    /** The connection itself, for the SQLite side of structural pieces (attachments, the worker thread). */
    readonly connection: BetterSqlite3.Database,
    private readonly onQuery?: (sql: string) => void,
  ) {}

  private statement(sql: string): BetterSqlite3.Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.connection.prepare(sql);
      this.statements.set(sql, prepared);
    }
    this.onQuery?.(sql);
    return prepared;
  }

  async all<Row>(sql: string, params: SqlParams = []): Promise<Row[]> {
    return this.statement(sql).all(...params) as Row[];
  }

  async get<Row>(sql: string, params: SqlParams = []): Promise<Row | undefined> {
    return this.statement(sql).get(...params) as Row | undefined;
  }

  async run(sql: string, params: SqlParams = []): Promise<{ changes: number }> {
    return { changes: this.statement(sql).run(...params).changes };
  }

  async exec(sql: string): Promise<void> {
    this.onQuery?.(sql);
    this.connection.exec(sql);
  }

  /** BEGIN IMMEDIATE: a writer takes the lock up front instead of failing to upgrade a read lock. */
  async transaction<T>(work: (db: Database) => Promise<T>): Promise<T> {
    this.connection.exec('BEGIN IMMEDIATE');
    try {
      const result = await work(this);
      this.connection.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.connection.inTransaction) this.connection.exec('ROLLBACK');
      throw error;
    }
  }

  async close(): Promise<void> {
    this.connection.close();
  }
}

/** Opens a file with the app database's connection settings. */
export function openSqliteDatabase(
  path: string,
  options: BetterSqlite3.Options = {},
  onQuery?: (sql: string) => void,
): SqliteDatabase {
  const connection = new BetterSqlite3(path, options);
  applyConnectionSettings(connection);
  return new SqliteDatabase(connection, onQuery);
}
