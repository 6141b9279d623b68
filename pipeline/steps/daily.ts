/**
 * Step "daily" (M16–M20, M27): one row per level, entity and day with every base measure and list;
 * the derived metrics (M21–M26) are the table's generated columns.
 */
import type Database from 'better-sqlite3';
import { aggregationJob, LEVELS_FINEST_FIRST } from '../aggregate.ts';
import type { JobResults, ParallelJobs } from '../parallel-jobs.ts';
import { stageTable } from '../staging.ts';

export function computeDailyMetrics(db: Database.Database, jobs: ParallelJobs): Promise<JobResults> {
  const totals = { dimension: null, metaTable: 'meta_daily', metaValue: 'NULL', trialValue: 'NULL', purchaseValue: 'NULL', eventValue: 'NULL' };
  return jobs.shared(
    db,
    LEVELS_FINEST_FIRST.map((level) => aggregationJob(stageTable('daily_metrics'), stageTable('daily_user_lists'), level, totals)),
  );
}
