/**
 * One snapshot per API request on PostgreSQL: each request reads on one pooled connection inside a
 * REPEATABLE READ READ ONLY transaction whose first statement resolves the published run once
 * (publication.ts), so every statement of the request sees that run's tables and nothing later.
 */
import type pg from 'pg';
import type { SnapshotReader, SnapshotReaders, SqlParams as Params } from '../database.ts';
import { createPool, query, type PoolOptions } from './connection.ts';
import { postgresDialect } from './dialect.ts';
import { publishedSearchPathSql } from './publication.ts';
import type { PostgresLocation } from './url.ts';

export class PostgresSnapshotReaders implements SnapshotReaders {
  private readonly pool: pg.Pool;
  private readonly begin: string;

  constructor(
    location: PostgresLocation,
    options: PoolOptions = {},
    private readonly onQuery?: (sql: string) => void,
  ) {
    this.pool = createPool(location, { applicationName: 'ads-metrics api', ...options });
    this.begin = `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; ${publishedSearchPathSql(location.schema)}`;
  }

  /** A reader whose first statement checks out a connection and starts the snapshot. */
  open(): SnapshotReader {
    let connection: Promise<pg.PoolClient> | null = null;
    let released = false;
    const acquire = () => {
      if (released) throw new Error('this request has finished reading');
      connection ??= this.pool.connect().then(async (client) => {
        try {
          await client.query(this.begin);
          return client;
        } catch (error) {
          client.release(error as Error);
          throw error;
        }
      });
      return connection;
    };
    // A connection runs one statement at a time: the request's loaders queue theirs here.
    let previous: Promise<unknown> = Promise.resolve();
    const rows = (sql: string, params?: Params) => {
      const result = previous.then(async () => {
        const client = await acquire();
        this.onQuery?.(sql);
        return (await query(client, sql, params)).rows;
      });
      previous = result.catch(() => undefined);
      return result;
    };
    return {
      dialect: postgresDialect,
      all: async <Row>(sql: string, params?: Params) => (await rows(sql, params)) as Row[],
      get: async <Row>(sql: string, params?: Params) => (await rows(sql, params))[0] as Row | undefined,
      release: async () => {
        if (released) return;
        released = true;
        if (!connection) return;
        const client = await connection.catch(() => null);
        if (!client) return;
        try {
          await client.query('COMMIT');
          client.release();
        } catch (error) {
          client.release(error as Error);
        }
      },
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
