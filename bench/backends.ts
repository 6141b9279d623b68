/**
 * `npm run bench -- --backend postgres [--scale demo|large]`: PostgreSQL beside SQLite in one run
 * (issue 13), on the same generated source: the pipeline per step (PostgreSQL ÷ SQLite), the
 * dashboard/entity/breakdown/overview p50 over HTTP (PostgreSQL ÷ SQLite), and two PostgreSQL API
 * replicas sharing the 50-connection dashboard load. The server is TEST_DATABASE_URL when set,
 * otherwise an embedded PostgreSQL 15 started for the run; its settings are reported. Writes
 * bench/RESULTS-postgres.md (large) or bench/.cache/RESULTS-postgres-demo.md.
 */
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { copySourceTablesToPostgres } from '../pipeline/source/copy.ts';
import { ALL_SOURCE_TABLES } from '../pipeline/source/tables.ts';
import { PostgresDatabase, quoteIdentifier } from '../src/db/postgres/connection.ts';
import { startTestServer } from '../src/db/postgres/test-server.ts';
import { countSqlStatements, measureAllQueries, type LatencySettings } from './api.ts';
import { REPO_ROOT } from './children.ts';
import { runLoad, type LoadFigures } from './load.ts';
import { measurePipelineRun, removeDatabase, type PipelineFigures } from './pipeline.ts';
import { pickQueryTargets, QUERY_NAMES, type QueryName } from './queries.ts';
import { startServer } from './server.ts';
import { CACHE_DIR, ensureSourceDatabase } from './source-data.ts';

const log = (message: string) => process.stderr.write(`${message}\n`);
const SERVER_SETTINGS = ['server_version', 'work_mem', 'max_parallel_workers_per_gather', 'shared_buffers', 'effective_cache_size', 'jit'];

export type ComparisonSettings = LatencySettings & { loadConnections: number; loadSeconds: number };

export async function compareBackends(scale: 'demo' | 'large', seed: number, settings: ComparisonSettings): Promise<void> {
  const started = performance.now();
  const source = await ensureSourceDatabase(scale, seed);
  const server = await startTestServer();
  log(`PostgreSQL: ${server.description}`);
  const url = (schema: string) => `${server.url}${server.url.includes('?') ? '&' : '?'}schema=${schema}`;
  const admin = PostgresDatabase.open(server.url, { max: 1 });
  try {
    const serverSettings = Object.fromEntries(
      await Promise.all(SERVER_SETTINGS.map(async (name) => [name, (await admin.get<{ v: string }>(`SELECT current_setting('${name}') AS v`))!.v])),
    ) as Record<string, string>;
    const sourceSchema = `bench_source_${scale}`;
    const appSchema = `bench_app_${scale}`;
    for (const schema of await admin.all<{ name: string }>("SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, 'bench_')")) {
      await admin.exec(`DROP SCHEMA ${quoteIdentifier(schema.name)} CASCADE`);
    }
    log(`source: the ${scale} tables into schema ${sourceSchema} (not timed with the pipeline)`);
    const loadStarted = performance.now();
    await admin.exec(`CREATE SCHEMA ${quoteIdentifier(sourceSchema)}`);
    await admin.transaction((tx) => copySourceTablesToPostgres(source.path, tx, sourceSchema, ALL_SOURCE_TABLES));
    for (const table of ALL_SOURCE_TABLES) await admin.exec(`ANALYZE ${quoteIdentifier(sourceSchema)}.${quoteIdentifier(getTableConfig(table).name)}`);
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    const sqliteApp = join(CACHE_DIR, `app-${scale}-beside-postgres.sqlite`);
    removeDatabase(sqliteApp);
    log('pipeline: SQLite');
    const sqlitePipeline = await measurePipelineRun(source.path, sqliteApp, 'pipeline sqlite');
    log('pipeline: PostgreSQL (sources read in place)');
    const postgresPipeline = await measurePipelineRun(url(sourceSchema), url(appSchema), 'pipeline postgres');

    const targets = pickQueryTargets(sqliteApp);
    const statements = await countSqlStatements(sqliteApp, targets);
    const latency = {} as Record<'sqlite' | 'postgres', Record<QueryName, { p50: number }>>;
    for (const [backend, location] of [['sqlite', sqliteApp], ['postgres', url(appSchema)]] as const) {
      log(`api: ${backend}`);
      const api = await startServer(location);
      try {
        const figures = await measureAllQueries(api.baseUrl, targets, settings, statements);
        latency[backend] = Object.fromEntries(QUERY_NAMES.map((name) => [name, { p50: figures[name].uncached.p50 }])) as Record<QueryName, { p50: number }>;
      } finally {
        await api.stop();
      }
    }

    log(`load: two PostgreSQL replicas, ${settings.loadConnections} connections in all for ${settings.loadSeconds} s, uncached dashboard`);
    const replicas = await Promise.all([startServer(url(appSchema)), startServer(url(appSchema))]);
    let load: LoadFigures[];
    try {
      const perReplica = Math.ceil(settings.loadConnections / replicas.length);
      load = await Promise.all(replicas.map((replica) => runLoad(replica.baseUrl, targets, 'uncached', perReplica, settings.loadSeconds)));
    } finally {
      for (const replica of replicas) await replica.stop();
    }

    const markdown = report({
      scale,
      seed,
      load: loadavg()[0]!,
      seconds: (performance.now() - started) / 1000,
      serverDescription: server.description,
      serverSettings,
      sourceLoadSeconds: loadSeconds,
      pipelines: { sqlite: sqlitePipeline, postgres: postgresPipeline },
      latency,
      replicaLoad: load,
    });
    const path = scale === 'large' ? join(REPO_ROOT, 'bench', 'RESULTS-postgres.md') : join(CACHE_DIR, `RESULTS-postgres-${scale}.md`);
    writeFileSync(path, markdown);
    log(`\nwrote ${path}`);
    process.stdout.write(markdown);
  } finally {
    await admin.close();
    await server.stop();
  }
}

interface Report {
  scale: string;
  seed: number;
  load: number;
  seconds: number;
  serverDescription: string;
  serverSettings: Record<string, string>;
  sourceLoadSeconds: number;
  pipelines: Record<'sqlite' | 'postgres', PipelineFigures>;
  latency: Record<'sqlite' | 'postgres', Record<QueryName, { p50: number }>>;
  replicaLoad: LoadFigures[];
}

const ratio = (postgres: number, sqlite: number) => (sqlite > 0 ? `${(postgres / sqlite).toFixed(2)}×` : 'n/a');

function report(r: Report): string {
  const steps = [...new Set([...Object.keys(r.pipelines.sqlite.stepSeconds), ...Object.keys(r.pipelines.postgres.stepSeconds)])];
  const lines = [
    `# PostgreSQL beside SQLite (${r.scale} data, seed ${r.seed})`,
    '',
    `${new Date().toISOString()}, load average ${r.load.toFixed(1)} at the end, ${r.seconds.toFixed(0)} s in all. Target (issue 13): PostgreSQL ÷ SQLite ≤ 1.5× for the pipeline and the queries' p50; 0 errors for two replicas under the load.`,
    '',
    `Server: ${r.serverDescription}; ${Object.entries(r.serverSettings).map(([name, value]) => `${name} ${value}`).join(', ')}.`,
    `Loading the source tables into PostgreSQL (not part of the pipeline figures): ${r.sourceLoadSeconds.toFixed(1)} s.`,
    '',
    '| pipeline step | SQLite s | PostgreSQL s | PostgreSQL ÷ SQLite |',
    '|---|---|---|---|',
    ...steps.map((step) => {
      const s = r.pipelines.sqlite.stepSeconds[step] ?? 0;
      const p = r.pipelines.postgres.stepSeconds[step] ?? 0;
      return `| ${step} | ${s.toFixed(2)} | ${p.toFixed(2)} | ${ratio(p, s)} |`;
    }),
    `| **whole run** | ${r.pipelines.sqlite.seconds.toFixed(2)} | ${r.pipelines.postgres.seconds.toFixed(2)} | ${ratio(r.pipelines.postgres.seconds, r.pipelines.sqlite.seconds)} |`,
    '',
    '| query (uncached, over HTTP) | SQLite p50 ms | PostgreSQL p50 ms | PostgreSQL ÷ SQLite |',
    '|---|---|---|---|',
    ...QUERY_NAMES.map((name) => {
      const s = r.latency.sqlite[name].p50;
      const p = r.latency.postgres[name].p50;
      return `| ${name} | ${s.toFixed(1)} | ${p.toFixed(1)} | ${ratio(p, s)} |`;
    }),
    '',
    '| replica | connections | req/s | p50 ms | p99 ms | errors |',
    '|---|---|---|---|---|---|',
    ...r.replicaLoad.map((l, i) => `| ${i + 1} | ${l.connections} | ${l.requestsPerSecond.toFixed(1)} | ${l.latencyP50Ms.toFixed(0)} | ${l.latencyP99Ms.toFixed(0)} | ${l.errors} |`),
    '',
  ];
  return lines.join('\n');
}
