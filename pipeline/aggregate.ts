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
import type { InsertJob } from './jobs.ts';

/** Each contribution column and its type: a column a source does not fill is a typed NULL (PostgreSQL types a UNION by its first branch). */
const CONTRIBUTION_TYPES = {
  spend: 'double',
  impressions: 'integer',
  clicks: 'integer',
  meta_trials: 'integer',
  meta_purchases: 'integer',
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
} as const;
const CONTRIBUTION_COLUMNS = Object.keys(CONTRIBUTION_TYPES) as (keyof typeof CONTRIBUTION_TYPES)[];
type ContributionColumn = keyof typeof CONTRIBUTION_TYPES;

/** One contribution source: its table, filter, day and value expressions, and the columns it fills. */
interface ContributionSource {
  from: string;
  day: string;
  value: string;
  where?: string;
  fills: Partial<Record<ContributionColumn, string>>;
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
  return [
    {
      from: values.metaTable,
      day: 'date',
      value: values.metaValue,
      fills: { spend: 'spend', impressions: 'impressions', clicks: 'clicks', meta_trials: 'meta_trials', meta_purchases: 'meta_purchases' },
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
  ].map((source) => ({ ...source, where: [`${level}_id IS NOT NULL`, source.where].filter(Boolean).join(' AND ') }));
}

const SQL_TYPES = { double: (dialect: Dialect) => dialect.doubleType, integer: () => 'INTEGER', text: () => 'TEXT' };

const contributionSelect = (dialect: Dialect, level: EntityLevel, source: ContributionSource) =>
  `SELECT ${level}_id AS entity_id, ${source.day} AS day, ${source.value} AS value, ` +
  CONTRIBUTION_COLUMNS.map(
    (column) => `${source.fills[column] ?? `CAST(NULL AS ${SQL_TYPES[CONTRIBUTION_TYPES[column]](dialect)})`} AS ${column}`,
  ).join(', ') +
  ` FROM ${source.from} WHERE ${source.where}`;

/** Target column ← aggregate over the contributions: base measures, then user lists. */
const measureAggregates = ({ total }: Dialect): Array<[string, string]> => [
  [metricColumn('spend'), total('spend')],
  [metricColumn('impressions'), 'coalesce(sum(impressions), 0)'],
  [metricColumn('clicks'), 'coalesce(sum(clicks), 0)'],
  [metricColumn('metaTrials'), 'coalesce(sum(meta_trials), 0)'],
  [metricColumn('metaPurchases'), 'coalesce(sum(meta_purchases), 0)'],
  [metricColumn('trials'), 'count(trial_user)'],
  [metricColumn('purchases'), 'count(purchase_user)'],
  [metricColumn('postTrialUsers'), 'count(post_trial_user)'],
  [metricColumn('convertedUsers'), 'count(converted_user)'],
  [metricColumn('trialRefundUsers'), 'count(trial_refund_user)'],
  [metricColumn('purchaseRefundUsers'), 'count(purchase_refund_user)'],
  [metricColumn('actualRevenue'), total('revenue')],
  [metricColumn('actualRefunds'), total('refund')],
  [metricColumn('estimatedRevenue'), total('estimated_revenue')],
  [metricColumn('trialConversionRateSum'), total('trial_conversion_rate')],
  [metricColumn('trialConversionRateCount'), 'count(trial_conversion_rate)'],
  [metricColumn('trialRefundRateSum'), total('trial_refund_rate')],
  [metricColumn('trialRefundRateCount'), 'count(trial_refund_rate)'],
  [metricColumn('purchaseRefundRateSum'), total('purchase_refund_rate')],
  [metricColumn('purchaseRefundRateCount'), 'count(purchase_refund_rate)'],
];
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
export const DIMENSIONS_LARGEST_FIRST: readonly BreakdownDimension[] = ['region', 'country', 'device'];

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
