import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'held', 'interrupted'] as const;
export const RUN_TRIGGERS = ['api', 'cli', 'schedule', 'sync'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
export const RUN_KINDS = ['full', 'incremental'] as const;
export type RunKind = (typeof RUN_KINDS)[number];
export type RunStatus = (typeof RUN_STATUSES)[number];

/** History of pipeline runs: parameters, live step and progress, timings, counts, outcome. */
export const pipelineRuns = sqliteTable('pipeline_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  status: text('status', { enum: RUN_STATUSES }).notNull(),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
  asOf: text('as_of'),
  timezone: text('timezone'),
  /** JSON: sources, event names, requested as-of. */
  parameters: text('parameters').notNull(),
  step: text('step'),
  progress: real('progress').notNull().default(0),
  /** JSON: { step: seconds }. */
  stepTimings: text('step_timings').notNull().default('{}'),
  rowsWritten: integer('rows_written'),
  /** JSON: { table: rows }. */
  rowsPerTable: text('rows_per_table').notNull().default('{}'),
  /** What started the run (api.md "Operations"). */
  trigger: text('trigger', { enum: RUN_TRIGGERS }).notNull().default('cli'),
  /** Full recomputation or an incremental one (metrics.md M34). */
  kind: text('kind', { enum: RUN_KINDS }).notNull().default('full'),
  /** Cells an incremental run recomputed; NULL for a full run. */
  recomputedCells: integer('recomputed_cells'),
  /** JSON, for a held run (metrics.md M33): the measures that moved and by how much. */
  held: text('held'),
  /** JSON: per source (meta, mixpanel) the newest data and when it was imported (api.md "Operations", Freshness). */
  sourceFreshness: text('source_freshness').notNull().default('{}'),
  /** JSON: { table: { column: { reason: rows } } } (metrics.md M32; runs before it: { table: { reason: rows } }). */
  skippedRows: text('skipped_rows').notNull().default('{}'),
  /** JSON: { table: rows } — identical repeats of a source key, each used once (source-data.md "Keys"). */
  ignoredRepeats: text('ignored_repeats').notNull().default('{}'),
  error: text('error'),
  /** Process that owns a running run; a run whose process is gone was interrupted (pipeline/run-owner.ts). */
  pid: integer('pid'),
  /** Host, boot and start time of that process: a later process given the same pid is not the owner. */
  ownerIdentity: text('owner_identity'),
});

/**
 * The single row naming the run whose tables are visible. Written in the same transaction that
 * publishes the tables, so it always describes what readers see.
 */
export const publishedDataset = sqliteTable('published_dataset', {
  id: integer('id').primaryKey(),
  runId: integer('run_id').notNull(),
  asOf: text('as_of').notNull(),
  timezone: text('timezone').notNull(),
  publishedAt: text('published_at').notNull(),
});
