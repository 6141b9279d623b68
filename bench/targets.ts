/** The targets the issues set for benchmark figures, checked against one run's results. */
import { pipelineRunError } from './load.ts';
import { PROBE_PATHS } from './heavy-load.ts';
import type { QueryName } from './queries.ts';
import { isComparison, type BackendComparison, type MeasuredResults, type PostgresFigures, type RunInfo } from './results.ts';

export type TargetStatus = 'pass' | 'fail' | 'n/a';

export interface TargetCheck {
  issue: number;
  figure: string;
  measured: string;
  target: string;
  status: TargetStatus;
  /** Why a target is not evaluated (e.g. a large-data target in a demo-scale run). */
  note?: string;
}

const GIB = 1024 ** 3;
const ms = (value: number) => `${value.toFixed(2)} ms`;

type Outcome = { measured: string; pass: boolean } | null | undefined;

interface TargetDefinition<Figures> {
  issue: number;
  figure: string;
  target: string;
  /** Targets stated for the large data are not judged on a demo-scale run. */
  largeDataOnly: boolean;
  /** The measured value as text and whether it meets the target; null or undefined when not measured. */
  check(figures: Figures): Outcome;
  /** Why check() found nothing to judge; by default, because the figure needs the large data. */
  notMeasured?(figures: Figures): string;
}

const TARGETS: TargetDefinition<MeasuredResults>[] = [
  {
    issue: 3,
    figure: 'pipeline on demo data, seconds (pipeline summary; process wall in the pipeline table)',
    target: '≤ 5 s',
    largeDataOnly: false,
    check: ({ pipelines }) => ({ measured: `${pipelines.demo.seconds.toFixed(2)} s`, pass: pipelines.demo.seconds <= 5 }),
  },
  {
    issue: 3,
    figure: 'pipeline on large data, seconds (pipeline summary)',
    target: '≤ 60 s',
    largeDataOnly: true,
    check: ({ pipelines }) => pipelines.large && { measured: `${pipelines.large.seconds.toFixed(2)} s`, pass: pipelines.large.seconds <= 60 },
  },
  {
    issue: 3,
    figure: 'pipeline on large data, peak RSS',
    target: '≤ 2 GiB',
    largeDataOnly: true,
    check: ({ pipelines }) =>
      pipelines.large && { measured: `${(pipelines.large.peakRssBytes / GIB).toFixed(2)} GiB`, pass: pipelines.large.peakRssBytes <= 2 * GIB },
  },
  {
    issue: 4,
    figure: 'dashboard query (a) p50, uncached',
    target: '≤ 50 ms',
    largeDataOnly: true,
    check: ({ api }) => ({ measured: ms(api.queries.dashboard.uncached.p50), pass: api.queries.dashboard.uncached.p50 <= 50 }),
  },
  {
    issue: 4,
    figure: 'one entity with a 14-day sparkline (b) p50, uncached',
    target: '≤ 5 ms',
    largeDataOnly: true,
    check: ({ api }) => ({ measured: ms(api.queries.entity.uncached.p50), pass: api.queries.entity.uncached.p50 <= 5 }),
  },
  {
    issue: 11,
    figure: 'dashboard query (a) p50, uncached',
    target: '≤ 25 ms',
    largeDataOnly: true,
    check: ({ api }) => ({ measured: ms(api.queries.dashboard.uncached.p50), pass: api.queries.dashboard.uncached.p50 <= 25 }),
  },
  {
    issue: 11,
    figure: 'dashboard query (a): request-time baseline p50 ÷ ours uncached p50',
    target: '≥ 60×',
    largeDataOnly: true,
    check: ({ baseline }) => ({ measured: `${baseline.ratios.dashboard.toFixed(1)}×`, pass: baseline.ratios.dashboard >= 60 }),
  },
  {
    issue: 11,
    figure: "dashboard with compareTo (a') p50 ÷ without (a) p50, uncached",
    target: '≤ 1.3×',
    largeDataOnly: false,
    check: ({ api }) => {
      const ratio = api.queries.dashboardCompared.uncached.p50 / api.queries.dashboard.uncached.p50;
      return { measured: `${ratio.toFixed(2)}×`, pass: ratio <= 1.3 };
    },
  },
  {
    issue: 5,
    figure: 'dashboard query (a) p50, cached repeat',
    target: '≤ 2 ms',
    largeDataOnly: true,
    check: ({ api }) => api.queries.dashboard.cached && { measured: ms(api.queries.dashboard.cached.p50), pass: api.queries.dashboard.cached.p50 <= 2 },
    notMeasured: () => 'no response cache detected on the server',
  },
  {
    issue: 5,
    figure: 'dashboard query (a) p99 during a pipeline run ÷ idle p99',
    target: '≤ 2×',
    largeDataOnly: true,
    check: ({ duringPipeline }) => {
      const failure = pipelineRunError(duringPipeline);
      if (failure !== null) return { measured: `${duringPipeline.p99Ratio.toFixed(2)}× but the concurrent pipeline run failed`, pass: false };
      return { measured: `${duringPipeline.p99Ratio.toFixed(2)}×`, pass: duringPipeline.p99Ratio <= 2 };
    },
  },
  {
    issue: 6,
    figure: 'load on (a), 50 connections: errors (uncached, and cached when there is a response cache)',
    target: '0',
    largeDataOnly: false,
    check: ({ load }) => ({ measured: load.map((run) => `${run.errors} ${run.requests}`).join(', '), pass: load.every((run) => run.errors === 0) }),
  },
  {
    issue: 10,
    figure: 'hostile load: API server crashes, /health failures, dashboard (a) errors',
    target: '0',
    largeDataOnly: false,
    check: ({ hostileLoad }) =>
      hostileLoad && {
        measured: `${hostileLoad.crashes} crashes, ${hostileLoad.healthFailures} of ${hostileLoad.healthChecks} /health, ${hostileLoad.dashboardErrors} dashboard`,
        pass: hostileLoad.crashes + hostileLoad.healthFailures + hostileLoad.dashboardErrors === 0,
      },
  },
  {
    issue: 10,
    figure: 'hostile load: API server peak RSS',
    target: '≤ 1 GiB',
    largeDataOnly: false,
    check: ({ hostileLoad }) =>
      hostileLoad?.peakRssBytes == null
        ? null
        : {
            measured: `${(hostileLoad.peakRssBytes / GIB).toFixed(2)} GiB (${((hostileLoad.rssBeforeBytes ?? 0) / GIB).toFixed(2)} GiB before)`,
            pass: hostileLoad.peakRssBytes <= GIB,
          },
  },
  {
    issue: 21,
    figure: 'ten clients of the heaviest allowed query (queue on): /health, /livez, /readyz p99',
    target: '≤ 250 ms',
    largeDataOnly: false,
    check: ({ heavyLoad }) =>
      heavyLoad && {
        measured: PROBE_PATHS.map((path) => `${path} ${heavyLoad.on.probes[path].p99.toFixed(0)} ms`).join(', ') + ` (queue off: /health ${heavyLoad.off.probes['/health'].p99.toFixed(0)} ms)`,
        pass: PROBE_PATHS.every((path) => heavyLoad.on.probes[path].p99 <= 250) && heavyLoad.on.probeFailures === 0,
      },
  },
  {
    issue: 21,
    figure: 'ten clients of the heaviest allowed query (queue on): dashboard query (a) p99 ÷ idle p99',
    target: '≤ 3×',
    largeDataOnly: false,
    check: ({ heavyLoad }) =>
      heavyLoad && { measured: `${heavyLoad.on.p99Ratio.toFixed(2)}× (queue off: ${heavyLoad.off.p99Ratio.toFixed(2)}×)`, pass: heavyLoad.on.p99Ratio <= 3 && heavyLoad.on.dashboardErrors === 0 },
  },
  {
    issue: 22,
    figure: 'pipeline with the source value checks (M31) ÷ without, whole run',
    target: '≤ 1.05×',
    largeDataOnly: true,
    check: ({ valueChecks }) =>
      valueChecks && {
        measured: `${(valueChecks.withSeconds / valueChecks.withoutSeconds).toFixed(3)}× (${valueChecks.withSeconds.toFixed(2)} s ÷ ${valueChecks.withoutSeconds.toFixed(2)} s)`,
        pass: valueChecks.withSeconds <= 1.05 * valueChecks.withoutSeconds,
      },
  },
  {
    issue: 23,
    figure: 'dashboard query (a) p50 with request metrics and JSON logs ÷ without',
    target: '≤ 1.05×',
    largeDataOnly: false,
    check: ({ observability }) =>
      observability && {
        measured: `${(observability.observed.p50 / observability.unobserved.p50).toFixed(3)}× (${ms(observability.observed.p50)} ÷ ${ms(observability.unobserved.p50)})`,
        pass: observability.observed.p50 <= 1.05 * observability.unobserved.p50,
      },
  },
  {
    issue: 24,
    figure: 'dashboard query p50, uncached: periods on every field (a) ÷ inherited from the root (a")',
    target: '≤ 1.1×',
    largeDataOnly: false,
    check: ({ api }) => {
      const ratio = api.queries.dashboard.uncached.p50 / api.queries.dashboardInherited.uncached.p50;
      return { measured: `${ratio.toFixed(2)}× (${ms(api.queries.dashboard.uncached.p50)} ÷ ${ms(api.queries.dashboardInherited.uncached.p50)})`, pass: ratio <= 1.1 };
    },
  },
  {
    issue: 10,
    figure: 'dashboard query (a) p99 during the hostile load ÷ idle p99',
    target: '≤ 3×',
    largeDataOnly: true,
    check: ({ hostileLoad }) => hostileLoad && { measured: `${hostileLoad.p99Ratio.toFixed(2)}×`, pass: hostileLoad.p99Ratio <= 3 },
  },
  {
    issue: 6,
    // The PostgreSQL comparison (issue 13) came later, with targets of its own, and depends on a server being there.
    figure: 'the whole benchmark without the PostgreSQL comparison, seconds (generating the large data, when not cached, included)',
    target: '< 600 s',
    largeDataOnly: true,
    check: ({ totalSeconds, postgres }) => {
      const seconds = totalSeconds - (isComparison(postgres) ? postgres.seconds : 0);
      return { measured: `${seconds.toFixed(0)} s`, pass: seconds < 600 };
    },
  },
];

/** What the PostgreSQL targets need: also all that a `--backend postgres` run has. */
type BackendFigures = Pick<RunInfo, 'scale'> & { postgres: PostgresFigures };

const BACKEND_RATIO_LIMIT = 1.5;

/** Judges a figure of the comparison; a comparison that failed fails the target, one without a server is not measured. */
function fromComparison(postgres: PostgresFigures, judge: (comparison: BackendComparison) => NonNullable<Outcome>): Outcome {
  if (isComparison(postgres)) return judge(postgres);
  return postgres.missing === 'failed' ? { measured: 'the comparison failed (its section says why)', pass: false } : null;
}

function backendRatio(postgres: number, sqlite: number, unit: 's' | 'ms'): NonNullable<Outcome> {
  const ratio = postgres / sqlite;
  return { measured: `${ratio.toFixed(2)}× (${postgres.toFixed(2)} ${unit} ÷ ${sqlite.toFixed(2)} ${unit})`, pass: ratio <= BACKEND_RATIO_LIMIT };
}

/** Why a run has no comparison to judge (a failed one fails instead); its section gives the server's whole story. */
const whyNoComparison = ({ postgres }: BackendFigures) =>
  !isComparison(postgres) && postgres.missing === 'left out' ? postgres.reason : 'no PostgreSQL server; its section says why';

const COMPARED_QUERIES: [QueryName, string][] = [
  ['dashboard', 'dashboard query (a)'],
  ['entity', 'one entity with a 14-day sparkline (b)'],
  ['breakdown', 'country breakdown of one campaign (c)'],
  ['overview', 'overview (d)'],
];

const BACKEND_TARGETS: TargetDefinition<BackendFigures>[] = [
  {
    issue: 13,
    figure: 'pipeline on large data, whole run: PostgreSQL ÷ SQLite',
    target: `≤ ${BACKEND_RATIO_LIMIT}×`,
    largeDataOnly: true,
    check: ({ postgres }) => fromComparison(postgres, ({ pipelines }) => backendRatio(pipelines.postgres.seconds, pipelines.sqlite.seconds, 's')),
    notMeasured: whyNoComparison,
  },
  ...COMPARED_QUERIES.map(
    ([name, label]): TargetDefinition<BackendFigures> => ({
      issue: 13,
      figure: `${label} p50, uncached: PostgreSQL ÷ SQLite`,
      target: `≤ ${BACKEND_RATIO_LIMIT}×`,
      largeDataOnly: false,
      check: ({ postgres }) => fromComparison(postgres, ({ queries }) => backendRatio(queries.postgres[name].p50, queries.sqlite[name].p50, 'ms')),
      notMeasured: whyNoComparison,
    }),
  ),
  {
    issue: 13,
    figure: 'two PostgreSQL API replicas sharing the 50-connection load on (a): errors per replica',
    target: '0',
    largeDataOnly: false,
    check: ({ postgres }) =>
      fromComparison(postgres, ({ replicaLoad }) => ({
        measured: replicaLoad.map((run) => `${run.errors} (${run.requestsPerSecond.toFixed(1)} req/s)`).join(', '),
        // A replica that answered nothing has not shown that it serves under load.
        pass: replicaLoad.every((run) => run.errors === 0 && run.requestsPerSecond > 0),
      })),
    notMeasured: whyNoComparison,
  },
];

function judge<Figures extends Pick<RunInfo, 'scale'>>(definitions: TargetDefinition<Figures>[], figures: Figures): TargetCheck[] {
  return definitions.map(({ issue, figure, target, largeDataOnly, check, notMeasured }) => {
    const outcome = check(figures);
    if (outcome == null) {
      return { issue, figure, target, measured: 'not measured', status: 'n/a', note: notMeasured?.(figures) ?? 'needs the large data (run without --scale demo)' };
    }
    if (largeDataOnly && figures.scale !== 'large') {
      return { issue, figure, target, measured: outcome.measured, status: 'n/a', note: `target is for large data; this run used ${figures.scale}` };
    }
    return { issue, figure, target, measured: outcome.measured, status: outcome.pass ? 'pass' : 'fail' };
  });
}

/** The PostgreSQL comparison's targets (issue 13) alone, for `--backend postgres`. */
export const checkBackendTargets = (figures: BackendFigures): TargetCheck[] => judge(BACKEND_TARGETS, figures);

export const checkTargets = (results: MeasuredResults): TargetCheck[] => [...judge(TARGETS, results), ...checkBackendTargets(results)];
