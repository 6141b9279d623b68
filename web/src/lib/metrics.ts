/** The metrics the page shows (fragment DashboardMetrics), with their labels and number formats. */
import type { DashboardMetricsFragment } from '../generated/graphql.ts';
import type { NumberFormat } from './format.ts';

export type MetricKey = keyof DashboardMetricsFragment;

export interface MetricDefinition {
  key: MetricKey;
  label: string;
  format: NumberFormat;
  /** Shown in the tree unless the column picker hides it. */
  shownByDefault: boolean;
  /** Which way is good news, for the colour of a change: refund rates should fall; spend is neither. */
  better: Better;
}

export type Better = 'higher' | 'lower' | 'neither';

// Keeps each key's literal type, so the lists below can be checked against the fragment.
const metric = <Key extends MetricKey>(
  key: Key,
  label: string,
  format: NumberFormat,
  shownByDefault = true,
  better: Better = 'higher',
): MetricDefinition & { key: Key } => ({ key, label, format, shownByDefault, better });

/** The tree's metric columns, in order: those the old dashboard showed, then the column picker's. */
export const TREE_METRICS = [
  metric('trials', 'Trials', 'count'),
  metric('trialConversionRateEstimated', 'Trial conv. rate', 'percent'),
  metric('trialRefundRateEstimated', 'Trial refund rate', 'percent', true, 'lower'),
  metric('purchases', 'Purchases', 'count'),
  metric('purchaseRefundRateEstimated', 'Purchase refund rate', 'percent', true, 'lower'),
  metric('spend', 'Spend', 'money', true, 'neither'),
  metric('estimatedRevenue', 'Est. revenue', 'money'),
  metric('profit', 'Profit', 'money'),
  metric('roas', 'ROAS', 'multiple'),
  metric('adjustedEstimatedRevenue', 'Adj. revenue', 'money', false),
  metric('trialConversionRateActual', 'Trial conv. rate (actual)', 'percent', false),
  metric('metaTrials', 'Meta trials', 'count', false),
  metric('metaPurchases', 'Meta purchases', 'count', false),
  metric('trialAccuracyRatio', 'Trial accuracy', 'percent', false),
  metric('purchaseAccuracyRatio', 'Purchase accuracy', 'percent', false),
  metric('dataQualityScore', 'Data quality', 'percent', false),
];

/** The fragment holds what the page shows, so every field of it has a tree column: one added without a column fails typecheck. */
type MetricsWithoutColumn = Exclude<MetricKey, (typeof TREE_METRICS)[number]['key']>;
const everyMetricHasAColumn: [MetricsWithoutColumn] extends [never] ? true : MetricsWithoutColumn = true;

/** The overview cards. */
export const OVERVIEW_METRICS = [
  metric('spend', 'Spend', 'money', true, 'neither'),
  metric('estimatedRevenue', 'Estimated revenue', 'money'),
  metric('adjustedEstimatedRevenue', 'Adjusted revenue', 'money'),
  metric('profit', 'Profit', 'money'),
  metric('roas', 'ROAS', 'multiple'),
  metric('trials', 'Trials', 'count'),
  metric('purchases', 'Purchases', 'count'),
];
