/**
 * node-postgres behind the app's async database calls: `?` parameters, rows as plain objects with
 * numbers for every numeric type, every connection's search_path set to the URL's schema and its
 * time zone to UTC (results never depend on the server's own settings).
 */
import pg from 'pg';
import type { Database } from '../database.ts';
import { postgresDialect } from './dialect.ts';
import { numberPlaceholders } from './placeholders.ts';
import { parsePostgresUrl, type PostgresLocation } from './url.ts';

type Params = readonly unknown[];

const { builtins } = pg.types;
/**
 * bigint (count(*), sum of integers) and numeric (sum of bigint, round()) come back as numbers,
 * like SQLite's: every count and amount this app handles fits a double. Dates and timestamps stay
 * the text the server prints, as SQLite keeps them.
 */
const PARSERS: Partial<Record<number, (text: string) => unknown>> = {
  [builtins.INT8]: Number,
  [builtins.NUMERIC]: Number,
  [builtins.DATE]: (text) => text,
  [builtins.TIMESTAMP]: (text) => text,
  [builtins.TIMESTAMPTZ]: (text) => text,
};
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    PARSERS[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

export const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Every connection's settings, sent when it connects (the `options` startup parameter), so they
 * hold before its first statement. The schema name was checked to be a plain identifier.
 */
const sessionOptions = (schema: string) => `-c search_path=${schema} -c TimeZone=UTC -c DateStyle=ISO`;

export interface PoolOptions {
  /** Connections kept at most (node-postgres default 10). */
  max?: number;
  /** Shown in pg_stat_activity, e.g. `ads-metrics api`. */
  applicationName?: string;
}

/** How every connection of the app connects: the location's schema first, UTC, numbers as numbers. */
export function connectionConfig(location: PostgresLocation | string, applicationName = 'ads-metrics'): pg.ClientConfig {
  const { connectionString, schema } = typeof location === 'string' ? parsePostgresUrl(location) : location;
  return { connectionString, types, application_name: applicationName, options: sessionOptions(schema) };
}

/** A pool whose every connection sees the location's schema first. */
export function createPool(location: PostgresLocation | string, options: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({ ...connectionConfig(location, options.applicationName), max: options.max });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return pool;
}

/** Where statements go: the pool (any connection) or one checked-out connection. */
type Queryable = pg.Pool | pg.PoolClient;

const sqlTexts = new Map<string, string>();
/** Texts kept at most: the app's statements are a fixed set, a few carry per-run names. */
const SQL_TEXTS_KEPT = 2000;
/** The numbered form of a statement, kept for the next time the same text runs. */
function numbered(sql: string): string {
  let text = sqlTexts.get(sql);
  if (text === undefined) {
    text = numberPlaceholders(sql);
    if (sqlTexts.size >= SQL_TEXTS_KEPT) sqlTexts.clear();
    sqlTexts.set(sql, text);
  }
  return text;
}

/** Runs one statement with `?` parameters and returns its result. */
export function query<Row extends pg.QueryResultRow>(target: Queryable, sql: string, params: Params = []) {
  return target.query<Row>(numbered(sql), params as unknown[]);
}

/**
 * The app's async database calls over node-postgres: over a pool (each statement on any
 * connection) or over one connection (a session: its transaction, locks and LISTENs are its own).
 */
export class PostgresDatabase implements Database {
  readonly dialect = postgresDialect;

  private constructor(
    private readonly target: Queryable,
    readonly schema: string,
    private readonly onClose: () => Promise<void> | void,
    /** Sees every statement executed, e.g. to count them. */
    private readonly onQuery?: (sql: string) => void,
  ) {}

  /** A database over a new pool for `location`; close() ends the pool. */
  static open(location: PostgresLocation | string, options: PoolOptions = {}, onQuery?: (sql: string) => void): PostgresDatabase {
    const parsed = typeof location === 'string' ? parsePostgresUrl(location) : location;
    const pool = createPool(parsed, options);
    return new PostgresDatabase(pool, parsed.schema, () => pool.end(), onQuery);
  }

  async all<Row>(sql: string, params?: Params): Promise<Row[]> {
    return (await this.query(sql, params)).rows as Row[];
  }

  async get<Row>(sql: string, params?: Params): Promise<Row | undefined> {
    return (await this.query(sql, params)).rows[0] as Row | undefined;
  }

  async run(sql: string, params?: Params): Promise<{ changes: number }> {
    return { changes: (await this.query(sql, params)).rowCount ?? 0 };
  }

  /** Runs statements without parameters, several separated by semicolons allowed. */
  async exec(sql: string): Promise<void> {
    this.onQuery?.(sql);
    await this.target.query(sql);
  }

  private query(sql: string, params?: Params) {
    this.onQuery?.(sql);
    return query(this.target, sql, params);
  }

  /**
   * Runs `work` in one transaction on one connection (the pool's next free one, or this session's
   * own); commits when it resolves, rolls back when it throws. `begin` may add a mode, e.g.
   * `ISOLATION LEVEL REPEATABLE READ READ ONLY` for a read snapshot.
   */
  async transaction<T>(work: (tx: PostgresDatabase) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    return this.withConnection(async (session) => {
      await session.exec(begin);
      try {
        const result = await work(session);
        await session.exec('COMMIT');
        return result;
      } catch (error) {
        await session.exec('ROLLBACK').catch(() => {});
        throw error;
      }
    });
  }

  /**
   * A session of its own: one connection kept until close(), for what belongs to a connection
   * (advisory locks, LISTEN, a run's transactions). On a session, it is that session's connection.
   */
  async session(): Promise<PostgresDatabase> {
    if (!(this.target instanceof pg.Pool)) throw new Error('a session cannot open another session');
    const client = await this.target.connect();
    // A session whose connection is lost reports it on its next statement, not as a crash.
    client.on('error', () => {});
    let released = false;
    return new PostgresDatabase(client, this.schema, () => {
      if (released) return;
      released = true;
      // A connection that may still hold locks or LISTENs is closed, not handed to the next user.
      client.release(true);
    }, this.onQuery);
  }

  async close(): Promise<void> {
    await this.onClose();
  }

  private async withConnection<T>(work: (session: PostgresDatabase) => Promise<T>): Promise<T> {
    if (!(this.target instanceof pg.Pool)) return work(this);
    const client = await this.target.connect();
    let broken: Error | undefined;
    try {
      return await work(new PostgresDatabase(client, this.schema, () => {}, this.onQuery));
    } catch (error) {
      broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
