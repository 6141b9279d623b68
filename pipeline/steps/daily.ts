/**
 * Step "daily" (M16–M20, M27): one row per level, entity and day with every base measure and list;
 * the derived metrics (M21–M26) are computed from them where they are read.
 */
import { aggregationJob, LEVELS_FINEST_FIRST } from '../aggregate.ts';
import type { JobResults } from '../jobs.ts';
import type { RunSpace } from '../run-space.ts';

export function computeDailyMetrics(run: RunSpace): Promise<JobResults> {
  const totals = { dimension: null, metaTable: 'meta_daily', metaValue: 'NULL', trialValue: 'NULL', purchaseValue: 'NULL', eventValue: 'NULL' };
  return run.shared(
    LEVELS_FINEST_FIRST.map((level) =>
      aggregationJob(run.db.dialect, run.stageTable('daily_metrics'), run.stageTable('daily_user_lists'), level, totals),
    ),
  );
}
