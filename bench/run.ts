/**
 * `npm run bench [-- [--scale large|demo] [--seed N] [--backend sqlite|postgres]]`: every figure of
 * issue 6 in one run, written to bench/RESULTS.md and bench/results.json; `--backend postgres`
 * compares PostgreSQL with SQLite instead (bench/backends.ts). A demo-scale run is a quick check while developing; it
 * writes to bench/.cache/ so the committed large-data figures stay as they are.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { isScaleName, type ScaleName } from '../pipeline/demo-data/scales.ts';
import { parseFlags, runCommand, UsageError } from '../src/config.ts';
import { countSqlStatements, dashboardSpend, measureAllQueries } from './api.ts';
import { ensureBaselineDatabase, measureBaseline, type BaselineQueryName } from './baseline.ts';
import { compareBackends } from './backends.ts';
import { measureImport } from './import.ts';
import { REPO_ROOT } from './children.ts';
import { postGraphqlOk } from './graphql-client.ts';
import { measureHostileLoad } from './hostile.ts';
import { measureDuringPipelineRun, runLoad, type LoadFigures, type LoadRequests } from './load.ts';
import { measurePipelineRun, removeDatabase, type PipelineFigures } from './pipeline.ts';
import { pickQueryTargets, repeatedRequest, type QueryName, type QueryTargets } from './queries.ts';
import { writeResults } from './report.ts';
import { currentRevision, machineInfo, type BenchResults, type MeasuredResults } from './results.ts';
import { startServer } from './server.ts';
import { CACHE_DIR, ensureSourceDatabase, type SourceDatabase } from './source-data.ts';
import { checkTargets } from './targets.ts';

const BENCH_SCALES = ['demo', 'large'] as const satisfies readonly ScaleName[];
type BenchScale = (typeof BENCH_SCALES)[number];

/** Sized to finish in under 10 minutes on 2 cores at large scale. */
const SETTINGS = {
  warmup: 20,
  requests: 200,
  loadConnections: 50,
  loadSeconds: { demo: 10, large: 30 } satisfies Record<BenchScale, number>,
  hostileSeconds: { demo: 10, large: 30 } satisfies Record<BenchScale, number>,
  baselineRepetitions: { dashboard: 3, entity: 5, breakdown: 5 } satisfies Record<BaselineQueryName, number>,
};

const BACKENDS = ['sqlite', 'postgres'] as const;

function parseBenchArgs(args: string[]): { scale: BenchScale; seed: number; backend: (typeof BACKENDS)[number] } {
  const flags = parseFlags(args, {
    scale: { type: 'string', default: 'large' },
    seed: { type: 'string', default: '1' },
    backend: { type: 'string', default: 'sqlite' },
  });
  const backend = flags.backend as (typeof BACKENDS)[number];
  if (!BACKENDS.includes(backend)) throw new UsageError(`unknown --backend "${flags.backend}" (use ${BACKENDS.join(' or ')})`);
  const scale = flags.scale;
  if (!isScaleName(scale) || !(BENCH_SCALES as readonly string[]).includes(scale)) {
    throw new UsageError(`unknown --scale "${scale}" (use ${BENCH_SCALES.join(' or ')})`);
  }
  if (!/^\d+$/.test(flags.seed)) throw new UsageError(`--seed must be a non-negative integer, got "${flags.seed}"`);
  return { scale: scale as BenchScale, seed: Number(flags.seed), backend };
}

const log = (message: string) => process.stderr.write(`${message}\n`);

async function pipelineOnFreshDatabase(source: SourceDatabase): Promise<{ appDbPath: string; figures: PipelineFigures }> {
  const appDbPath = join(CACHE_DIR, `app-${source.scale}.sqlite`);
  removeDatabase(appDbPath);
  log(`pipeline: ${source.scale} data into a new app database`);
  const figures = await measurePipelineRun(source.path, appDbPath, `pipeline ${source.scale}`);
  log(`  ${figures.seconds.toFixed(2)} s, peak RSS ${(figures.peakRssBytes / 1024 ** 2).toFixed(0)} MiB`);
  return { appDbPath, figures };
}

/** Everything measured against the API server process, which is stopped afterwards whatever happens. */
async function measureServer(
  appDbPath: string,
  sourcePath: string,
  targets: QueryTargets,
  sqlStatements: Record<QueryName, number>,
  { loadSeconds, hostileSeconds }: { loadSeconds: number; hostileSeconds: number },
) {
  log('api: server in its own process');
  const server = await startServer(appDbPath);
  try {
    const queries = await measureAllQueries(server.baseUrl, targets, SETTINGS, sqlStatements);
    const apiDashboardSpend = await dashboardSpend(server.baseUrl, targets);
    log('load: dashboard query while a pipeline run publishes into the served database');
    const during = await measureDuringPipelineRun(server.baseUrl, targets, queries.dashboard.uncached, sourcePath, appDbPath);
    log(`hostile load: the requests of issue 10 from ${hostileSeconds} s of back-to-back senders beside a paced dashboard load`);
    const hostile = await measureHostileLoad(server, targets, queries.dashboard.uncached, hostileSeconds);
    if (hostile.crashes > 0) throw new Error(`the API server died under the hostile load (${server.exited()})`);
    // Cached first, primed (the run just published makes earlier answers stale); uncached last, because
    // the server keeps working through the requests autocannon leaves queued when it stops.
    const loadKinds: LoadRequests[] = queries.dashboard.cached ? ['cached', 'uncached'] : ['uncached'];
    const load: LoadFigures[] = [];
    for (const kind of loadKinds) {
      log(`load: autocannon, ${SETTINGS.loadConnections} connections for ${loadSeconds} s on the dashboard query, ${kind}`);
      if (kind === 'cached') await postGraphqlOk(server.baseUrl, repeatedRequest('dashboard', targets));
      load.push(await runLoad(server.baseUrl, targets, kind, SETTINGS.loadConnections, loadSeconds));
    }
    return { queries, load, during, hostile, apiDashboardSpend };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAverageAtStart = loadavg()[0]!;
  const revision = currentRevision();
  const { scale, seed, backend } = parseBenchArgs(process.argv.slice(2));
  if (backend === 'postgres') {
    // PostgreSQL beside SQLite in one run (bench/backends.ts).
    await compareBackends(scale, seed, { ...SETTINGS, loadSeconds: SETTINGS.loadSeconds[scale] });
    return;
  }
  const loadSeconds = SETTINGS.loadSeconds[scale];
  const hostileSeconds = SETTINGS.hostileSeconds[scale];

  log(`source data: ${scale === 'large' ? 'demo and large' : 'demo'} scale, seed ${seed} (generated once into bench/.cache/)`);
  const sources: BenchResults['sources'] = { demo: await ensureSourceDatabase('demo', seed) };
  if (scale === 'large') sources.large = await ensureSourceDatabase('large', seed);
  const source = sources[scale]!;

  const demoRun = await pipelineOnFreshDatabase(sources.demo!);
  const mainRun = scale === 'large' ? await pipelineOnFreshDatabase(source) : demoRun;

  const targets = pickQueryTargets(mainRun.appDbPath);
  const sqlStatements = await countSqlStatements(mainRun.appDbPath, targets);
  const serverFigures = await measureServer(mainRun.appDbPath, source.path, targets, sqlStatements, { loadSeconds, hostileSeconds });

  log('baseline: request-time computation from the source tables (indexed copy, made once)');
  const baseline = await measureBaseline(ensureBaselineDatabase(source.path), targets, SETTINGS.baselineRepetitions);
  const ratios = Object.fromEntries(
    (Object.keys(baseline.latency) as BaselineQueryName[]).map((name) => [name, baseline.latency[name].p50 / serverFigures.queries[name].uncached.p50]),
  ) as Record<BaselineQueryName, number>;

  log('import: the events as a Mixpanel raw export, imported with npm run import');
  const importFigures = await measureImport(source);

  const measured: MeasuredResults = {
    date: new Date().toISOString(),
    revision,
    machine: machineInfo(loadAverageAtStart),
    scale,
    seed,
    totalSeconds: (performance.now() - started) / 1000,
    settings: { warmup: SETTINGS.warmup, requests: SETTINGS.requests, loadConnections: SETTINGS.loadConnections, loadSeconds, hostileSeconds },
    sources,
    pipelines: { demo: demoRun.figures, ...(scale === 'large' ? { large: mainRun.figures } : {}) },
    api: { targets, queries: serverFigures.queries },
    load: serverFigures.load,
    duringPipeline: serverFigures.during,
    hostileLoad: serverFigures.hostile,
    baseline: {
      ...baseline,
      ratios,
      apiDashboardSpend: serverFigures.apiDashboardSpend,
      // Float sums in a different order: equal to the cent.
      spendMatches: Math.abs(baseline.dashboardSpend - serverFigures.apiDashboardSpend) < 0.01,
    },
    import: importFigures,
  };
  const results: BenchResults = { ...measured, targets: checkTargets(measured) };
  const outputDir = scale === 'large' ? join(REPO_ROOT, 'bench') : CACHE_DIR;
  const [markdownPath, jsonPath] = scale === 'large' ? ['RESULTS.md', 'results.json'] : [`RESULTS-${scale}.md`, `results-${scale}.json`];
  writeResults(results, join(outputDir, markdownPath), join(outputDir, jsonPath));
  log(`\nwrote ${join(outputDir, markdownPath)} and ${jsonPath} in ${results.totalSeconds.toFixed(0)} s`);
  for (const target of results.targets) log(`  ${target.status.padEnd(4)} #${target.issue} ${target.figure}: ${target.measured} (target ${target.target})`);
}

await runCommand(main);
