/** Read queries over `published_dataset` and `pipeline_runs` for the API. */
import type { SqlReader } from './read-handle.ts';

export interface PublishedDataset {
  runId: number;
  asOf: string;
  timezone: string;
  publishedAt: string;
  /** When the published run finished (NULL if the run row is gone or unfinished). */
  runFinishedAt: string | null;
}

/** The dataset readers see, or null before any pipeline run has been published. */
export function publishedDataset(db: SqlReader): PublishedDataset | null {
  return (
    db.get<PublishedDataset>(
      `SELECT published_dataset.run_id AS runId, published_dataset.as_of AS asOf, published_dataset.timezone AS timezone,
         published_dataset.published_at AS publishedAt, pipeline_runs.finished_at AS runFinishedAt
       FROM published_dataset LEFT JOIN pipeline_runs ON pipeline_runs.id = published_dataset.run_id
       ORDER BY published_dataset.id DESC LIMIT 1`,
    ) ?? null
  );
}
