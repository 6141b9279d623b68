/** The per-request context: the request's database handle and the DataLoaders that read through it. */
import { publishedDataset, type PublishedDataset } from './db/tables/pipeline-runs-reads.ts';
import type { SqlReader } from './db/tables/read-handle.ts';
import { createLoaders, type Loaders } from './loaders/index.ts';

export interface ApiLimits {
  /** Longest accepted date range, in days (inclusive count). */
  maxRangeDays: number;
}

export interface ApiContext {
  /** Every statement of the request goes through this handle. */
  db: SqlReader;
  limits: ApiLimits;
  loaders: Loaders;
  /** The published dataset, read once per request; null before the first pipeline run. */
  dataset(): PublishedDataset | null;
}

export function createContext(db: SqlReader, limits: ApiLimits): ApiContext {
  let dataset: PublishedDataset | null | undefined;
  return {
    db,
    limits,
    loaders: createLoaders(db),
    dataset: () => (dataset === undefined ? (dataset = publishedDataset(db)) : dataset),
  };
}
