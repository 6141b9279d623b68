/**
 * The `pipeline_runs` history: a run is recorded when it starts, updated after each step and closed
 * with its outcome. A run left 'running' by a process that no longer exists was interrupted.
 */
import { and, eq } from 'drizzle-orm';
import type { AppDb } from '../src/db/open.ts';
import { pipelineRuns, type RunStatus } from '../src/db/schema.ts';
import { isRunOwnerAlive, isThisProcess, processOwner, type RunOwner } from './run-owner.ts';

/** table → reason → rows skipped */
export type SkippedRows = Record<string, Record<string, number>>;

export interface RunParameters {
  sources: string[];
  asOf: string | null;
  timezone: string;
  eventNames: Record<string, string>;
}

const now = () => new Date().toISOString();

const ownerOf = (run: { pid: number | null; ownerIdentity: string | null }): RunOwner | null =>
  run.pid === null ? null : { pid: run.pid, identity: run.ownerIdentity };

/** Whether a run recorded as 'running' has lost its process (then it is shown and settled as interrupted). */
export function isAbandoned(run: { status: string; pid: number | null; ownerIdentity: string | null }): boolean {
  if (run.status !== 'running') return false;
  const owner = ownerOf(run);
  return owner === null || !isRunOwnerAlive(owner);
}

/**
 * Marks runs whose process is gone as interrupted; returns the id of a run still in progress in
 * another process, if any (this process's own runs are neither settled nor returned).
 */
export function settleAbandonedRuns(db: AppDb): number | null {
  let active: number | null = null;
  for (const run of db.select().from(pipelineRuns).where(eq(pipelineRuns.status, 'running')).all()) {
    const owner = ownerOf(run);
    if (owner !== null && isThisProcess(owner)) continue;
    if (!isAbandoned(run)) {
      active = run.id;
      continue;
    }
    db.update(pipelineRuns)
      .set({ status: 'interrupted', finishedAt: now(), error: 'the process running it stopped before it finished' })
      .where(and(eq(pipelineRuns.id, run.id), eq(pipelineRuns.status, 'running')))
      .run();
  }
  return active;
}

export function startRun(db: AppDb, parameters: RunParameters): number {
  const row = db
    .insert(pipelineRuns)
    .values({
      status: 'running',
      startedAt: now(),
      timezone: parameters.timezone,
      asOf: parameters.asOf,
      parameters: JSON.stringify(parameters),
      step: 'starting',
      progress: 0,
      ...ownerColumns(processOwner()),
    })
    .returning({ id: pipelineRuns.id })
    .get();
  return row.id;
}

/** Hands a run to the process that executes it, so liveness checks follow that process. */
export function assignRunProcess(db: AppDb, runId: number, pid: number): void {
  db.update(pipelineRuns).set(ownerColumns(processOwner(pid))).where(eq(pipelineRuns.id, runId)).run();
}

const ownerColumns = (owner: RunOwner) => ({ pid: owner.pid, ownerIdentity: owner.identity });

/** Closes a run that stopped without recording its outcome (it failed before or outside its steps). */
export function failRunIfUnfinished(db: AppDb, runId: number, error: string): void {
  db.update(pipelineRuns)
    .set({ status: 'failed', finishedAt: now(), error })
    .where(and(eq(pipelineRuns.id, runId), eq(pipelineRuns.status, 'running')))
    .run();
}

export function recordProgress(
  db: AppDb,
  runId: number,
  update: { step: string; progress: number; stepTimings: Record<string, number>; asOf?: string; skippedRows?: SkippedRows },
): void {
  db.update(pipelineRuns)
    .set({
      step: update.step,
      progress: update.progress,
      stepTimings: JSON.stringify(update.stepTimings),
      ...(update.asOf ? { asOf: update.asOf } : {}),
      ...(update.skippedRows ? { skippedRows: JSON.stringify(update.skippedRows) } : {}),
    })
    .where(eq(pipelineRuns.id, runId))
    .run();
}

export function finishRun(
  db: AppDb,
  runId: number,
  outcome: { status: Exclude<RunStatus, 'running'>; error?: string; rowsPerTable?: Record<string, number>; stepTimings?: Record<string, number> },
): void {
  const rowsPerTable = outcome.rowsPerTable ?? {};
  db.update(pipelineRuns)
    .set({
      status: outcome.status,
      finishedAt: now(),
      error: outcome.error ?? null,
      progress: outcome.status === 'succeeded' ? 1 : undefined,
      step: outcome.status === 'succeeded' ? 'done' : undefined,
      rowsPerTable: JSON.stringify(rowsPerTable),
      rowsWritten: outcome.status === 'succeeded' ? Object.values(rowsPerTable).reduce((a, b) => a + b, 0) : null,
      ...(outcome.stepTimings ? { stepTimings: JSON.stringify(outcome.stepTimings) } : {}),
    })
    .where(eq(pipelineRuns.id, runId))
    .run();
}
