/**
 * Step "daily" (M16–M20, M27): one row per level, entity and day with every base measure and list;
 * the derived metrics (M21–M26) are the table's generated columns.
 */
import type Database from 'better-sqlite3';
import { ENTITY_LEVELS } from '../../src/db/schema.ts';
import { insertAggregatedRows } from '../aggregate.ts';
import { stageTable } from '../staging.ts';

export function computeDailyMetrics(db: Database.Database): number {
  let rows = 0;
  for (const level of ENTITY_LEVELS) {
    rows += insertAggregatedRows(db, stageTable('daily_metrics'), level, {
      dimension: null,
      metaTable: 'meta_daily',
      metaValue: 'NULL',
      trialValue: 'NULL',
      purchaseValue: 'NULL',
      eventValue: 'NULL',
    });
  }
  return rows;
}
