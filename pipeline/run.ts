/**
 * The pipeline: validates its input without writing anything, then runs the named steps into stage
 * tables and publishes them in one transaction (see run-space.ts). Every run is recorded in
 * `pipeline_runs`; a failed run leaves the previously published data exactly as it was.
 */
import { constants, setPriority } from 'node:os';
import { eventNamesFromEnv, maxRestatementShareFromEnv, maxSkippedShareFromEnv, DEFAULT_TIMEZONE, UsageError, type EventNames } from '../src/config.ts';
import { assertAppDatabaseLocation, openAppDatabase, type RunLockHold } from '../src/db/app-database.ts';
import { AppDatabasePathError } from '../src/db/sqlite/app-database-path.ts';
import type { RunTrigger } from '../src/db/tables/pipeline-runs.ts';
import { recordedFreshness, type RecordedSourceFreshness } from '../src/freshness/freshness.ts';
import { PipelineBusyError, PipelineHeldError, PipelineInputError } from './errors.ts';
import { checkRestatements, describeHold, type PublishHold } from './publish-guard.ts';
import { failRunIfUnfinished, finishRun, recordProgress, recordPublished, recordSourceRows, startRun, type SkippedRows } from './run-log.ts';
import { openRunSpace, publishHeldRun, type RunSpace } from './run-space.ts';
import { locateSourceTables, SourceContractError, type SourceTableLocations } from './source/contract.ts';
import { distinctSources } from './source/files.ts';
import { progressAfter, type StepName } from './progress.ts';
import { PUBLISHED_TABLES } from './staging.ts';
import { attributeUsers, collectEventsJob } from './steps/attribution.ts';
import { computeBreakdowns } from './steps/breakdowns.ts';
import { runSelfChecks } from './steps/checks.ts';
import { computeDailyMetrics } from './steps/daily.ts';
import { computeHierarchy } from './steps/hierarchy.ts';
import { computeUserLists, latestEventJobs } from './steps/lists.ts';
import { computeNames } from './steps/names.ts';
import { checkSourceKeys, type IgnoredRepeats } from './steps/keys.ts';
import { readSources } from './steps/sources.ts';
import { valueChecks } from './source/values.ts';
import { assertTimeZone } from './timezone.ts';
import { describeFailure } from './write-failure.ts';

export interface PipelineOptions {
  /** Source SQLite files; each table is read from the first file that has it. */
  sources: string[];
  appDbPath: string;
  /** M1 as-of day `YYYY-MM-DD`; default: the latest day in the source data. */
  asOf?: string;
  /** M2 reporting time zone (IANA); default UTC. */
  timezone?: string;
  /** M3 event names; default from the environment, then RevenueCat's names. */
  eventNames?: Partial<EventNames>;
  /** M33: the share a guarded measure may move before the run is held; default MAX_RESTATEMENT_SHARE, then 0.5. */
  maxRestatementShare?: number;
  /** M33: publish without the publish guard (`--accept-changes`), this run only. */
  acceptChanges?: boolean;
  /** M32: the largest share of a source table's rows that may be skipped; default MAX_SKIPPED_SHARE, then 0.001. */
  maxSkippedShare?: number;
  /** Only for the benchmark, which measures what the value checks (M31) cost: leaves them out. */
  withoutValueChecks?: boolean;
  /** Record into this already created `pipeline_runs` row (a run started from the API). */
  runId?: number;
  /** What starts the run, when it records one itself (default `cli`). */
  trigger?: RunTrigger;
  onProgress?: (progress: PipelineProgress) => void;
}

export interface PipelineProgress {
  runId: number;
  step: string;
  /** Fraction of the run done, 0..1. */
  progress: number;
  /** Seconds the step took. */
  seconds: number;
}

/** How the command-line entry points print progress: `   65%  daily`. */
export const progressLine = ({ step, progress }: Pick<PipelineProgress, 'step' | 'progress'>) =>
  `${(progress * 100).toFixed(0).padStart(3)}%  ${step}\n`;

export interface PipelineSummary {
  runId: number;
  asOf: string;
  timezone: string;
  seconds: number;
  stepSeconds: Record<string, number>;
  rowsPerTable: Record<string, number>;
  skippedRows: SkippedRows;
  /** Per source table, rows that repeated a key with identical values and were used once. */
  ignoredRepeats: IgnoredRepeats;
}

interface ValidatedInput {
  sources: string[];
  locations: SourceTableLocations;
  asOf: string | null;
  timezone: string;
  eventNames: EventNames;
  maxSkippedShare: number;
  maxRestatementShare: number;
  acceptChanges: boolean;
  withoutValueChecks: boolean;
}

/**
 * Checks parameters, sources and the app database's path without writing anything (no run is
 * recorded, no file created); throws PipelineInputError.
 */
export async function validatePipelineInput(
  options: Pick<
    PipelineOptions,
    'sources' | 'appDbPath' | 'asOf' | 'timezone' | 'eventNames' | 'maxSkippedShare' | 'maxRestatementShare' | 'acceptChanges' | 'withoutValueChecks'
  >,
): Promise<ValidatedInput> {
  const timezone = options.timezone ?? DEFAULT_TIMEZONE;
  assertTimeZone(timezone);
  const asOf = options.asOf ?? null;
  if (asOf !== null && !isCalendarDay(asOf)) {
    throw new PipelineInputError(`invalid as-of day '${asOf}': expected a calendar date YYYY-MM-DD`);
  }
  let maxSkippedShare: number;
  let maxRestatementShare: number;
  let sources: string[];
  let locations: SourceTableLocations;
  try {
    maxSkippedShare = options.maxSkippedShare ?? maxSkippedShareFromEnv();
    maxRestatementShare = options.maxRestatementShare ?? maxRestatementShareFromEnv();
    sources = distinctSources(options.sources, options.appDbPath);
    locations = await locateSourceTables(sources);
    assertAppDatabaseLocation(options.appDbPath);
  } catch (error) {
    if (error instanceof SourceContractError || error instanceof AppDatabasePathError || error instanceof UsageError) throw new PipelineInputError(error.message);
    throw error;
  }
  return {
    sources,
    locations,
    asOf,
    timezone,
    eventNames: { ...eventNamesFromEnv(), ...options.eventNames },
    maxSkippedShare,
    maxRestatementShare,
    acceptChanges: options.acceptChanges ?? false,
    withoutValueChecks: options.withoutValueChecks ?? false,
  };
}

export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

type RunStep = <T>(name: StepName, run: () => T | Promise<T>) => Promise<T>;

/**
 * The named steps in order; returns the as-of day. The second connection collects the events and
 * finds each user's latest trial and purchase (jobs of the lists step) while the run's own
 * connection names entities, builds the hierarchy and attributes users.
 */
async function runSteps(run: RunSpace, input: ValidatedInput, step: RunStep, found: FoundSoFar): Promise<string> {
  found.ignoredRepeats = await step('keys', () => checkSourceKeys(run, input.locations));
  const checks = valueChecks(run.db.dialect, !input.withoutValueChecks);
  const sources = await step('sources', async () => {
    const read = await readSources(run, { ...input, checks });
    found.sourceFreshness = recordedFreshness(read.newest.metaDay, read.newest.eventUtc, input.timezone);
    return read;
  });
  Object.assign(found, { asOf: sources.asOf, skippedRows: sources.skippedRows });
  await recordSourceRows(run.db, found.runId, sources.sourceRows);
  const latestEvents = run.inBackground([collectEventsJob(run, sources.localDay, input.eventNames, checks), ...latestEventJobs(run)]);
  await step('names', () => computeNames(run));
  await step('hierarchy', () => computeHierarchy(run));
  await step('attribution', () => attributeUsers(run));
  await step('lists', async () => {
    await latestEvents;
    await computeUserLists(run, sources.asOf);
  });
  await step('daily', () => computeDailyMetrics(run));
  await step('breakdowns', () => computeBreakdowns(run));
  await step('checks', () => runSelfChecks(run));
  return sources.asOf;
}

/** What the run has found so far, recorded with each step's progress. */
interface FoundSoFar {
  runId: number;
  asOf?: string;
  skippedRows: SkippedRows;
  ignoredRepeats: IgnoredRepeats;
  sourceFreshness?: RecordedSourceFreshness;
}

async function countStageRows(run: RunSpace): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of PUBLISHED_TABLES) {
    counts[table] = Number((await run.db.get<{ n: number }>(`SELECT count(*) AS n FROM ${run.stageTable(table)}`))!.n);
  }
  return counts;
}

/**
 * For processes that exist to run the pipeline (the CLI, a run started from the API): their threads
 * take the CPU when a server on the same machine does not need it. Threads created afterwards (the
 * second connection) inherit the priority on Linux. An in-process run (`npm start` before it
 * serves) keeps its priority, which a process cannot raise back.
 */
export function yieldCpuToServers(): void {
  try {
    setPriority(constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not permitted on this system: run at normal priority.
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runPipeline(options: PipelineOptions): Promise<PipelineSummary> {
  const input = await validatePipelineInput(options);
  return runValidatedPipeline(options, input);
}

/**
 * Runs into an already recorded run (one started from the API): input problems are recorded on it
 * as a failure too, since the caller is waiting on that run rather than on this process.
 */
export async function runRecordedPipeline(options: PipelineOptions & { runId: number }): Promise<PipelineSummary> {
  let input: ValidatedInput;
  try {
    input = await validatePipelineInput(options);
  } catch (error) {
    const app = await openAppDatabase(options.appDbPath);
    try {
      await failRunIfUnfinished(app.db, options.runId, (error as Error).message);
    } finally {
      await app.close();
    }
    throw error;
  }
  return runValidatedPipeline(options, input);
}

async function runValidatedPipeline(options: PipelineOptions, input: ValidatedInput): Promise<PipelineSummary> {
  const started = performance.now();
  const app = await openAppDatabase(options.appDbPath);
  const { db } = app;
  // Made once the run is ours: a refused run starts no second connection and writes no scratch space.
  let run: RunSpace | undefined;
  let hold: RunLockHold | null = null;
  try {
    // A run recorded by the API is handed over to this process: wait for the recorder to let go.
    hold = await app.holdRunLock({ wait: options.runId !== undefined });
    if (!hold) throw new PipelineBusyError((await app.settleAbandonedRuns()) ?? 0);
    const runId = options.runId ?? (await claimRun(hold, input, options.trigger));
    try {
      run = await openRunSpace(app, { runId, sources: input.sources, locations: input.locations });
    } catch (error) {
      // E.g. a source that cannot be copied into PostgreSQL: what it left is dropped by the next run's space.
      await finishRun(db, runId, { status: 'failed', error: describeFailure(error, app.location) });
      throw error;
    }
    const space = run;
    const found: FoundSoFar = { runId, asOf: input.asOf ?? undefined, skippedRows: {}, ignoredRepeats: {} };
    const stepSeconds: Record<string, number> = {};
    const step: RunStep = async (name, run) => {
      const stepStarted = performance.now();
      const result = await run();
      stepSeconds[name] = (performance.now() - stepStarted) / 1000;
      const progress = progressAfter(name);
      await recordProgress(db, runId, {
        step: name,
        progress,
        stepTimings: stepSeconds,
        asOf: found.asOf,
        skippedRows: found.skippedRows,
        ignoredRepeats: found.ignoredRepeats,
        sourceFreshness: found.sourceFreshness,
      });
      options.onProgress?.({ runId, step: name, progress, seconds: stepSeconds[name]! });
      await yieldToEventLoop();
      return result;
    };
    let held: PublishHold | null = null;
    let summary: PipelineSummary;
    try {
      const asOf = await runSteps(space, input, step, found);
      const rowsPerTable = await countStageRows(space);
      held = input.acceptChanges ? null : await checkRestatements(space, input.maxRestatementShare);
      if (held) {
        await space.keepHeld();
        await finishRun(db, runId, { status: 'held', error: describeHold(runId, held), held, rowsPerTable, stepTimings: stepSeconds });
      } else {
        const publishStarted = performance.now();
        await space.publish(async (tx) => {
          await recordPublished(tx, { runId, asOf, timezone: input.timezone });
          stepSeconds.publish = (performance.now() - publishStarted) / 1000;
          await finishRun(tx, runId, { status: 'succeeded', rowsPerTable, stepTimings: stepSeconds });
        });
        options.onProgress?.({ runId, step: 'publish', progress: 1, seconds: stepSeconds.publish! });
      }
      summary = {
        runId,
        asOf,
        timezone: input.timezone,
        seconds: (performance.now() - started) / 1000,
        stepSeconds,
        rowsPerTable,
        skippedRows: found.skippedRows,
        ignoredRepeats: found.ignoredRepeats,
      };
    } catch (error) {
      await space.discard();
      await finishRun(db, runId, { status: 'failed', error: describeFailure(error, app.location), stepTimings: stepSeconds });
      throw error;
    }
    if (held) throw new PipelineHeldError(runId, describeHold(runId, held));
    return summary;
  } finally {
    await run?.close();
    await hold?.release();
    await app.close();
  }
}

/** Records a new run, refusing when another live process is running one on this database. */
async function claimRun(hold: RunLockHold, input: ValidatedInput, trigger: RunTrigger = 'cli'): Promise<number> {
  const active = await hold.settleAbandonedRuns();
  if (active !== null) throw new PipelineBusyError(active);
  return startRun(hold.db, { sources: input.sources, asOf: input.asOf, timezone: input.timezone, eventNames: { ...input.eventNames } }, trigger);
}

/**
 * Publishes held run `runId` (M33) as it was computed: its kept tables, not a new run over sources
 * that may have changed since. The run is then recorded as succeeded (its `held` record stays).
 */
export async function publishHeldPipelineRun(appDbPath: string, runId: number): Promise<void> {
  const app = await openAppDatabase(appDbPath);
  let hold: RunLockHold | null = null;
  try {
    hold = await app.holdRunLock();
    if (!hold) throw new PipelineBusyError((await app.settleAbandonedRuns()) ?? 0);
    const run = await app.db.get<{ status: string; asOf: string; timezone: string; rowsPerTable: string }>(
      'SELECT status, as_of AS "asOf", timezone, rows_per_table AS "rowsPerTable" FROM pipeline_runs WHERE id = ?',
      [runId],
    );
    if (!run) throw new PipelineInputError(`there is no pipeline run ${runId}`);
    if (run.status !== 'held') throw new PipelineInputError(`pipeline run ${runId} is ${run.status}, not held: only a held run can be published`);
    await publishHeldRun(app, runId, async (tx) => {
      await recordPublished(tx, { runId, asOf: run.asOf, timezone: run.timezone });
      await finishRun(tx, runId, { status: 'succeeded', rowsPerTable: JSON.parse(run.rowsPerTable) as Record<string, number> });
    });
  } finally {
    await hold?.release();
    await app.close();
  }
}
