/** The per-request context: the request's read snapshot and the DataLoaders that read through it. */
import { timingSafeEqual } from 'node:crypto';
import { publishedDataset, type PublishedDataset } from './db/tables/pipeline-runs-reads.ts';
import type { SnapshotReader } from './db/database.ts';
import { createLoaders, type Loaders } from './loaders/index.ts';
import type { PipelineControl } from './pipeline-control.ts';

export interface ApiLimits {
  /** Longest accepted date range, in days (inclusive count). */
  maxRangeDays: number;
}

/** What a request may do with pipeline runs: read them, and start one when it shows the token. */
export interface PipelineAccess {
  control: PipelineControl;
  /** True when the request carries `Authorization: Bearer <PIPELINE_TOKEN>`. */
  authorized: boolean;
}

export interface ApiContext {
  /** Every statement of the request goes through this handle (one read snapshot per request). */
  db: SnapshotReader;
  limits: ApiLimits;
  loaders: Loaders;
  /** The published dataset, read once per request; null before the first pipeline run. */
  dataset(): Promise<PublishedDataset | null>;
  pipeline: PipelineAccess;
}

export function createContext(db: SnapshotReader, limits: ApiLimits, pipeline: PipelineAccess): ApiContext {
  let dataset: Promise<PublishedDataset | null> | undefined;
  return {
    db,
    limits,
    loaders: createLoaders(db),
    dataset: () => (dataset ??= publishedDataset(db)),
    pipeline,
  };
}

/** Constant-time comparison of the request's Authorization header with the expected bearer token. */
export function carriesToken(authorization: string | null, token: string): boolean {
  const expected = Buffer.from(`Bearer ${token}`);
  const given = Buffer.from(authorization ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
