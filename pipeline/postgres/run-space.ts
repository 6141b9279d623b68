/**
 * The PostgreSQL side of a pipeline run (see pipeline/run-space.ts); the computation happens in the
 * server. Two sessions of the app database's pool: the run's own and a second one for shared and
 * background jobs. Where tables live, in the app database:
 * - `<app>_run_<id>`: the tables the run publishes (its "stage" tables), never changed after publish;
 * - `<app>_scratch_<id>`: intermediate tables, UNLOGGED (nothing there must survive a crash);
 * - source tables are read in place from their PostgreSQL schemas; tables of SQLite source files
 *   are copied into `<app>_sources_<id>` first.
 * Publishing points `published_dataset` at the run and notifies the replicas (src/db/postgres/
 * publication.ts); a failed run's schemas are dropped.
 */
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../src/db/database.ts';
import type { PostgresAppDatabase } from '../../src/db/postgres/app-database.ts';
import { quoteIdentifier, type PostgresDatabase } from '../../src/db/postgres/connection.ts';
import { createRunSchemas, dropRunSchemas, dropUnusedRunSchemas, notifyPublished, runSchema, scratchSchema, sourcesSchema } from '../../src/db/postgres/publication.ts';
import { isPostgresUrl, parsePostgresUrl, sameDatabase, type PostgresLocation } from '../../src/db/postgres/url.ts';
import { isInsertJob, type InsertJob, type Job, type JobResults } from '../jobs.ts';
import type { RunSetup, RunSpace, TimestampSpan } from '../run-space.ts';
import { copySourceTablesToPostgres } from '../source/copy.ts';
import { ALL_SOURCE_TABLES } from '../source/tables.ts';
import { PipelineInputError } from '../errors.ts';
import { heldTablesGone, PUBLISHED_TABLES } from '../staging.ts';
import { isUtc } from '../timezone.ts';

/** Runs one job on a session; the job's first row (query jobs) or inserted rows count. */
async function runJob(db: PostgresDatabase, job: Job, index: number, results: JobResults): Promise<void> {
  if (isInsertJob(job)) {
    results.rowsInserted += await runInsertJob(db, job);
  } else if ('query' in job) {
    const row = await db.get<Record<string, unknown>>(job.query);
    if (row) results.firstRows.set(index, row);
  } else {
    await db.exec(job.exec);
  }
}

/** An insert job; with `alsoInto`, its rows are computed once into a TEMP table and copied to both tables. */
async function runInsertJob(db: PostgresDatabase, job: InsertJob): Promise<number> {
  if (!job.alsoInto) return (await db.run(`INSERT INTO ${job.table} (${job.columns.join(', ')}) ${job.select}`)).changes;
  const columns = [...new Set([...job.columns, ...job.alsoInto.columns])];
  await db.exec(`DROP TABLE IF EXISTS pg_temp.job_rows; CREATE TEMP TABLE job_rows (${columns.join(', ')}) AS ${job.select}`);
  const copy = async (table: string, copied: string[], where = 'true') =>
    (await db.run(`INSERT INTO ${table} (${copied.join(', ')}) SELECT ${copied.join(', ')} FROM pg_temp.job_rows WHERE ${where}`)).changes;
  const rows = (await copy(job.table, job.columns)) + (await copy(job.alsoInto.table, job.alsoInto.columns, job.alsoInto.where));
  await db.exec('DROP TABLE pg_temp.job_rows');
  return rows;
}

/**
 * A session that runs batches of jobs one after the other: a shared batch given to it while a
 * background batch runs joins in when that is done, as the SQLite worker's message queue does.
 */
class JobSession {
  private idle: Promise<unknown> = Promise.resolve();

  constructor(readonly db: PostgresDatabase) {}

  /** Claims jobs from `next` until none is left. */
  claim(jobs: Job[], next: { index: number }, results: JobResults, failed: { error?: unknown }): Promise<void> {
    const work = this.idle.then(async () => {
      while (next.index < jobs.length && failed.error === undefined) {
        const index = next.index++;
        try {
          await runJob(this.db, jobs[index]!, index, results);
        } catch (error) {
          failed.error ??= error;
          throw error;
        }
      }
    });
    this.idle = work.catch(() => undefined);
    return work;
  }
}

const emptyResults = (): JobResults => ({ rowsInserted: 0, firstRows: new Map() });

export async function openPostgresRunSpace(app: PostgresAppDatabase, setup: RunSetup): Promise<RunSpace> {
  const appSchema = app.postgres.schema;
  const { runId } = setup;
  await dropUnusedRunSchemas(app.db, appSchema, runId);
  await createRunSchemas(app.db, appSchema, runId, PUBLISHED_TABLES);
  const sources = await copyUnjoinableSources(app.db, app.postgres, setup);
  // Scratch tables by their bare names, then the app's tables (run history, the value mapping).
  const searchPath = `SET search_path TO ${quoteIdentifier(scratchSchema(appSchema, runId))}, ${quoteIdentifier(appSchema)}`;
  const own = await app.db.session();
  const second = await app.db.session();
  await own.exec(searchPath);
  await second.exec(searchPath);
  const ownJobs = new JobSession(own);
  const secondJobs = new JobSession(second);
  const inScratch = (name: string) => `${quoteIdentifier(scratchSchema(appSchema, runId))}.${quoteIdentifier(name)}`;
  const closeSessions = async () => {
    for (const session of [own, second]) {
      // Temporary views over scratch tables are dropped here, before the scratch schema: left to the
      // closing connection's exit, their drop can deadlock with the schema's. A broken connection has none left.
      await session.exec('DISCARD TEMP').catch(() => {});
      await session.close();
    }
  };

  const analyze = async (tables: string[]) => {
    for (const table of tables) await own.exec(`ANALYZE ${table}`);
  };

  const sourceSchemaOf = (table: string) => sources[setup.locations.get(table)!]!;
  const replaced = new Map<string, string>();
  return {
    db: own,
    sourceTable: (table) => replaced.get(table) ?? `${quoteIdentifier(sourceSchemaOf(table))}.${quoteIdentifier(table)}`,
    sourceEnforcesKey: (table, key) => enforcesKey(own, sourceSchemaOf(table), table, key),
    readSourceFrom: (table, copy) => void replaced.set(table, copy),
    stageTable: (table) => `${quoteIdentifier(runSchema(appSchema, runId))}.${quoteIdentifier(table)}`,
    scratchTable: inScratch,
    workerScratchTable: inScratch,
    // An index lives in its table's schema.
    workerScratchIndex: (name) => quoteIdentifier(name),
    async shared(jobs) {
      const results = emptyResults();
      const next = { index: 0 };
      const failed: { error?: unknown } = {};
      const settled = await Promise.allSettled([ownJobs.claim(jobs, next, results, failed), secondJobs.claim(jobs, next, results, failed)]);
      if (failed.error !== undefined) throw failed.error;
      for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason;
      // Fresh statistics for the checks and later steps that join what was just written.
      await analyze([...new Set(jobs.filter(isInsertJob).flatMap((job) => [job.table, ...(job.alsoInto ? [job.alsoInto.table] : [])]))]);
      return results;
    },
    analyze,
    inBackground(jobs) {
      const results = emptyResults();
      const work = secondJobs.claim(jobs, { index: 0 }, results, {}).then(() => results);
      // If the run fails before awaiting it, the rejection that follows must not go unhandled.
      work.catch(() => undefined);
      return work;
    },
    // PostgreSQL knows every IANA zone (its own tzdata): no table of offsets.
    localDaySql: async (zone: string, _span: TimestampSpan) =>
      isUtc(zone)
        ? (timestamp) => `substr(${timestamp}, 1, 10)`
        : (timestamp) => `to_char((${timestamp} || 'Z')::timestamptz AT TIME ZONE ${literal(zone)}, 'YYYY-MM-DD')`,
    // The run's schema was made with empty copies of the published tables when the space opened.
    createStageTables: async () => {},
    publish: (alsoInTransaction: (tx: Database) => Promise<void>) =>
      own.transaction(async (tx) => {
        await alsoInTransaction(tx);
        await notifyPublished(tx, appSchema, runId);
      }),
    publishedTable: async (table) => {
      const published = await own.get<{ runId: number }>('SELECT run_id AS "runId" FROM published_dataset WHERE id = 1');
      return published ? `${quoteIdentifier(runSchema(appSchema, published.runId))}.${quoteIdentifier(table)}` : null;
    },
    // The run's schema is kept while the run is the newest held one (dropUnusedRunSchemas).
    keepHeld: async () => {},
    discard: async () => {
      await closeSessions();
      await dropRunSchemas(app.db, appSchema, runId);
    },
    close: async () => {
      await closeSessions();
      await app.db.exec(`DROP SCHEMA IF EXISTS ${quoteIdentifier(scratchSchema(appSchema, runId))} CASCADE;
        DROP SCHEMA IF EXISTS ${quoteIdentifier(sourcesSchema(appSchema, runId))} CASCADE`);
      await dropUnusedRunSchemas(app.db, appSchema, null);
    },
  };
}

export async function publishHeldPostgresRun(
  app: PostgresAppDatabase,
  runId: number,
  alsoInTransaction: (tx: Database) => Promise<void>,
): Promise<void> {
  const appSchema = app.postgres.schema;
  const kept = await app.db.get('SELECT 1 FROM pg_namespace WHERE nspname = ?', [runSchema(appSchema, runId)]);
  if (!kept) throw new PipelineInputError(heldTablesGone(runId));
  await app.db.transaction(async (tx) => {
    await alsoInTransaction(tx);
    await notifyPublished(tx, appSchema, runId);
  });
}

/** Whether `schema.table` has a unique index (a primary key's included) on exactly the columns `key`. */
async function enforcesKey(db: PostgresDatabase, schema: string, table: string, key: readonly string[]): Promise<boolean> {
  const row = await db.get<{ enforced: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = ? AND c.relname = ? AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
         AND (SELECT array_agg(lower(a.attname) ORDER BY lower(a.attname) COLLATE "C") FROM pg_attribute a
              WHERE a.attrelid = c.oid AND a.attnum = ANY(i.indkey)) = ?::text[]) AS enforced`,
    [schema, table, key.map((column) => column.toLowerCase()).sort()],
  );
  return row?.enforced === true;
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * The schema each source is read from, by source index: a PostgreSQL source's own schema when it is
 * in the app's database, otherwise (an SQLite file, or another PostgreSQL database or server) the
 * run's sources schema, into which the tables located in that source are copied.
 */
async function copyUnjoinableSources(db: PostgresDatabase, app: PostgresLocation, setup: RunSetup): Promise<string[]> {
  const copies = sourcesSchema(app.schema, setup.runId);
  const inPlace = setup.sources.map((source) => isPostgresUrl(source) && sameDatabase(parsePostgresUrl(source), app));
  if (inPlace.includes(false)) await db.exec(`CREATE SCHEMA ${quoteIdentifier(copies)}`);
  for (const [index, source] of setup.sources.entries()) {
    if (inPlace[index]) continue;
    const tables = ALL_SOURCE_TABLES.filter((table) => setup.locations.get(getTableConfig(table).name) === index);
    // No keys: the steps find repeated keys themselves (steps/keys.ts).
    await db.transaction((tx) => copySourceTablesToPostgres(source, tx, copies, tables, false));
  }
  return setup.sources.map((source, index) => (inPlace[index] ? parsePostgresUrl(source).schema : copies));
}
