/**
 * One read snapshot per request, SQLite side: each request reads through its own pooled
 * connection inside one read transaction, so a pipeline run that publishes in the middle of a
 * request can never give it rows of two runs. Connections are reused; each keeps its prepared
 * statements.
 */
import type { SnapshotReader, SnapshotReaders } from '../database.ts';
import { openSqliteDatabase, type SqliteDatabase } from './database.ts';
import { sqliteDialect } from './dialect.ts';

export class SqliteSnapshotReaders implements SnapshotReaders {
  private readonly idle: SqliteDatabase[] = [];

  constructor(
    private readonly path: string,
    private readonly onQuery?: (sql: string) => void,
  ) {}

  open(): SnapshotReader {
    let connection: SqliteDatabase | null = null;
    const acquire = (): SqliteDatabase => {
      if (!connection) {
        connection = this.idle.pop() ?? this.connect();
        connection.connection.exec('BEGIN');
      }
      return connection;
    };
    return {
      dialect: sqliteDialect,
      all: (sql, params) => acquire().all(sql, params),
      get: (sql, params) => acquire().get(sql, params),
      release: async () => {
        if (!connection) return;
        connection.connection.exec('COMMIT');
        this.idle.push(connection);
        connection = null;
      },
    };
  }

  async close(): Promise<void> {
    for (const db of this.idle.splice(0)) await db.close();
  }

  private connect(): SqliteDatabase {
    const db = openSqliteDatabase(this.path, { fileMustExist: true }, this.onQuery);
    db.connection.pragma('query_only = ON');
    return db;
  }
}
