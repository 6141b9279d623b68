/** Read queries over `published_dataset` and `pipeline_runs` for the API. */
import { redactSecrets } from '../../redact.ts';
import type { SqlReader } from '../database.ts';

export interface PublishedDataset {
  runId: number;
  asOf: string;
  timezone: string;
  publishedAt: string;
  /** When the published run finished (NULL if the run row is gone or unfinished). */
  runFinishedAt: string | null;
  /** JSON: the run's record of its sources' newest data (src/freshness); NULL if the run row is gone. */
  sourceFreshness: string | null;
}

/** The dataset readers see, or null before any pipeline run has been published. */
export async function publishedDataset(db: SqlReader): Promise<PublishedDataset | null> {
  return (
    (await db.get<PublishedDataset>(
      `SELECT published_dataset.run_id AS "runId", published_dataset.as_of AS "asOf", published_dataset.timezone AS timezone,
         published_dataset.published_at AS "publishedAt", pipeline_runs.finished_at AS "runFinishedAt",
         pipeline_runs.source_freshness AS "sourceFreshness"
       FROM published_dataset LEFT JOIN pipeline_runs ON pipeline_runs.id = published_dataset.run_id
       ORDER BY published_dataset.id DESC LIMIT 1`,
    )) ?? null
  );
}

export interface PipelineRunRow {
  id: number;
  status: string;
  /** What started it: api, cli, schedule or sync. */
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  asOf: string | null;
  timezone: string | null;
  step: string | null;
  progress: number;
  error: string | null;
  rowsWritten: number | null;
  /** JSON texts, as stored. */
  parameters: string;
  stepTimings: string;
  rowsPerTable: string;
  skippedRows: string;
  ignoredRepeats: string;
  /** JSON of a held run (metrics.md M33), else NULL. */
  held: string | null;
}

const RUN_COLUMNS = `id, status, "trigger" AS "trigger", started_at AS "startedAt", finished_at AS "finishedAt", as_of AS "asOf", timezone, step, progress,
  error, rows_written AS "rowsWritten", parameters, step_timings AS "stepTimings", rows_per_table AS "rowsPerTable",
  skipped_rows AS "skippedRows", ignored_repeats AS "ignoredRepeats", held`;

/** Runs are stored redacted (pipeline/run-log.ts); runs recorded before that are shown redacted too. */
const redacted = (run: PipelineRunRow): PipelineRunRow => ({
  ...run,
  parameters: redactSecrets(run.parameters),
  error: run.error === null ? null : redactSecrets(run.error),
});

export async function pipelineRunById(db: SqlReader, id: number): Promise<PipelineRunRow | undefined> {
  const run = await db.get<PipelineRunRow>(`SELECT ${RUN_COLUMNS} FROM pipeline_runs WHERE id = ?`, [id]);
  return run && redacted(run);
}

/** The latest runs, newest first. */
export async function latestPipelineRuns(db: SqlReader, last: number): Promise<PipelineRunRow[]> {
  return (await db.all<PipelineRunRow>(`SELECT ${RUN_COLUMNS} FROM pipeline_runs ORDER BY id DESC LIMIT ?`, [last])).map(redacted);
}

/** The id of the visible run: the data version that keys the response cache. */
export async function publishedRunId(db: SqlReader): Promise<number | null> {
  return (await db.get<{ runId: number }>('SELECT run_id AS "runId" FROM published_dataset WHERE id = 1'))?.runId ?? null;
}
