/** The per-request context: the request's read snapshot and the DataLoaders that read through it. */
import { publishedDataset, type PublishedDataset } from './db/tables/pipeline-runs-reads.ts';
import type { Identity } from './auth/identity.ts';
import type { SnapshotReader } from './db/database.ts';
import { createLoaders, type Loaders } from './loaders/index.ts';
import type { FreshnessThresholds } from './freshness/freshness.ts';
import type { PipelineControl } from './pipeline-control.ts';
import { ExecutionBudget } from './query-limits/execution-budget.ts';

export interface ApiLimits {
  /** Longest accepted date range, in days (inclusive count). */
  maxRangeDays: number;
  /** The execution budget: values a request may resolve (src/query-limits). */
  maxResolvedValues: number;
}

/** Pipeline runs: read by any identity, started by an operator (api.md "Access control"). */
export interface PipelineAccess {
  control: PipelineControl;
}

/** What `dataStatus` reports beyond the data: freshness thresholds and the schedules (api.md "Operations"). */
export interface OperationsStatus {
  freshnessThresholds: FreshnessThresholds;
  /** The next scheduled run or sync of this server, if it has a schedule. */
  nextScheduledRun(): Date | null;
}

export interface ApiContext {
  /** Every statement of the request goes through this handle (one read snapshot per request). */
  db: SnapshotReader;
  limits: ApiLimits;
  loaders: Loaders;
  /** The published dataset, read once per request; null before the first pipeline run. */
  dataset(): Promise<PublishedDataset | null>;
  pipeline: PipelineAccess;
  operations: OperationsStatus;
  /** Who sent the request (src/auth): its role decides what it may do; its name is for request logs. */
  identity: Identity;
  /** Counts the values this request resolves and stops it past the budget. */
  budget: ExecutionBudget;
  /** The query's estimated cost (src/query-limits), once known; logged with the request. */
  costEstimate?: number | null;
}

export function createContext(
  db: SnapshotReader,
  limits: ApiLimits,
  pipeline: PipelineAccess,
  identity: Identity,
  operations: OperationsStatus,
): ApiContext {
  let dataset: Promise<PublishedDataset | null> | undefined;
  return {
    db,
    limits,
    loaders: createLoaders(db),
    dataset: () => (dataset ??= publishedDataset(db)),
    pipeline,
    identity,
    operations,
    budget: new ExecutionBudget(limits.maxResolvedValues),
  };
}
