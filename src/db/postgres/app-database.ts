/**
 * The app database in a PostgreSQL schema (api.md, Storage backends): the schema is created when
 * missing and the PostgreSQL migrations applied (one process at a time: replicas may start
 * together). The process's own pool serves run records and live reads; request snapshots read the
 * published run's tables (publication.ts), and a watcher follows which run that is.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { AppDatabase } from '../app-database.ts';
import { connectionConfig, PostgresDatabase, quoteIdentifier } from './connection.ts';
import { PublishedRunWatcher } from './published-run-watcher.ts';
import { RunLock } from './run-lock.ts';
import { PostgresSnapshotReaders } from './snapshot-readers.ts';
import { parsePostgresUrl, type PostgresLocation } from './url.ts';

export const POSTGRES_MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export interface PostgresAppDatabase extends AppDatabase {
  db: PostgresDatabase;
  postgres: PostgresLocation;
}

/** Creates the schema if needed and applies pending migrations, holding a lock while at it. */
export async function migratePostgres(location: PostgresLocation): Promise<void> {
  const client = new pg.Client(connectionConfig(location, 'ads-metrics migrations'));
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('ads-metrics migrations'))");
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(location.schema)}`);
    // The migration log lives in the app schema: two installations in one database keep their own.
    await migrate(drizzle(client), { migrationsFolder: POSTGRES_MIGRATIONS_FOLDER, migrationsSchema: location.schema });
  } finally {
    await client.end();
  }
}

export const isPostgresAppDatabase = (app: AppDatabase): app is PostgresAppDatabase => 'postgres' in app;

export async function openPostgresAppDatabase(url: string): Promise<PostgresAppDatabase> {
  const location = parsePostgresUrl(url);
  await migratePostgres(location);
  const db = PostgresDatabase.open(location, { applicationName: 'ads-metrics' });
  const runLock = new RunLock(location.schema);
  // Started at the first request that needs it: one LISTEN connection per serving process.
  let watcher: Promise<PublishedRunWatcher> | undefined;
  return {
    db,
    postgres: location,
    location: url,
    snapshots: (onQuery) => new PostgresSnapshotReaders(location, {}, onQuery),
    publishedRunId: async () => {
      watcher ??= PublishedRunWatcher.start(location, db);
      return (await watcher).current;
    },
    settleAbandonedRuns: () => runLock.settleAbandonedRuns(db, new Date().toISOString()),
    holdRunLock: async ({ wait = false } = {}) => {
      const session = await db.session();
      const taken = wait ? (await runLock.take(session), true) : await runLock.tryTake(session);
      if (!taken) {
        await session.close();
        return null;
      }
      return {
        db: session,
        settleAbandonedRuns: () => runLock.settleAbandonedRuns(session, new Date().toISOString()),
        handOver: async () => {
          await runLock.waitForWaiter(db);
          await session.close();
        },
        release: () => session.close(),
      };
    },
    close: async () => {
      await (await watcher?.catch(() => undefined))?.stop();
      await db.close();
    },
  };
}
