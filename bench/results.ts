/** The shape of one benchmark run's figures (bench/results.json), and where the run happened. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import type { ScaleName } from '../pipeline/demo-data/scales.ts';
import type { LatencySettings, QueryFigures } from './api.ts';
import type { BaselineFigures, BaselineQueryName } from './baseline.ts';
import { REPO_ROOT } from './children.ts';
import type { HeavyLoadFigures } from './heavy-load.ts';
import type { HostileLoadFigures } from './hostile.ts';
import type { ObservabilityCost } from './observability.ts';
import type { ValueCheckFigures } from './pipeline.ts';
import type { ImportFigures } from './import.ts';
import type { DuringPipelineFigures, LoadFigures } from './load.ts';
import type { PipelineFigures } from './pipeline.ts';
import type { QueryName, QueryTargets } from './queries.ts';
import type { SourceDatabase } from './source-data.ts';
import type { LatencySummary } from './stats.ts';
import type { TargetCheck } from './targets.ts';

export interface MachineInfo {
  cpuCount: number;
  cpuModel: string;
  memoryBytes: number;
  node: string;
  os: string;
  /** 1-minute load average when the run started and ended: other work on the machine skews every figure. */
  loadAverage: { start: number; end: number };
}

export interface Revision {
  commit: string;
  /** The work tree had uncommitted changes when the benchmark started. */
  dirty: boolean;
}

/** When, where and how a benchmark run was made: the head of every results file. */
export interface RunInfo {
  date: string;
  revision: Revision;
  machine: MachineInfo;
  scale: ScaleName;
  seed: number;
  totalSeconds: number;
  settings: LatencySettings & { loadConnections: number; loadSeconds: number; hostileSeconds?: number };
}

export const BACKEND_NAMES = ['sqlite', 'postgres'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** PostgreSQL beside SQLite in the same run, on the same source data (issue 13, bench/backends.ts). */
export interface BackendComparison {
  server: {
    /** Where the server came from (TEST_DATABASE_URL or the embedded one), password masked. */
    description: string;
    version: string;
    /** current_setting() of the planner and memory settings that shape the pipeline's plans. */
    settings: Record<string, string>;
  };
  /** Copying the source tables into a PostgreSQL schema; not part of the pipeline figures. */
  sourceLoadSeconds: number;
  /** SQLite's run right before PostgreSQL's, so that the two share the machine's state. */
  pipelines: Record<BackendName, PipelineFigures>;
  /** Uncached, over HTTP, one API server process per backend, one after the other. */
  queries: Record<BackendName, Record<QueryName, LatencySummary>>;
  /** Two PostgreSQL API replicas on one database sharing the connections of the load, uncached dashboard (a). */
  replicaLoad: LoadFigures[];
  seconds: number;
}

/** Why a run has no comparison: no PostgreSQL server to run it on, `--backend sqlite`, or it failed. */
export interface ComparisonMissing {
  missing: 'no server' | 'left out' | 'failed';
  reason: string;
}

export type PostgresFigures = BackendComparison | ComparisonMissing;

export const isComparison = (figures: PostgresFigures): figures is BackendComparison => !('missing' in figures);

export interface BenchResults extends RunInfo {
  sources: Partial<Record<ScaleName, SourceDatabase>>;
  pipelines: { demo: PipelineFigures; large?: PipelineFigures };
  api: { targets: QueryTargets; queries: Record<QueryName, QueryFigures> };
  /** Uncached, and cached when the server has a response cache. */
  load: LoadFigures[];
  duringPipeline: DuringPipelineFigures;
  /** Absent in results written before issue 10. */
  hostileLoad?: HostileLoadFigures;
  /** Ten clients of the heaviest allowed query, the heavy-query queue off and on (bench/heavy-load.ts). */
  heavyLoad?: HeavyLoadFigures;
  baseline: BaselineFigures & {
    /** baseline p50 ÷ our uncached p50, per query. */
    ratios: Record<BaselineQueryName, number>;
    apiDashboardSpend: number;
    spendMatches: boolean;
  };
  /** `npm run import` on the events written out as a Mixpanel raw export. */
  import?: ImportFigures;
  /** The dashboard query with and without request metrics and logs (absent in results written before them). */
  observability?: ObservabilityCost;
  /** The main pipeline run again without the M31 value checks (absent in results written before them). */
  valueChecks?: ValueCheckFigures;
  postgres: PostgresFigures;
  targets: TargetCheck[];
}

/** Every figure; the target checks are made from these. */
export type MeasuredResults = Omit<BenchResults, 'targets'>;

/** `npm run bench -- --backend postgres`: the comparison alone. */
export interface ComparisonResults extends RunInfo {
  postgres: BackendComparison;
  targets: TargetCheck[];
}

export function machineInfo(loadAverageAtStart: number): MachineInfo {
  const processors = cpus();
  return {
    cpuCount: processors.length,
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    memoryBytes: totalmem(),
    node: process.version,
    os: `${process.platform} ${release()}`,
    loadAverage: { start: loadAverageAtStart, end: loadavg()[0]! },
  };
}

export function currentRevision(): Revision {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  return { commit: git('rev-parse', '--short', 'HEAD'), dirty: git('status', '--porcelain', '--untracked-files=no') !== '' };
}
