/**
 * `npm run bench [-- [--scale large|demo] [--seed N] [--backend sqlite|postgres]]`: every figure of
 * issues 3–13 in one run, written to bench/RESULTS.md and bench/results.json, the PostgreSQL
 * comparison (bench/backends.ts) included when a server is available. `--backend sqlite` leaves the
 * comparison out; `--backend postgres` runs only the comparison, into bench/.cache/. A demo-scale
 * run is a quick check while developing; it writes to bench/.cache/ so the committed large-data
 * figures stay as they are.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { isScaleName, type ScaleName } from '../pipeline/demo-data/scales.ts';
import { parseFlags, runCommand, UsageError } from '../src/config.ts';
import { countSqlStatements, dashboardSpend, measureAllQueries } from './api.ts';
import { ensureBaselineDatabase, measureBaseline, type BaselineQueryName } from './baseline.ts';
import { measurePostgres, type ComparisonSettings } from './backends.ts';
import { measureImport } from './import.ts';
import { REPO_ROOT } from './children.ts';
import { postGraphqlOk } from './graphql-client.ts';
import { measureHeavyLoad } from './heavy-load.ts';
import { measureObservabilityCost } from './observability.ts';
import { measureHostileLoad } from './hostile.ts';
import { measureDuringPipelineRun, runLoad, type LoadFigures, type LoadRequests } from './load.ts';
import { measurePipelineRun, measureValueChecks, removeDatabase, type PipelineFigures } from './pipeline.ts';
import { pickQueryTargets, repeatedRequest, type QueryName, type QueryTargets } from './queries.ts';
import { renderComparisonResults, renderResults, writeResults } from './report.ts';
import {
  BACKEND_NAMES,
  currentRevision,
  isComparison,
  machineInfo,
  type BackendName,
  type BenchResults,
  type ComparisonResults,
  type MeasuredResults,
  type RunInfo,
} from './results.ts';
import { startServer } from './server.ts';
import { CACHE_DIR, ensureSourceDatabase, type SourceDatabase } from './source-data.ts';
import { checkBackendTargets, checkTargets, type TargetCheck } from './targets.ts';

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

/** Without --backend, both: SQLite's figures and the PostgreSQL comparison when a server is available. */
function parseBenchArgs(args: string[]): { scale: BenchScale; seed: number; backend: BackendName | undefined } {
  const flags = parseFlags(args, {
    scale: { type: 'string', default: 'large' },
    seed: { type: 'string', default: '1' },
    backend: { type: 'string' },
  });
  const backend = flags.backend as BackendName | undefined;
  if (backend !== undefined && !BACKEND_NAMES.includes(backend)) {
    throw new UsageError(`unknown --backend "${flags.backend}" (use ${BACKEND_NAMES.join(' or ')}, or leave it out for both)`);
  }
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

function logTargets(targets: TargetCheck[]): void {
  for (const target of targets) log(`  ${target.status.padEnd(4)} #${target.issue} ${target.figure}: ${target.measured} (target ${target.target})`);
}

/** `--backend postgres`: the comparison alone, always into bench/.cache/ (the committed figures come from a full run). */
async function compareOnly(source: SourceDatabase, settings: ComparisonSettings, runInfo: () => RunInfo): Promise<void> {
  const postgres = await measurePostgres(source, settings);
  if (!isComparison(postgres)) throw new Error(`the PostgreSQL comparison ${postgres.missing === 'failed' ? 'failed' : 'cannot run'}: ${postgres.reason}`);
  const results: ComparisonResults = { ...runInfo(), postgres, targets: checkBackendTargets({ scale: source.scale, postgres }) };
  const markdownPath = join(CACHE_DIR, `RESULTS-postgres-${source.scale}.md`);
  writeResults(renderComparisonResults(results), results, markdownPath, join(CACHE_DIR, `results-postgres-${source.scale}.json`));
  log(`\nwrote ${markdownPath} and its results-postgres-${source.scale}.json in ${results.totalSeconds.toFixed(0)} s`);
  logTargets(results.targets);
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadAverageAtStart = loadavg()[0]!;
  const revision = currentRevision();
  const { scale, seed, backend } = parseBenchArgs(process.argv.slice(2));
  const loadSeconds = SETTINGS.loadSeconds[scale];
  const hostileSeconds = SETTINGS.hostileSeconds[scale];
  const comparisonSettings: ComparisonSettings = { warmup: SETTINGS.warmup, requests: SETTINGS.requests, loadConnections: SETTINGS.loadConnections, loadSeconds };
  const runInfo = (): RunInfo => ({
    date: new Date().toISOString(),
    revision,
    machine: machineInfo(loadAverageAtStart),
    scale,
    seed,
    totalSeconds: (performance.now() - started) / 1000,
    settings: { ...comparisonSettings, ...(backend === 'postgres' ? {} : { hostileSeconds }) },
  });

  log(`source data: ${scale === 'large' ? 'demo and large' : 'demo'} scale, seed ${seed} (generated once into bench/.cache/)`);
  if (backend === 'postgres') return compareOnly(await ensureSourceDatabase(scale, seed), comparisonSettings, runInfo);
  const sources: BenchResults['sources'] = { demo: await ensureSourceDatabase('demo', seed) };
  if (scale === 'large') sources.large = await ensureSourceDatabase('large', seed);
  const source = sources[scale]!;

  const demoRun = await pipelineOnFreshDatabase(sources.demo!);
  const mainRun = scale === 'large' ? await pipelineOnFreshDatabase(source) : demoRun;

  const targets = pickQueryTargets(mainRun.appDbPath);
  const sqlStatements = await countSqlStatements(mainRun.appDbPath, targets);
  const serverFigures = await measureServer(mainRun.appDbPath, source.path, targets, sqlStatements, { loadSeconds, hostileSeconds });
  log(`heavy load: ${hostileSeconds} s of ten clients sending the heaviest query the limits allow, heavy-query queue off, then on`);
  const heavyLoad = await measureHeavyLoad(mainRun.appDbPath, targets, hostileSeconds);

  log('observability: the dashboard query with and without request metrics and JSON logs, alternating');
  const observability = await measureObservabilityCost(mainRun.appDbPath);

  log('baseline: request-time computation from the source tables (indexed copy, made once)');
  const baseline = await measureBaseline(ensureBaselineDatabase(source.path), targets, SETTINGS.baselineRepetitions);
  const ratios = Object.fromEntries(
    (Object.keys(baseline.latency) as BaselineQueryName[]).map((name) => [name, baseline.latency[name].p50 / serverFigures.queries[name].uncached.p50]),
  ) as Record<BaselineQueryName, number>;

  log('value checks (M31): the main pipeline run again without them');
  const valueChecks = await measureValueChecks(source.path, join(CACHE_DIR, `app-${source.scale}-without-checks.sqlite`), mainRun.figures);

  log('import: the events as a Mixpanel raw export, imported with npm run import');
  const importFigures = await measureImport(source);

  const postgres = backend === 'sqlite' ? ({ missing: 'left out', reason: 'left out with --backend sqlite' } as const) : await measurePostgres(source, comparisonSettings);

  const measured: MeasuredResults = {
    ...runInfo(),
    sources,
    pipelines: { demo: demoRun.figures, ...(scale === 'large' ? { large: mainRun.figures } : {}) },
    api: { targets, queries: serverFigures.queries },
    load: serverFigures.load,
    duringPipeline: serverFigures.during,
    hostileLoad: serverFigures.hostile,
    heavyLoad,
    observability,
    baseline: {
      ...baseline,
      ratios,
      apiDashboardSpend: serverFigures.apiDashboardSpend,
      // Float sums in a different order: equal to the cent.
      spendMatches: Math.abs(baseline.dashboardSpend - serverFigures.apiDashboardSpend) < 0.01,
    },
    import: importFigures,
    valueChecks,
    postgres,
  };
  const results: BenchResults = { ...measured, targets: checkTargets(measured) };
  const outputDir = scale === 'large' ? join(REPO_ROOT, 'bench') : CACHE_DIR;
  const [markdownPath, jsonPath] = scale === 'large' ? ['RESULTS.md', 'results.json'] : [`RESULTS-${scale}.md`, `results-${scale}.json`];
  writeResults(renderResults(results), results, join(outputDir, markdownPath), join(outputDir, jsonPath));
  log(`\nwrote ${join(outputDir, markdownPath)} and ${jsonPath} in ${results.totalSeconds.toFixed(0)} s`);
  logTargets(results.targets);
}

await runCommand(main);
