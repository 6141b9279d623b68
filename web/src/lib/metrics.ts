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
  /** A rise is bad news (refund rates): the change is coloured the other way. */
  lowerIsBetter?: boolean;
}

const metric = (key: MetricKey, label: string, format: NumberFormat, shownByDefault = true, lowerIsBetter = false): MetricDefinition => ({
  key,
  label,
  format,
  shownByDefault,
  lowerIsBetter,
});

/** The tree's metric columns, in order: those the old dashboard showed, then the column picker's. */
export const TREE_METRICS: MetricDefinition[] = [
  metric('trials', 'Trials', 'count'),
  metric('trialConversionRateEstimated', 'Trial conv. rate', 'percent'),
  metric('trialRefundRateEstimated', 'Trial refund rate', 'percent', true, true),
  metric('purchases', 'Purchases', 'count'),
  metric('purchaseRefundRateEstimated', 'Purchase refund rate', 'percent', true, true),
  metric('spend', 'Spend', 'money'),
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

/** The overview cards. */
export const OVERVIEW_METRICS: MetricDefinition[] = [
  metric('spend', 'Spend', 'money'),
  metric('estimatedRevenue', 'Estimated revenue', 'money'),
  metric('adjustedEstimatedRevenue', 'Adjusted revenue', 'money'),
  metric('profit', 'Profit', 'money'),
  metric('roas', 'ROAS', 'multiple'),
  metric('trials', 'Trials', 'count'),
  metric('purchases', 'Purchases', 'count'),
];
