/**
 * The pipeline: validates its input without writing anything, then runs the named steps into stage
 * tables and publishes them in one transaction (see staging.ts). Every run is recorded in
 * `pipeline_runs`; a failed run leaves the previously published data exactly as it was.
 */
import type Database from 'better-sqlite3';
import { eventNamesFromEnv, DEFAULT_TIMEZONE, type EventNames } from '../src/config.ts';
import { openAppDatabase, type AppDb } from '../src/db/open.ts';
import { publishedDataset } from '../src/db/schema.ts';
import { PipelineInputError } from './errors.ts';
import { attachJobBuffer, ParallelJobs } from './parallel-jobs.ts';
import { failRunIfUnfinished, finishRun, recordProgress, settleAbandonedRuns, startRun, type SkippedRows } from './run-log.ts';
import { attachScratchFile, createScratchSpace, SCRATCH_SCHEMA, type ScratchSpace } from './scratch.ts';
import { locateSourceTables, SourceContractError, type SourceTableLocations } from './source/contract.ts';
import { createStageTables, dropStageTables, PUBLISHED_TABLES, publishStageTables, stageTable } from './staging.ts';
import { attributeUsers, collectEvents } from './steps/attribution.ts';
import { computeBreakdowns } from './steps/breakdowns.ts';
import { runSelfChecks } from './steps/checks.ts';
import { computeDailyMetrics } from './steps/daily.ts';
import { computeHierarchy } from './steps/hierarchy.ts';
import { computeUserLists } from './steps/lists.ts';
import { computeNames } from './steps/names.ts';
import { attachSourceFiles, exposeSources, scanEvents, scanMetaTables, sourceTableRef } from './steps/sources.ts';
import { assertTimeZone, createLocalDaySql } from './timezone.ts';

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
  /** Record into this already created `pipeline_runs` row (a run started from the API). */
  runId?: number;
  onProgress?: (progress: PipelineProgress) => void;
}

export interface PipelineProgress {
  runId: number;
  step: string;
  /** Fraction of the run done, 0..1. */
  progress: number;
}

export interface PipelineSummary {
  runId: number;
  asOf: string;
  timezone: string;
  seconds: number;
  stepSeconds: Record<string, number>;
  rowsPerTable: Record<string, number>;
  skippedRows: SkippedRows;
}

/** A second run was asked for while one is in progress on the same app database. */
export class PipelineBusyError extends Error {
  override name = 'PipelineBusyError';
  constructor(readonly runningId: number) {
    super(`a pipeline run is already in progress: run ${runningId}`);
  }
}

interface ValidatedInput {
  sources: string[];
  locations: SourceTableLocations;
  asOf: string | null;
  timezone: string;
  eventNames: EventNames;
}

/** Checks parameters and sources without writing anything; throws PipelineInputError. */
export function validatePipelineInput(options: Pick<PipelineOptions, 'sources' | 'asOf' | 'timezone' | 'eventNames'>): ValidatedInput {
  const timezone = options.timezone ?? DEFAULT_TIMEZONE;
  assertTimeZone(timezone);
  const asOf = options.asOf ?? null;
  if (asOf !== null && !isCalendarDay(asOf)) {
    throw new PipelineInputError(`invalid as-of day '${asOf}': expected a calendar date YYYY-MM-DD`);
  }
  let locations: SourceTableLocations;
  try {
    locations = locateSourceTables(options.sources);
  } catch (error) {
    if (error instanceof SourceContractError) throw new PipelineInputError(error.message);
    throw error;
  }
  return { sources: options.sources, locations, asOf, timezone, eventNames: { ...eventNamesFromEnv(), ...options.eventNames } };
}

export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

interface StepContext {
  sqlite: Database.Database;
  scratch: ScratchSpace;
  jobs: ParallelJobs;
  input: ValidatedInput;
  asOf: string;
  skippedRows: SkippedRows;
  localDay: (timestamp: string) => string;
}

interface PipelineStep {
  name: string;
  /** Share of a typical run's time, for progress reporting. */
  weight: number;
  run: (context: StepContext) => void | Promise<unknown>;
}

const STEPS: PipelineStep[] = [
  {
    name: 'sources',
    weight: 10,
    run: async (context) => {
      const { sqlite, input, jobs } = context;
      attachScratchFile(sqlite, context.scratch.databasePath, SCRATCH_SCHEMA);
      attachJobBuffer(sqlite, context.scratch.runBufferPath);
      attachSourceFiles(sqlite, input.sources);
      const from = sourceTableRef(input.locations);
      const eventScan = scanEvents(jobs, from);
      const metaScan = scanMetaTables(sqlite, from);
      exposeSources(sqlite, from, input.locations.has('breakdown_value_mapping'));
      createStageTables(sqlite);
      const events = await eventScan;
      context.skippedRows = { ...metaScan.skippedRows, ...events.skippedRows };
      context.localDay = createLocalDaySql(sqlite, input.timezone, events.span);
      context.asOf = input.asOf ?? defaultAsOf(sqlite, context.localDay, metaScan.latestDate, events.span.last);
    },
  },
  { name: 'names', weight: 15, run: ({ sqlite }) => computeNames(sqlite) },
  { name: 'hierarchy', weight: 3, run: ({ sqlite }) => computeHierarchy(sqlite) },
  {
    name: 'attribution',
    weight: 15,
    run: ({ sqlite, localDay, input }) => {
      attributeUsers(sqlite);
      collectEvents(sqlite, localDay, input.eventNames);
    },
  },
  { name: 'lists', weight: 10, run: ({ sqlite, asOf }) => computeUserLists(sqlite, asOf) },
  { name: 'daily', weight: 12, run: ({ sqlite, jobs }) => computeDailyMetrics(sqlite, jobs) },
  { name: 'breakdowns', weight: 30, run: ({ sqlite, jobs }) => computeBreakdowns(sqlite, jobs) },
  { name: 'checks', weight: 5, run: ({ sqlite, jobs }) => runSelfChecks(sqlite, jobs) },
];
const TOTAL_WEIGHT = STEPS.reduce((sum, step) => sum + step.weight, 0);

/** M1: the later of the latest Meta date and the reporting-zone day of the latest event. */
function defaultAsOf(
  sqlite: Database.Database,
  localDay: (timestamp: string) => string,
  latestMetaDate: string | null,
  latestEventTimestamp: string | null,
): string {
  const latestEventDay =
    latestEventTimestamp === null
      ? null
      : (sqlite.prepare(`SELECT ${localDay('@ts')} AS day`).get({ ts: latestEventTimestamp }) as { day: string }).day;
  const latest = [latestMetaDate, latestEventDay].filter((day): day is string => day !== null).sort().at(-1);
  if (!latest) throw new PipelineInputError('the source data has no dated rows: give --as-of or add data');
  return latest;
}

function countStageRows(sqlite: Database.Database): Record<string, number> {
  return Object.fromEntries(
    PUBLISHED_TABLES.map((table) => [table, (sqlite.prepare(`SELECT count(*) AS n FROM ${stageTable(table)}`).get() as { n: number }).n]),
  );
}

const CACHE_KIB = 262144; // 256 MiB per connection

function configureForBulkWork(sqlite: Database.Database): void {
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma(`cache_size = -${CACHE_KIB}`);
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runPipeline(options: PipelineOptions): Promise<PipelineSummary> {
  const input = validatePipelineInput(options);
  return runValidatedPipeline(options, input);
}

/**
 * Runs into an already recorded run (one started from the API): input problems are recorded on it
 * as a failure too, since the caller is waiting on that run rather than on this process.
 */
export async function runRecordedPipeline(options: PipelineOptions & { runId: number }): Promise<PipelineSummary> {
  let input: ValidatedInput;
  try {
    input = validatePipelineInput(options);
  } catch (error) {
    const { sqlite, db } = openAppDatabase(options.appDbPath);
    try {
      failRunIfUnfinished(db, options.runId, (error as Error).message);
    } finally {
      sqlite.close();
    }
    throw error;
  }
  return runValidatedPipeline(options, input);
}

async function runValidatedPipeline(options: PipelineOptions, input: ValidatedInput): Promise<PipelineSummary> {
  const started = performance.now();
  const { sqlite, db } = openAppDatabase(options.appDbPath);
  const scratch = createScratchSpace();
  const jobs = new ParallelJobs({
    appDbPath: options.appDbPath,
    sourcePaths: input.sources,
    scratchPath: scratch.databasePath,
    bufferPath: scratch.workerBufferPath,
    cacheKib: CACHE_KIB,
  });
  try {
    configureForBulkWork(sqlite);
    const runId = options.runId ?? claimRun(db, input);
    const context: StepContext = { sqlite, scratch, jobs, input, asOf: input.asOf ?? '', skippedRows: {}, localDay: (t) => t };
    const stepSeconds: Record<string, number> = {};
    try {
      let done = 0;
      for (const step of STEPS) {
        const stepStarted = performance.now();
        await step.run(context);
        stepSeconds[step.name] = (performance.now() - stepStarted) / 1000;
        done += step.weight;
        const progress = done / TOTAL_WEIGHT;
        recordProgress(db, runId, { step: step.name, progress, stepTimings: stepSeconds, asOf: context.asOf, skippedRows: context.skippedRows });
        options.onProgress?.({ runId, step: step.name, progress });
        await yieldToEventLoop();
      }
      const rowsPerTable = countStageRows(sqlite);
      const publishStarted = performance.now();
      publishStageTables(sqlite, () => {
        db.insert(publishedDataset)
          .values({ id: 1, runId, asOf: context.asOf, timezone: input.timezone, publishedAt: new Date().toISOString() })
          .onConflictDoUpdate({
            target: publishedDataset.id,
            set: { runId, asOf: context.asOf, timezone: input.timezone, publishedAt: new Date().toISOString() },
          })
          .run();
        stepSeconds.publish = (performance.now() - publishStarted) / 1000;
        finishRun(db, runId, { status: 'succeeded', rowsPerTable, stepTimings: stepSeconds });
      });
      options.onProgress?.({ runId, step: 'publish', progress: 1 });
      return {
        runId,
        asOf: context.asOf,
        timezone: input.timezone,
        seconds: (performance.now() - started) / 1000,
        stepSeconds,
        rowsPerTable,
        skippedRows: context.skippedRows,
      };
    } catch (error) {
      dropStageTables(sqlite);
      finishRun(db, runId, { status: 'failed', error: (error as Error).message, stepTimings: stepSeconds });
      throw error;
    }
  } finally {
    await jobs.close();
    sqlite.close();
    scratch.remove();
  }
}

/** Records a new run, refusing when another live process is running one on this database. */
function claimRun(db: AppDb, input: ValidatedInput): number {
  const active = settleAbandonedRuns(db);
  if (active !== null) throw new PipelineBusyError(active);
  return startRun(db, {
    sources: input.sources,
    asOf: input.asOf,
    timezone: input.timezone,
    eventNames: { ...input.eventNames },
  });
}
