/**
 * One read snapshot per request (issue 5): each request reads through its own pooled connection
 * inside one read transaction, so a pipeline run that publishes in the middle of a request can
 * never give it rows of two runs. Connections are reused; each keeps its prepared statements.
 */
import Database from 'better-sqlite3';
import { applyConnectionSettings } from './open.ts';
import { createSqlReader, type SqlReader } from './tables/read-handle.ts';

export interface SnapshotReader extends SqlReader {
  /** Ends the read transaction and returns the connection to the pool; safe to call twice. */
  release(): void;
}

interface PooledConnection {
  sqlite: Database.Database;
  reader: SqlReader;
}

export class SnapshotReaders {
  private readonly idle: PooledConnection[] = [];

  constructor(
    private readonly path: string,
    private readonly onQuery?: (sql: string) => void,
  ) {}

  /** A reader whose first statement starts the snapshot every later statement of it sees. */
  open(): SnapshotReader {
    let connection: PooledConnection | null = null;
    const acquire = (): SqlReader => {
      if (!connection) {
        connection = this.idle.pop() ?? this.connect();
        connection.sqlite.exec('BEGIN');
      }
      return connection.reader;
    };
    return {
      all: (sql, params) => acquire().all(sql, params),
      get: (sql, params) => acquire().get(sql, params),
      release: () => {
        if (!connection) return;
        connection.sqlite.exec('COMMIT');
        this.idle.push(connection);
        connection = null;
      },
    };
  }

  close(): void {
    for (const { sqlite } of this.idle.splice(0)) sqlite.close();
  }

  private connect(): PooledConnection {
    const sqlite = new Database(this.path, { fileMustExist: true });
    applyConnectionSettings(sqlite);
    sqlite.pragma('query_only = ON');
    return { sqlite, reader: createSqlReader(sqlite, this.onQuery) };
  }
}
