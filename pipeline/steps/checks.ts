/**
 * Step "checks": self-checks before a run is published. Every list count equals its list's length
 * (M15), and for every Mixpanel measure the breakdown values of an entity and day sum to its daily
 * row (M28). A violation fails the run, so wrong numbers are never served.
 */
import type Database from 'better-sqlite3';
import { BREAKDOWN_DIMENSIONS } from '../../src/db/schema.ts';
import { LIST_COUNT_MEASURE, USER_LISTS, listColumn, metricColumn } from '../../src/db/tables/metric-columns.ts';
import { MIXPANEL_MEASURES } from '../../src/metrics/formulas.ts';
import { SelfCheckError } from '../errors.ts';
import { literal } from '../sql.ts';
import { stageTable } from '../staging.ts';

/** Sums of floats in another order may differ in the last bits; anything larger is a real mismatch. */
const differs = (a: string, b: string) => `abs(${a} - ${b}) > 1e-6 * max(1, abs(${a}))`;

export function runSelfChecks(db: Database.Database): void {
  for (const table of ['daily_metrics', 'daily_metrics_breakdown']) {
    const mismatch = USER_LISTS.map(
      (list) => `${metricColumn(LIST_COUNT_MEASURE[list])} <> json_array_length(${listColumn(list)})`,
    ).join(' OR ');
    const bad = db.prepare(`SELECT level, entity_id, date FROM ${stageTable(table)} WHERE ${mismatch} LIMIT 1`).get() as
      | { level: string; entity_id: string; date: string }
      | undefined;
    if (bad) throw new SelfCheckError(`self-check failed (M15): a list count differs from its length in ${table} for ${bad.level} ${bad.entity_id} on ${bad.date}`);
  }

  const columns = MIXPANEL_MEASURES.map(metricColumn);
  const anyDifference = columns.map((c) => differs(`coalesce(d.${c}, 0)`, `b.${c}`)).join(' OR ');
  const dimensions = BREAKDOWN_DIMENSIONS.map((dimension) => `SELECT ${literal(dimension)} AS dimension`).join(' UNION ALL ');
  // Grouping by the primary key's prefix reads the breakdown rows in index order, without a sort.
  // The second half finds daily rows with Mixpanel numbers but no breakdown row at all.
  const bad = db
    .prepare(
      `WITH b AS (SELECT level, entity_id, dimension, date, ${columns.map((c) => `sum(${c}) AS ${c}`).join(', ')}
                FROM ${stageTable('daily_metrics_breakdown')} GROUP BY level, dimension, entity_id, date)
       SELECT b.dimension, b.level, b.entity_id, b.date
       FROM b LEFT JOIN ${stageTable('daily_metrics')} d USING (level, entity_id, date) WHERE ${anyDifference}
       UNION ALL
       SELECT dimensions.dimension, d.level, d.entity_id, d.date
       FROM ${stageTable('daily_metrics')} d CROSS JOIN (${dimensions}) AS dimensions
       WHERE (${columns.map((c) => `d.${c} <> 0`).join(' OR ')})
         AND NOT EXISTS (SELECT 1 FROM ${stageTable('daily_metrics_breakdown')} b
                         WHERE b.level = d.level AND b.entity_id = d.entity_id AND b.dimension = dimensions.dimension AND b.date = d.date)
       LIMIT 1`,
    )
    .get() as { dimension: string; level: string; entity_id: string; date: string } | undefined;
  if (bad) {
    throw new SelfCheckError(
      `self-check failed (M28): ${bad.dimension} breakdown of ${bad.level} ${bad.entity_id} on ${bad.date} does not sum to its daily row`,
    );
  }
}
