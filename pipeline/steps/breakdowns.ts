/**
 * Step "breakdowns" (M28): the daily rows split by canonical country, region and device. Meta
 * measures come from each dimension's Meta table; lists and money follow the user (country,
 * region) or the store of the event that put the user in the list (device).
 */
import type { BreakdownDimension } from '../../src/db/tables/daily-metrics.ts';
import { aggregationJob, DIMENSIONS_LARGEST_FIRST, LEVELS_FINEST_FIRST, type ValueSources } from '../aggregate.ts';
import type { JobResults } from '../jobs.ts';
import type { RunSpace } from '../run-space.ts';

/** Meta copies already carry the canonical value (steps/sources.ts); Mixpanel sides name their column. */
function valueSources(dimension: BreakdownDimension): ValueSources {
  const meta = { dimension, metaTable: `meta_${dimension}`, metaValue: 'value' };
  switch (dimension) {
    case 'country':
    case 'region':
      return { ...meta, trialValue: dimension, purchaseValue: dimension, eventValue: dimension };
    case 'device':
      return { ...meta, trialValue: 'trial_device', purchaseValue: 'purchase_device', eventValue: 'device' };
  }
}

export function computeBreakdowns(run: RunSpace): Promise<JobResults> {
  const table = run.stageTable('daily_metrics_breakdown');
  const listTable = run.stageTable('breakdown_user_lists');
  return run.shared(
    DIMENSIONS_LARGEST_FIRST.flatMap((dimension) =>
      LEVELS_FINEST_FIRST.map((level) => aggregationJob(run.db.dialect, table, listTable, level, valueSources(dimension))),
    ),
  );
}
