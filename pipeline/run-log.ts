/**
 * The `pipeline_runs` history: a run is recorded when it starts, updated after each step and closed
 * with its outcome. A run left 'running' by a process that no longer exists was interrupted.
 */
import type { Database } from '../src/db/database.ts';
import type { RunStatus } from '../src/db/tables/pipeline-runs.ts';

/** table → reason → rows skipped */
export type SkippedRows = Record<string, Record<string, number>>;

export interface RunParameters {
  sources: string[];
  asOf: string | null;
  timezone: string;
  eventNames: Record<string, string>;
}

const now = () => new Date().toISOString();

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Marks runs whose process is gone as interrupted; returns the id of a run still in progress, if any. */
export async function settleAbandonedRuns(db: Database): Promise<number | null> {
  let active: number | null = null;
  const running = await db.all<{ id: number; pid: number | null }>(`SELECT id, pid FROM pipeline_runs WHERE status = 'running' ORDER BY id`);
  for (const run of running) {
    if (run.pid !== null && run.pid !== process.pid && isProcessAlive(run.pid)) {
      active = run.id;
      continue;
    }
    if (run.pid === process.pid) continue;
    await db.run(`UPDATE pipeline_runs SET status = 'interrupted', finished_at = ?, error = ? WHERE id = ? AND status = 'running'`, [
      now(),
      'the process running it stopped before it finished',
      run.id,
    ]);
  }
  return active;
}

export async function startRun(db: Database, parameters: RunParameters): Promise<number> {
  const row = await db.get<{ id: number }>(
    `INSERT INTO pipeline_runs (status, started_at, timezone, as_of, parameters, step, progress, pid)
     VALUES ('running', ?, ?, ?, ?, 'starting', 0, ?) RETURNING id`,
    [now(), parameters.timezone, parameters.asOf, JSON.stringify(parameters), process.pid],
  );
  return row!.id;
}

/** Hands a run to the process that executes it, so liveness checks follow that process. */
export async function assignRunProcess(db: Database, runId: number, pid: number): Promise<void> {
  await db.run('UPDATE pipeline_runs SET pid = ? WHERE id = ?', [pid, runId]);
}

/** Closes a run that stopped without recording its outcome (it failed before or outside its steps). */
export async function failRunIfUnfinished(db: Database, runId: number, error: string): Promise<void> {
  await db.run(`UPDATE pipeline_runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ? AND status = 'running'`, [
    now(),
    error,
    runId,
  ]);
}

export async function recordProgress(
  db: Database,
  runId: number,
  update: { step: string; progress: number; stepTimings: Record<string, number>; asOf?: string; skippedRows?: SkippedRows },
): Promise<void> {
  // A NULL parameter keeps the recorded value.
  await db.run(
    `UPDATE pipeline_runs SET step = ?, progress = ?, step_timings = ?, as_of = coalesce(?, as_of), skipped_rows = coalesce(?, skipped_rows)
     WHERE id = ?`,
    [
      update.step,
      update.progress,
      JSON.stringify(update.stepTimings),
      update.asOf || null,
      update.skippedRows ? JSON.stringify(update.skippedRows) : null,
      runId,
    ],
  );
}

export async function finishRun(
  db: Database,
  runId: number,
  outcome: { status: Exclude<RunStatus, 'running'>; error?: string; rowsPerTable?: Record<string, number>; stepTimings?: Record<string, number> },
): Promise<void> {
  const rowsPerTable = outcome.rowsPerTable ?? {};
  const succeeded = outcome.status === 'succeeded';
  // A NULL parameter keeps the recorded value.
  await db.run(
    `UPDATE pipeline_runs SET status = ?, finished_at = ?, error = ?, progress = coalesce(?, progress), step = coalesce(?, step),
       rows_per_table = ?, rows_written = ?, step_timings = coalesce(?, step_timings)
     WHERE id = ?`,
    [
      outcome.status,
      now(),
      outcome.error ?? null,
      succeeded ? 1 : null,
      succeeded ? 'done' : null,
      JSON.stringify(rowsPerTable),
      succeeded ? Object.values(rowsPerTable).reduce((a, b) => a + b, 0) : null,
      outcome.stepTimings ? JSON.stringify(outcome.stepTimings) : null,
      runId,
    ],
  );
}
