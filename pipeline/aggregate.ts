/**
 * The one aggregation behind `daily_metrics` (M16–M20, M27) and `daily_metrics_breakdown` (M28).
 * Every source of numbers becomes contribution rows keyed by (entity, day, value): Meta rows,
 * users entering lists on their trial day, users entering lists on their purchase day, and money
 * events. Grouping them gives each row's base measures and sorted user lists; a key exists exactly
 * when something contributed to it (M27). For the daily table the value is a constant.
 */
import type { Dialect } from '../src/db/dialect.ts';
import { ENTITY_LEVELS, type BreakdownDimension, type EntityLevel } from '../src/db/tables/daily-metrics.ts';
import { ANY_USER_LISTED, listColumn, metricColumn } from '../src/db/tables/metric-columns.ts';
import { BASE_MEASURES, INTEGER_MEASURES, META_MEASURES, type BaseMeasure, type MetaMeasure } from '../src/metrics/formulas.ts';
import type { InsertJob } from './jobs.ts';

const SQL_TYPES = { double: (dialect: Dialect) => dialect.doubleType, integer: () => 'INTEGER', text: () => 'TEXT' };

/** Each Meta measure's contribution column: the source column of the same (snake-case) name. */
const META_CONTRIBUTIONS = Object.fromEntries(META_MEASURES.map((name) => [metricColumn(name), metricColumn(name)]));

/** Each contribution column and its type: a column a source does not fill is a typed NULL (PostgreSQL types a UNION by its first branch). */
const CONTRIBUTION_TYPES: Record<string, keyof typeof SQL_TYPES> = {
  ...Object.fromEntries(META_MEASURES.map((name) => [metricColumn(name), INTEGER_MEASURES.has(name) ? 'integer' : 'double'])),
  trial_user: 'text',
  purchase_user: 'text',
  post_trial_user: 'text',
  converted_user: 'text',
  trial_refund_user: 'text',
  purchase_refund_user: 'text',
  revenue: 'double',
  refund: 'double',
  estimated_revenue: 'double',
  trial_conversion_rate: 'double',
  trial_refund_rate: 'double',
  purchase_refund_rate: 'double',
};
const CONTRIBUTION_COLUMNS = Object.keys(CONTRIBUTION_TYPES);

/** One contribution source: its table, filter, day and value expressions, and the columns it fills. */
interface ContributionSource {
  from: string;
  day: string;
  value: string;
  where?: string;
  fills: Record<string, string>;
}

/** Where each breakdown value comes from (SQL over the contribution sources); NULL for totals. */
export interface ValueSources {
  dimension: string | null;
  /** The scratch copy of the Meta table to read (see steps/sources.ts). */
  metaTable: string;
  metaValue: string;
  trialValue: string;
  purchaseValue: string;
  eventValue: string;
}

function contributionSources(level: EntityLevel, values: ValueSources): ContributionSource[] {
  const inList = (flag: string) => `CASE WHEN ${flag} THEN distinct_id END`;
  const sources: ContributionSource[] = [
    {
      from: values.metaTable,
      day: 'date',
      value: values.metaValue,
      fills: META_CONTRIBUTIONS,
    },
    {
      from: 'user_fact',
      day: 'trial_day',
      value: values.trialValue,
      where: 'trial_day IS NOT NULL',
      fills: {
        trial_user: 'distinct_id',
        post_trial_user: inList('is_post_trial'),
        converted_user: inList('is_converted'),
        trial_refund_user: inList('is_trial_refund'),
        estimated_revenue: 'trial_value',
        trial_conversion_rate: 'trial_conversion_rate',
        trial_refund_rate: 'trial_converted_to_refund_rate',
      },
    },
    {
      from: 'user_fact',
      day: 'purchase_day',
      value: values.purchaseValue,
      where: 'purchase_day IS NOT NULL',
      fills: {
        purchase_user: 'distinct_id',
        purchase_refund_user: inList('is_purchase_refund'),
        estimated_revenue: 'purchase_value',
        purchase_refund_rate: 'initial_purchase_to_refund_rate',
      },
    },
    { from: 'money_event', day: 'day', value: values.eventValue, fills: { revenue: 'revenue', refund: 'refund' } },
  ];
  return sources.map((source) => ({ ...source, where: [`${level}_id IS NOT NULL`, source.where].filter(Boolean).join(' AND ') }));
}

const contributionSelect = (dialect: Dialect, level: EntityLevel, source: ContributionSource) =>
  `SELECT ${level}_id AS entity_id, ${source.day} AS day, ${source.value} AS value, ` +
  CONTRIBUTION_COLUMNS.map(
    (column) => `${source.fills[column] ?? `CAST(NULL AS ${SQL_TYPES[CONTRIBUTION_TYPES[column]!](dialect)})`} AS ${column}`,
  ).join(', ') +
  ` FROM ${source.from} WHERE ${source.where}`;

type Aggregate = (dialect: Dialect) => string;
const metaAggregate =
  (name: MetaMeasure): Aggregate =>
  ({ total }) =>
    INTEGER_MEASURES.has(name) ? `coalesce(sum(${metricColumn(name)}), 0)` : total(metricColumn(name));

/**
 * Each base measure's aggregate over the contributions. Keyed by every base measure, so a measure
 * added to formulas.ts does not compile until it is aggregated here.
 */
export const MEASURE_AGGREGATES = {
  ...(Object.fromEntries(META_MEASURES.map((name) => [name, metaAggregate(name)])) as Record<MetaMeasure, Aggregate>),
  trials: () => 'count(trial_user)',
  purchases: () => 'count(purchase_user)',
  postTrialUsers: () => 'count(post_trial_user)',
  convertedUsers: () => 'count(converted_user)',
  trialRefundUsers: () => 'count(trial_refund_user)',
  purchaseRefundUsers: () => 'count(purchase_refund_user)',
  actualRevenue: ({ total }) => total('revenue'),
  actualRefunds: ({ total }) => total('refund'),
  estimatedRevenue: ({ total }) => total('estimated_revenue'),
  trialConversionRateSum: ({ total }) => total('trial_conversion_rate'),
  trialConversionRateCount: () => 'count(trial_conversion_rate)',
  trialRefundRateSum: ({ total }) => total('trial_refund_rate'),
  trialRefundRateCount: () => 'count(trial_refund_rate)',
  purchaseRefundRateSum: ({ total }) => total('purchase_refund_rate'),
  purchaseRefundRateCount: () => 'count(purchase_refund_rate)',
} satisfies Record<BaseMeasure, Aggregate>;

/** Target column ← aggregate over the contributions, in the tables' column order. */
const measureAggregates = (dialect: Dialect): Array<[string, string]> =>
  BASE_MEASURES.map((name) => [metricColumn(name), MEASURE_AGGREGATES[name](dialect)]);
const listAggregates = ({ sortedList }: Dialect): Array<[string, string]> =>
  (
    [
      ['trial', 'trial_user'],
      ['purchase', 'purchase_user'],
      ['postTrial', 'post_trial_user'],
      ['converted', 'converted_user'],
      ['trialRefund', 'trial_refund_user'],
      ['purchaseRefund', 'purchase_refund_user'],
    ] as const
  ).map(([list, user]): [string, string] => [
    listColumn(list),
    // M15: distinct ids sorted ascending (each user enters an entity's list at most once: M9/M10).
    sortedList(user),
  ]);

/**
 * Jobs are listed longest first (see RunSpace.shared): finer levels have more rows, regions have
 * the most values and devices the fewest.
 */
export const LEVELS_FINEST_FIRST = [...ENTITY_LEVELS].reverse();
/** How many values each dimension has, relatively; every dimension must be ranked, so each is computed and checked. */
export const DIMENSION_SIZE_RANK = { region: 3, country: 2, device: 1 } satisfies Record<BreakdownDimension, number>;
export const DIMENSIONS_LARGEST_FIRST: readonly BreakdownDimension[] = (Object.keys(DIMENSION_SIZE_RANK) as BreakdownDimension[]).sort(
  (a, b) => DIMENSION_SIZE_RANK[b] - DIMENSION_SIZE_RANK[a],
);

/**
 * The job inserting one level's rows (for one breakdown dimension, or the totals) into `table`, and
 * the lists of those with a listed user into `listTable`.
 */
export function aggregationJob(dialect: Dialect, table: string, listTable: string, level: EntityLevel, values: ValueSources): InsertJob {
  const measures = measureAggregates(dialect);
  const lists = listAggregates(dialect);
  const keyColumns = values.dimension === null ? ['level', 'entity_id', 'date'] : ['level', 'entity_id', 'dimension', 'date', 'value'];
  const keyValues =
    values.dimension === null ? [`'${level}'`, 'entity_id', 'day'] : [`'${level}'`, 'entity_id', `'${values.dimension}'`, 'day', 'value'];
  const contributions = contributionSources(level, values).map((source) => contributionSelect(dialect, level, source));
  return {
    table,
    columns: [...keyColumns, ...measures.map(([column]) => column)],
    alsoInto: { table: listTable, columns: [...keyColumns, ...lists.map(([column]) => column)], where: ANY_USER_LISTED },
    select: `SELECT ${[...keyValues, ...[...measures, ...lists].map(([, aggregate]) => aggregate)].join(', ')}
      FROM (${contributions.join('\nUNION ALL ')}) AS contribution
      GROUP BY entity_id, day, value
      ORDER BY entity_id, day, value`,
  };
}
