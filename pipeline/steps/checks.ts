/**
 * Step "checks": self-checks before a run is published. Every list count equals its list's length
 * (M15), and for every Mixpanel measure the breakdown values of an entity and day sum to its daily
 * row (M28). A violation fails the run, so wrong numbers are never served. The checks are split per
 * level and dimension (each a range of the breakdown key) so that both connections share them.
 */
import type { Dialect } from '../../src/db/dialect.ts';
import { LIST_COUNT_MEASURE, USER_LISTS, listColumn, metricColumn } from '../../src/db/tables/metric-columns.ts';
import { MIXPANEL_MEASURES } from '../../src/metrics/formulas.ts';
import { SelfCheckError } from '../errors.ts';
import { DIMENSIONS_LARGEST_FIRST, LEVELS_FINEST_FIRST } from '../aggregate.ts';
import type { QueryJob } from '../jobs.ts';
import type { RunSpace } from '../run-space.ts';
import { literal } from '../sql.ts';

interface Violation {
  level: string;
  entity_id: string;
  date: string;
}

/** A query returning the first violation it finds, and how to report it. */
interface SelfCheck extends QueryJob {
  rule: 'M15' | 'M28';
  message: (violation: Violation) => string;
}

/**
 * The first of `violations` in key order, found after all of them. A query that ends in LIMIT is
 * planned for an early stop: PostgreSQL then expects a violation soon and loops over the whole join
 * (with a bare LIMIT 1 the breakdown sum check ran for hours; with ORDER BY, nested loops over the
 * indexes took twice the time of a join). A run without violations reads every row either way, and
 * the message names the same row on every run and backend.
 */
const firstViolation = (violations: string) => `WITH violation AS MATERIALIZED (${violations}) SELECT * FROM violation ORDER BY 1, 2, 3 LIMIT 1`;

/** Sums of floats in another order may differ in the last bits; anything larger is a real mismatch. */
const differs = (dialect: Dialect, a: string, b: string) => `abs(${a} - ${b}) > 1e-6 * ${dialect.greatest('1', `abs(${a})`)}`;

const listLengthMismatch = (dialect: Dialect) =>
  USER_LISTS.map((list) => `${metricColumn(LIST_COUNT_MEASURE[list])} <> ${dialect.listLength(`coalesce(${listColumn(list)}, '[]')`)}`).join(' OR ');

/** Rows of `table` whose counts differ from their lists in `listTable` (a row absent there has empty lists). */
function listLengthCheck(run: RunSpace, table: string, listTable: string, keyColumns: string, range: string): SelfCheck {
  return {
    query: firstViolation(`SELECT level, entity_id, date FROM ${run.stageTable(table)} LEFT JOIN ${run.stageTable(listTable)} USING (${keyColumns})
            WHERE ${range} AND (${listLengthMismatch(run.db.dialect)})`),
    rule: 'M15',
    message: (bad) => `self-check failed (M15): a list count differs from its length in ${table} for ${bad.level} ${bad.entity_id} on ${bad.date}`,
  };
}

const MIXPANEL_COLUMNS = MIXPANEL_MEASURES.map(metricColumn);

/** The breakdown rows of one level and dimension: a prefix of the table's key. */
const breakdownKeyRange = (level: string, dimension: string, alias = '') =>
  `${alias}level = ${literal(level)} AND ${alias}dimension = ${literal(dimension)}`;

/**
 * Breakdown rows of one level and dimension whose sums differ from the daily row, then daily rows
 * with Mixpanel numbers but no breakdown row at all. Grouping by the key's prefix reads the
 * breakdown rows in index order, without a sort.
 */
function breakdownSumCheck(run: RunSpace, level: string, dimension: string): SelfCheck {
  const anyDifference = MIXPANEL_COLUMNS.map((c) => differs(run.db.dialect, `coalesce(d.${c}, 0)`, `b.${c}`)).join(' OR ');
  return {
    query: firstViolation(`WITH b AS (SELECT level, entity_id, date, ${MIXPANEL_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')}
                     FROM ${run.stageTable('daily_metrics_breakdown')} WHERE ${breakdownKeyRange(level, dimension)}
                     GROUP BY level, entity_id, date)
            SELECT b.level, b.entity_id, b.date
            FROM b LEFT JOIN ${run.stageTable('daily_metrics')} d USING (level, entity_id, date) WHERE ${anyDifference}
            UNION ALL
            SELECT d.level, d.entity_id, d.date FROM ${run.stageTable('daily_metrics')} d
            WHERE d.level = ${literal(level)} AND (${MIXPANEL_COLUMNS.map((c) => `d.${c} <> 0`).join(' OR ')})
              AND NOT EXISTS (SELECT 1 FROM ${run.stageTable('daily_metrics_breakdown')} b
                              WHERE ${breakdownKeyRange(level, dimension, 'b.')} AND b.entity_id = d.entity_id AND b.date = d.date)`),
    rule: 'M28',
    message: (bad) => `self-check failed (M28): ${dimension} breakdown of ${bad.level} ${bad.entity_id} on ${bad.date} does not sum to its daily row`,
  };
}

/** Every check, the longest (as for the aggregation jobs) first. */
function selfChecks(run: RunSpace): SelfCheck[] {
  const keyRanges = DIMENSIONS_LARGEST_FIRST.flatMap((dimension) => LEVELS_FINEST_FIRST.map((level) => ({ level, dimension })));
  return [
    ...keyRanges.map(({ level, dimension }) => breakdownSumCheck(run, level, dimension)),
    ...keyRanges.map(({ level, dimension }) =>
      listLengthCheck(run, 'daily_metrics_breakdown', 'breakdown_user_lists', 'level, dimension, entity_id, date, value', breakdownKeyRange(level, dimension)),
    ),
    listLengthCheck(run, 'daily_metrics', 'daily_user_lists', 'level, entity_id, date', 'true'),
  ];
}

/**
 * Runs every check on all of the run's connections. Throws SelfCheckError naming the first
 * violation, M15 first: a wrong list length also makes sums differ.
 */
export async function runSelfChecks(run: RunSpace): Promise<void> {
  const checks = selfChecks(run);
  const queries = checks.map(({ query }) => ({ query }));
  const { firstRows } = await run.shared(queries);
  for (const rule of ['M15', 'M28']) {
    const failed = checks.findIndex((check, index) => check.rule === rule && firstRows.has(index));
    if (failed >= 0) throw new SelfCheckError(checks[failed]!.message(firstRows.get(failed) as unknown as Violation));
  }
}
