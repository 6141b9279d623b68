/**
 * The `pipeline_runs` history: a run is recorded when it starts, updated after each step and closed
 * with its outcome. A run left 'running' by a process that no longer exists was interrupted.
 * Parameters and errors are stored with URL passwords replaced by `***` (api.md "Access control");
 * the run itself is given the real URLs.
 */
import type { Database } from '../src/db/database.ts';
import type { RunStatus, RunTrigger } from '../src/db/tables/pipeline-runs.ts';
import { redactSecrets } from '../src/redact.ts';
import type { SourceRows } from './source/usable.ts';
import type { SkippedRows } from './source/values.ts';
import { isRunOwnerAlive, isThisProcess, processOwner, type RunOwner } from './run-owner.ts';

export type { SkippedRows };

export interface RunParameters {
  sources: string[];
  asOf: string | null;
  timezone: string;
  eventNames: Record<string, readonly string[]>;
  /** The scheduled time that started the run (a schedule's tick): at most one run each, across replicas. */
  scheduledFor?: string;
}

const now = () => new Date().toISOString();

interface RunOwnerColumns {
  status: string;
  pid: number | null;
  ownerIdentity: string | null;
}

const ownerOf = (run: RunOwnerColumns): RunOwner | null => (run.pid === null ? null : { pid: run.pid, identity: run.ownerIdentity });

/** Whether a run recorded as 'running' has lost its process (then it is shown and settled as interrupted). */
function isAbandoned(run: RunOwnerColumns): boolean {
  if (run.status !== 'running') return false;
  const owner = ownerOf(run);
  return owner === null || !isRunOwnerAlive(owner);
}

/**
 * Marks runs whose process is gone as interrupted; returns the id of a run still in progress in
 * another process, if any (this process's own runs are neither settled nor returned).
 */
export async function settleAbandonedRuns(db: Database): Promise<number | null> {
  let active: number | null = null;
  const running = await db.all<{ id: number } & RunOwnerColumns>(
    `SELECT id, status, pid, owner_identity AS "ownerIdentity" FROM pipeline_runs WHERE status = 'running' ORDER BY id`,
  );
  for (const run of running) {
    const owner = ownerOf(run);
    if (owner !== null && isThisProcess(owner)) continue;
    if (!isAbandoned(run)) {
      active = run.id;
      continue;
    }
    await db.run(`UPDATE pipeline_runs SET status = 'interrupted', finished_at = ?, error = ? WHERE id = ? AND status = 'running'`, [
      now(),
      'the process running it stopped before it finished',
      run.id,
    ]);
  }
  return active;
}

/** Records a new run started by `trigger` (api.md "Operations": api, cli, schedule or sync). */
export async function startRun(db: Database, parameters: RunParameters, trigger: RunTrigger = 'cli'): Promise<number> {
  return (await insertRun(db, parameters, trigger, ''))!;
}

/** Records a run that failed before it could start, e.g. a sync whose fetch failed (api.md "Operations", Sync). */
export async function recordFailedRun(db: Database, parameters: RunParameters, trigger: RunTrigger, error: string): Promise<number> {
  const runId = await startRun(db, parameters, trigger);
  await failRunIfUnfinished(db, runId, error);
  return runId;
}

/** What a scheduled start found instead of starting: the run of that time (another replica's), or one in progress. */
export type ScheduledStartRefusal = { takenBy: number } | { busyWith: number };

/**
 * Records a run for a scheduled time in one statement, unless a run is in progress or the time
 * already has its run (another replica's tick): the statement is atomic where the run lock is not
 * (SQLite, two starters in one process).
 */
export async function startScheduledRun(
  db: Database,
  parameters: RunParameters & { scheduledFor: string },
  trigger: RunTrigger,
): Promise<number | ScheduledStartRefusal> {
  const sameTime = `parameters LIKE '%"scheduledFor":${JSON.stringify(parameters.scheduledFor)}%'`;
  const id = await insertRun(db, parameters, trigger, `WHERE NOT EXISTS (SELECT 1 FROM pipeline_runs WHERE status = 'running' OR ${sameTime})`);
  if (id !== null) return id;
  const taken = await db.get<{ id: number }>(`SELECT id FROM pipeline_runs WHERE ${sameTime} ORDER BY id LIMIT 1`);
  if (taken) return { takenBy: taken.id };
  const running = await db.get<{ id: number }>(`SELECT id FROM pipeline_runs WHERE status = 'running' ORDER BY id DESC LIMIT 1`);
  return { busyWith: running?.id ?? 0 };
}

async function insertRun(db: Database, parameters: RunParameters, trigger: RunTrigger, guard: string): Promise<number | null> {
  const owner = processOwner();
  const row = await db.get<{ id: number }>(
    `INSERT INTO pipeline_runs (status, started_at, timezone, as_of, parameters, step, progress, pid, owner_identity, "trigger")
     SELECT 'running', ?, ?, ?, ?, 'starting', 0, CAST(? AS INTEGER), ?, ? ${guard} RETURNING id`,
    [now(), parameters.timezone, parameters.asOf, redactSecrets(JSON.stringify(parameters)), owner.pid, owner.identity, trigger],
  );
  return row?.id ?? null;
}

/** Hands a run to the process that executes it, so liveness checks follow that process. */
export async function assignRunProcess(db: Database, runId: number, pid: number): Promise<void> {
  const owner = processOwner(pid);
  await db.run('UPDATE pipeline_runs SET pid = ?, owner_identity = ? WHERE id = ?', [owner.pid, owner.identity, runId]);
}

/** Closes a run that stopped without recording its outcome (it failed before or outside its steps). */
export async function failRunIfUnfinished(db: Database, runId: number, error: string): Promise<void> {
  await db.run(`UPDATE pipeline_runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ? AND status = 'running'`, [
    now(),
    redactSecrets(error),
    runId,
  ]);
}

export async function recordProgress(
  db: Database,
  runId: number,
  update: {
    step: string;
    progress: number;
    stepTimings: Record<string, number>;
    asOf?: string;
    skippedRows?: SkippedRows;
    ignoredRepeats?: Record<string, number>;
    sourceFreshness?: object;
  },
): Promise<void> {
  const json = (value: object | undefined) => (value ? JSON.stringify(value) : null);
  // A NULL parameter keeps the recorded value.
  await db.run(
    `UPDATE pipeline_runs SET step = ?, progress = ?, step_timings = ?, as_of = coalesce(?, as_of), skipped_rows = coalesce(?, skipped_rows),
       ignored_repeats = coalesce(?, ignored_repeats), source_freshness = coalesce(?, source_freshness)
     WHERE id = ?`,
    [
      update.step,
      update.progress,
      JSON.stringify(update.stepTimings),
      update.asOf || null,
      json(update.skippedRows),
      json(update.ignoredRepeats),
      json(update.sourceFreshness),
      runId,
    ],
  );
}

export async function finishRun(
  db: Database,
  runId: number,
  outcome: {
    status: Exclude<RunStatus, 'running'>;
    error?: string;
    rowsPerTable?: Record<string, number>;
    stepTimings?: Record<string, number>;
    /** M33: what held the run (recorded as JSON; kept when a held run is published later). */
    held?: object;
  },
): Promise<void> {
  const rowsPerTable = outcome.rowsPerTable ?? {};
  const succeeded = outcome.status === 'succeeded';
  // A NULL parameter keeps the recorded value.
  await db.run(
    `UPDATE pipeline_runs SET status = ?, finished_at = ?, error = ?, progress = coalesce(?, progress), step = coalesce(?, step),
       rows_per_table = ?, rows_written = ?, step_timings = coalesce(?, step_timings), held = coalesce(?, held)
     WHERE id = ?`,
    [
      outcome.status,
      now(),
      outcome.error === undefined ? null : redactSecrets(outcome.error),
      succeeded ? 1 : null,
      succeeded ? 'done' : null,
      JSON.stringify(rowsPerTable),
      succeeded ? Object.values(rowsPerTable).reduce((a, b) => a + b, 0) : null,
      outcome.stepTimings ? JSON.stringify(outcome.stepTimings) : null,
      outcome.held ? JSON.stringify(outcome.held) : null,
      runId,
    ],
  );
}

/**
 * Records a run's source rows (M32). Kept in the run's `parameters` JSON until pipeline_runs has a
 * column of its own for them.
 */
export async function recordSourceRows(db: Database, runId: number, sourceRows: SourceRows): Promise<void> {
  const row = await db.get<{ parameters: string }>('SELECT parameters FROM pipeline_runs WHERE id = ?', [runId]);
  const parameters = { ...(JSON.parse(row?.parameters ?? '{}') as object), sourceRows };
  await db.run('UPDATE pipeline_runs SET parameters = ? WHERE id = ?', [JSON.stringify(parameters), runId]);
}

/** The source rows of the published run, when it recorded them (M32). */
export async function publishedSourceRows(db: Database): Promise<SourceRows | null> {
  const row = await db.get<{ parameters: string }>(
    'SELECT r.parameters FROM published_dataset p JOIN pipeline_runs r ON r.id = p.run_id ORDER BY p.id DESC LIMIT 1',
  );
  return row ? ((JSON.parse(row.parameters) as { sourceRows?: SourceRows }).sourceRows ?? null) : null;
}

/** Points `published_dataset` at the run, inside the transaction that publishes its tables. */
export async function recordPublished(tx: Database, run: { runId: number; asOf: string; timezone: string }): Promise<void> {
  await tx.run(
    `INSERT INTO published_dataset (id, run_id, as_of, timezone, published_at) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET run_id = excluded.run_id, as_of = excluded.as_of, timezone = excluded.timezone,
       published_at = excluded.published_at`,
    [run.runId, run.asOf, run.timezone, now()],
  );
}
