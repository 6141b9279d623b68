/**
 * Publishing without making readers wait (api.md, Replicas): every run writes its tables into a
 * schema of its own, `<app schema>_run_<id>`, never changed once published; the one-row
 * `published_dataset` table points at the published run. Publishing updates that row and notifies
 * the replicas (notifyPublished) in one short transaction: no table is renamed or locked, and a request that read
 * the pointer once reads one run's tables throughout (see snapshot-readers.ts). The previous run's
 * schema is kept for requests that started before, older ones are dropped.
 */
import type { Database } from '../database.ts';
import { quoteIdentifier, type PostgresDatabase } from './connection.ts';

/** Where run `runId` writes the tables it publishes. */
export const runSchema = (appSchema: string, runId: number) => `${appSchema}_run_${runId}`;
/** Where run `runId` keeps its intermediate tables (UNLOGGED: nothing there must survive a crash). */
export const scratchSchema = (appSchema: string, runId: number) => `${appSchema}_scratch_${runId}`;
/** Where run `runId` copies the tables of SQLite source files. */
export const sourcesSchema = (appSchema: string, runId: number) => `${appSchema}_sources_${runId}`;

/** The notification channel; the payload is `<app schema>:<run id>`. */
export const PUBLISHED_CHANNEL = 'ads_metrics_published';

/**
 * The search_path a request reads with: the published run's tables first, then the app schema
 * (run history, and empty tables before the first run). One statement, run as a request's first.
 */
export const publishedSearchPathSql = (appSchema: string) =>
  `SELECT set_config('search_path', coalesce((SELECT quote_ident(${literal(`${appSchema}_run_`)} || run_id) || ', ' FROM published_dataset WHERE id = 1), '') || ${literal(quoteIdentifier(appSchema))}, true)`;

/** SQLSTATE of a lock_timeout. */
const LOCK_NOT_AVAILABLE = '55P03';

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * Creates the run's schemas: the published tables as empty copies of the app schema's (columns,
 * keys and indexes), and an empty scratch schema.
 */
export async function createRunSchemas(db: PostgresDatabase, appSchema: string, runId: number, tables: readonly string[]): Promise<void> {
  const run = quoteIdentifier(runSchema(appSchema, runId));
  const statements = [`CREATE SCHEMA ${run}`, `CREATE SCHEMA ${quoteIdentifier(scratchSchema(appSchema, runId))}`];
  for (const table of tables) {
    statements.push(`CREATE TABLE ${run}.${quoteIdentifier(table)} (LIKE ${quoteIdentifier(appSchema)}.${quoteIdentifier(table)} INCLUDING ALL)`);
  }
  await db.exec(statements.join(';\n'));
}

/**
 * Tells every replica that run `runId` is published, inside the caller's transaction (the one that
 * points `published_dataset` at it): the notice is delivered at its commit.
 */
export async function notifyPublished(tx: PostgresDatabase | Database, appSchema: string, runId: number): Promise<void> {
  await tx.get('SELECT pg_notify(?, ?)', [PUBLISHED_CHANNEL, `${appSchema}:${runId}`]);
}

/** Drops everything run `runId` made (after it failed). */
export async function dropRunSchemas(db: PostgresDatabase, appSchema: string, runId: number): Promise<void> {
  await db.exec(
    [runSchema, scratchSchema, sourcesSchema].map((schema) => `DROP SCHEMA IF EXISTS ${quoteIdentifier(schema(appSchema, runId))} CASCADE`).join(';\n'),
  );
}

/**
 * Drops the schemas of runs that are neither published, nor the run published before it, nor the
 * newest run held after it (metrics.md M33: an operator may publish it), nor `inProgress`:
 * superseded runs, and what failed or killed runs left behind. A dropped table a
 * request still reads would make the drop wait, so it gives up after a few seconds and leaves
 * the schema for the next run to drop.
 */
export async function dropUnusedRunSchemas(db: PostgresDatabase, appSchema: string, inProgress: number | null): Promise<void> {
  const kept = await db.all<{ id: number }>(
    `SELECT id FROM pipeline_runs WHERE id IN (SELECT run_id FROM published_dataset)
     UNION SELECT max(id) FROM pipeline_runs WHERE status = 'succeeded' AND id < (SELECT run_id FROM published_dataset WHERE id = 1)
     UNION SELECT max(id) FROM pipeline_runs WHERE status = 'held' AND id > coalesce((SELECT run_id FROM published_dataset WHERE id = 1), 0)`,
  );
  const keep = new Set([...kept.map((row) => row.id), inProgress]);
  const pattern = new RegExp(`^${appSchema}_(run|scratch|sources)_(\\d+)$`);
  const schemas = await db.all<{ name: string }>('SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, ?)', [`${appSchema}_`]);
  for (const { name } of schemas) {
    const match = pattern.exec(name);
    if (!match || (match[1] === 'run' && keep.has(Number(match[2]))) || Number(match[2]) === inProgress) continue;
    await db
      .transaction(async (tx) => {
        await tx.exec(`SET LOCAL lock_timeout = '5s'; DROP SCHEMA ${quoteIdentifier(name)} CASCADE`);
      })
      .catch((error: { code?: string }) => {
        if (error.code !== LOCK_NOT_AVAILABLE) throw error;
      });
  }
}
