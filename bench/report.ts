/** Writes one run's figures as bench/RESULTS.md (tables) and bench/results.json (the same numbers). */
import { renameSync, writeFileSync } from 'node:fs';
import { QUERY_DESCRIPTIONS, QUERY_NAMES } from './queries.ts';
import type { BenchResults } from './results.ts';
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
const percentiles = (summary: LatencySummary | null) => (summary ? [ms(summary.p50), ms(summary.p95), ms(summary.p99)] : ['–', '–', '–']);
const STATUS_MARK = { pass: '✅ pass', fail: '❌ fail', 'n/a': 'n/a' } as const;

function targetsSection(results: BenchResults): string {
  return table(
    ['issue', 'figure', 'measured', 'target', 'status'],
    results.targets.map((t) => [`#${t.issue}`, t.figure, t.measured, t.target, t.note ? `${STATUS_MARK[t.status]} (${t.note})` : STATUS_MARK[t.status]]),
  );
}

function sourcesSection(results: BenchResults): string {
  return table(
    ['scale', 'file size', 'generation', 'rows'],
    Object.values(results.sources).map((source) => [
      source.scale,
      `${(source.bytes / MIB).toFixed(1)} MiB`,
      `${seconds(source.generationSeconds)} s${source.reused ? ' (earlier run; file reused)' : ''}`,
      Object.entries(source.rowsPerTable)
        .map(([name, rows]) => `${name} ${count(rows)}`)
        .join(', '),
    ]),
  );
}

function pipelineSection(results: BenchResults): string {
  const runs = Object.entries(results.pipelines).filter((entry): entry is [string, NonNullable<(typeof entry)[1]>] => entry[1] !== undefined);
  const summary = table(
    ['scale', 'seconds (pipeline)', 'wall seconds (process)', 'peak RSS', 'output rows', 'output rows/s'],
    runs.map(([scale, run]) => [scale, seconds(run.seconds), seconds(run.wallSeconds), `${(run.peakRssBytes / MIB).toFixed(0)} MiB`, count(run.outputRows), count(run.outputRowsPerSecond)]),
  );
  const stepNames = [...new Set(runs.flatMap(([, run]) => Object.keys(run.stepSeconds)))];
  const steps = table(
    ['step', ...runs.map(([scale]) => `${scale} (s)`)],
    stepNames.map((step) => [step, ...runs.map(([, run]) => (run.stepSeconds[step] === undefined ? '–' : seconds(run.stepSeconds[step])))]),
  );
  const tables = [...new Set(runs.flatMap(([, run]) => Object.keys(run.rowsPerTable)))];
  const rows = table(
    ['output table', ...runs.map(([scale]) => `${scale} rows`)],
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
  const evidence = new Set(QUERY_NAMES.map((name) => results.api.queries[name].cacheEvidence));
  if (evidence.has('none') && evidence.size === 1) {
    return 'skipped – no response cache detected (a repeated identical request had no `extensions.responseCache.hit` and was not ≥ 4× faster than an uncached one).';
  }
  return `a repeated identical request (cache detected by ${[...evidence].join(', ')}; "–" where none was detected).`;
}

function loadSection(results: BenchResults): string {
  const { load, duringPipeline } = results;
  return [
    table(
      ['connections', 'seconds', 'requests/s', 'p50 (ms)', 'p99 (ms)', 'errors', `of which timeouts (> ${load.timeoutSeconds} s)`, 'non-2xx', 'GraphQL errors'],
      [
        [
          load.connections,
          seconds(load.seconds),
          load.requestsPerSecond.toFixed(1),
          ms(load.latencyP50Ms),
          ms(load.latencyP99Ms),
          load.errors,
          load.errorKinds.timeouts,
          load.errorKinds.non2xx,
          load.errorKinds.graphqlErrors,
        ],
      ],
    ),
    '**Dashboard query (a) while a pipeline run publishes into the served database** (sequential uncached requests for the whole run):',
    table(
      ['requests', 'p50 (ms)', 'p95 (ms)', 'p99 (ms)', 'idle p99 (ms)', 'p99 ÷ idle p99', 'pipeline run seconds'],
      [
        [
          duringPipeline.latency.count,
          ...percentiles(duringPipeline.latency),
          ms(duringPipeline.idleP99Ms),
          `${duringPipeline.p99Ratio.toFixed(2)}×`,
          'error' in duringPipeline.pipeline ? `**failed**: ${duringPipeline.pipeline.error.split('\n')[0]}` : seconds(duringPipeline.pipeline.seconds),
        ],
      ],
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
        `${count(baseline.ratios[name])}×`,
      ]),
    ),
    `Cross-check: total dashboard spend baseline ${baseline.dashboardSpend.toFixed(2)} vs API ${baseline.apiDashboardSpend.toFixed(2)} → ` +
      (baseline.spendMatches ? 'same answer.' : '**differs** (investigate before trusting the ratio).'),
  ].join('\n\n');
}

const METHOD = `## Method

- **Processes.** Data generation and pipeline runs each run in their own Node process
  (\`bench/worker.ts\`); peak RSS is that process's \`getrusage\` max RSS. The API server runs in its own
  process (\`src/serve.ts\`); the client (latency loops, autocannon, baseline) is \`bench/run.ts\`. All share
  the machine's cores.
- **Latency.** Sequential requests over one keep-alive connection; p50/p95/p99 are nearest-rank
  percentiles of the measured requests (warm-up excluded).
- **Uncached.** Every request carries a fresh \`benchNonce\` in its \`variables\`, a variable the operation
  does not declare: GraphQL ignores it, so the work and the document (parse/validation caches) are
  unchanged, but a response cache keyed on document + variables cannot answer it. **Cached** repeats one
  identical request; it is reported only when a response cache is detected (\`extensions.responseCache.hit\`
  on the repeat, or the repeat's p50 below a quarter of the uncached p50).
- **SQL statements per request** are counted through the API's \`onQuery\` hook (\`createApi\`) on an
  in-process instance over the same app database, one uncached request per query.
- **During a pipeline run.** A second pipeline run (own process) on the same source and app database
  while this process sends uncached dashboard requests one after another until the run has published;
  compared with the idle uncached p99 above.
- **Baseline.** The old way: the answers computed at request time from the source tables (per entity level
  one query joining \`mixpanel_user\` and \`mixpanel_event\` with the Meta table, distinct users by
  \`COUNT(DISTINCT)\`, money and spend summed over the range, derived metrics through the shared formulas
  module). It runs in-process (no HTTP, no GraphQL) on a copy of the source database with indexes on every
  column it filters or joins on, with prepared statements, after one warm-up — a lower bound of the old
  cost: it skips the exact rules that make request-time computation expensive (latest trial per user M9,
  post-trial/conversion/refund lists M11–M14, parent fill-in M8), so its user counts can differ from ours;
  spend (M20) is the same rule and is cross-checked.`;

export function renderResults(results: BenchResults): string {
  const { machine, revision } = results;
  return [
    '# Benchmark results',
    `Reproduce with \`npm run bench${results.scale === 'large' ? '' : ` -- --scale ${results.scale}`}\` (the whole run took ${seconds(results.totalSeconds)} s).`,
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
    '## Targets',
    targetsSection(results),
    '## Source data',
    sourcesSection(results),
    '## Pipeline',
    pipelineSection(results),
    '## API latency',
    apiSection(results),
    `## Load: autocannon on (a), ${results.settings.loadConnections} connections, ${results.settings.loadSeconds} s, uncached`,
    loadSection(results),
    '## Baseline: request-time computation from the source tables',
    baselineSection(results),
    METHOD,
  ].join('\n\n') + '\n';
}

/** Writes both files; the JSON goes through a temporary file so a reader never sees half of it. */
export function writeResults(results: BenchResults, markdownPath: string, jsonPath: string): void {
  writeFileSync(markdownPath, renderResults(results));
  writeFileSync(`${jsonPath}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(`${jsonPath}.tmp`, jsonPath);
}
