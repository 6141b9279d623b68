/**
 * Step "breakdowns" (M28): the daily rows split by canonical country, region and device. Meta
 * measures come from each dimension's Meta table; lists and money follow the user (country,
 * region) or the store of the event that put the user in the list (device).
 */
import type Database from 'better-sqlite3';
import type { BreakdownDimension } from '../../src/db/schema.ts';
import { aggregationJob, LEVELS_FINEST_FIRST, type ValueSources } from '../aggregate.ts';
import type { ParallelInserts } from '../parallel-inserts.ts';
import { stageTable } from '../staging.ts';

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

/**
 * Longest jobs first (see parallel-inserts.ts): regions have the most values, devices the fewest,
 * and finer levels have more rows.
 */
const DIMENSIONS_LARGEST_FIRST: BreakdownDimension[] = ['region', 'country', 'device'];

export function computeBreakdowns(db: Database.Database, inserts: ParallelInserts): Promise<number> {
  return inserts.run(
    db,
    DIMENSIONS_LARGEST_FIRST.flatMap((dimension) =>
      LEVELS_FINEST_FIRST.map((level) => aggregationJob(stageTable('daily_metrics_breakdown'), level, valueSources(dimension))),
    ),
  );
}
