/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type BreakdownDimension =
  | 'COUNTRY'
  | 'DEVICE'
  | 'REGION';

/** An inclusive range of days; end >= start, at most the configured number of days. */
export type DateRangeInput = {
  end: string;
  start: string;
};

export type EntityLevel =
  | 'AD'
  | 'ADSET'
  | 'CAMPAIGN';

/** FRESH, WARN past FRESHNESS_WARN_AFTER (default 26h), STALE past FRESHNESS_ERROR_AFTER (default 50h) or without data. */
export type FreshnessStatus =
  | 'FRESH'
  | 'STALE'
  | 'WARN';

/** A metric of `Metrics`, e.g. to order by or to draw a sparkline of. */
export type MetricField =
  | 'ACTUAL_REFUNDS'
  | 'ACTUAL_REVENUE'
  | 'ADJUSTED_ESTIMATED_REVENUE'
  | 'CLICKS'
  | 'CLICK_TO_TRIAL_RATE'
  | 'CONVERTED_USERS'
  | 'DATA_QUALITY_SCORE'
  | 'ESTIMATED_REVENUE'
  | 'IMPRESSIONS'
  | 'META_COST_PER_PURCHASE'
  | 'META_COST_PER_TRIAL'
  | 'META_PURCHASES'
  | 'META_TRIALS'
  | 'MIXPANEL_COST_PER_PURCHASE'
  | 'MIXPANEL_COST_PER_TRIAL'
  | 'NET_ACTUAL_REVENUE'
  | 'POST_TRIAL_USERS'
  | 'PROFIT'
  | 'PURCHASES'
  | 'PURCHASE_ACCURACY_RATIO'
  | 'PURCHASE_REFUND_RATE_ACTUAL'
  | 'PURCHASE_REFUND_RATE_ESTIMATED'
  | 'PURCHASE_REFUND_USERS'
  | 'ROAS'
  | 'SPEND'
  | 'TRIALS'
  | 'TRIAL_ACCURACY_RATIO'
  | 'TRIAL_CONVERSION_RATE_ACTUAL'
  | 'TRIAL_CONVERSION_RATE_ESTIMATED'
  | 'TRIAL_REFUND_RATE_ACTUAL'
  | 'TRIAL_REFUND_RATE_ESTIMATED'
  | 'TRIAL_REFUND_USERS';

/** The user lists of M9–M14. */
export type UserList =
  | 'CONVERTED'
  | 'POST_TRIAL'
  | 'PURCHASE'
  | 'PURCHASE_REFUND'
  | 'TRIAL'
  | 'TRIAL_REFUND';

export type BreakdownQueryVariables = Exact<{
  level: EntityLevel;
  id: string | number;
  range: DateRangeInput;
  compareTo?: DateRangeInput | null | undefined;
  by?: BreakdownDimension | null | undefined;
}>;


export type BreakdownQuery = { entity:
    | { id: string, breakdown: Array<{ value: string, metrics: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null }, comparison: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null } | null }> }
    | { id: string, breakdown: Array<{ value: string, metrics: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null }, comparison: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null } | null }> }
    | { id: string, breakdown: Array<{ value: string, metrics: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null }, comparison: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null } | null }> }
   | null };

export type CampaignListQueryVariables = Exact<{
  range: DateRangeInput;
  orderBy?: MetricField | null | undefined;
  descending?: boolean | null | undefined;
  first?: number | null | undefined;
  search?: string | null | undefined;
  includeInactive?: boolean | null | undefined;
}>;


export type CampaignListQuery = { campaigns: Array<{ id: string, name: string, metrics: { spend: number, roas: number | null } }> };

export type DailyMetricsQueryVariables = Exact<{
  level: EntityLevel;
  ids: Array<string | number> | string | number;
  range: DateRangeInput;
}>;


export type DailyMetricsQuery = { dailyMetrics: Array<{ date: string, level: EntityLevel, entityId: string, metrics: { spend: number, impressions: number, clicks: number, metaTrials: number, metaPurchases: number, trials: number, purchases: number, postTrialUsers: number, convertedUsers: number, trialRefundUsers: number, purchaseRefundUsers: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, trialRefundRateActual: number | null, purchaseRefundRateEstimated: number | null, purchaseRefundRateActual: number | null, actualRevenue: number, actualRefunds: number, netActualRevenue: number, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, mixpanelCostPerTrial: number | null, mixpanelCostPerPurchase: number | null, metaCostPerTrial: number | null, metaCostPerPurchase: number | null, clickToTrialRate: number | null, dataQualityScore: number | null } }> };

export type DashboardOverviewQueryVariables = Exact<{
  range: DateRangeInput;
  compareTo?: DateRangeInput | null | undefined;
  days?: number | null | undefined;
}>;


export type DashboardOverviewQuery = { overview: { metrics: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null }, comparison: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null } | null, spend: Array<{ date: string, value: number | null }>, revenue: Array<{ date: string, value: number | null }> } };

export type DashboardQueryVariables = Exact<{
  range: DateRangeInput;
  compareTo?: DateRangeInput | null | undefined;
  end?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type DashboardQuery = { campaigns: Array<{ id: string, name: string, breakdown: Array<{ value: string, metrics: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null }, comparison: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null } | null }>, adsets: Array<{ id: string, name: string, ads: Array<{ id: string, name: string, metrics: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null }, comparison: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null } | null, sparkline: Array<{ date: string, value: number | null }> }>, metrics: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null }, comparison: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null } | null, sparkline: Array<{ date: string, value: number | null }> }>, metrics: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null }, comparison: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null } | null, sparkline: Array<{ date: string, value: number | null }> }> };

export type DataStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type DataStatusQuery = { dataStatus: { asOf: string | null, timezone: string | null, lastRunAt: string | null, firstDay: string | null, lastDay: string | null, campaigns: number, adsets: number, ads: number, publishedAt: string | null, completeThrough: string | null, nextScheduledRun: string | null, freshness: Array<{ source: string, newest: string | null, ageSeconds: number | null, status: FreshnessStatus }> } };

export type EntityQueryVariables = Exact<{
  level: EntityLevel;
  id: string | number;
  range: DateRangeInput;
  end?: string | null | undefined;
  by?: BreakdownDimension | null | undefined;
  metric?: MetricField | null | undefined;
  days?: number | null | undefined;
}>;


export type EntityQuery = { entity:
    | { __typename: 'Ad', id: string, level: EntityLevel, name: string, nameHistory: Array<{ name: string, frequency: number, firstSeen: string, lastSeen: string }>, metrics: { spend: number, impressions: number, clicks: number, metaTrials: number, metaPurchases: number, trials: number, purchases: number, postTrialUsers: number, convertedUsers: number, trialRefundUsers: number, purchaseRefundUsers: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, trialRefundRateActual: number | null, purchaseRefundRateEstimated: number | null, purchaseRefundRateActual: number | null, actualRevenue: number, actualRefunds: number, netActualRevenue: number, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, mixpanelCostPerTrial: number | null, mixpanelCostPerPurchase: number | null, metaCostPerTrial: number | null, metaCostPerPurchase: number | null, clickToTrialRate: number | null, dataQualityScore: number | null }, breakdown: Array<{ dimension: BreakdownDimension, value: string, metrics: { spend: number, impressions: number, clicks: number, metaTrials: number, metaPurchases: number, trials: number, purchases: number, postTrialUsers: number, convertedUsers: number, trialRefundUsers: number, purchaseRefundUsers: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, trialRefundRateActual: number | null, purchaseRefundRateEstimated: number | null, purchaseRefundRateActual: number | null, actualRevenue: number, actualRefunds: number, netActualRevenue: number, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, mixpanelCostPerTrial: number | null, mixpanelCostPerPurchase: number | null, metaCostPerTrial: number | null, metaCostPerPurchase: number | null, clickToTrialRate: number | null, dataQualityScore: number | null } }>, sparkline: Array<{ date: string, value: number | null }>, daily: Array<{ date: string, level: EntityLevel, entityId: string, metrics: { spend: number, trials: number, roas: number | null } }> }
    | { __typename: 'Adset', id: string, level: EntityLevel, name: string, nameHistory: Array<{ name: string, frequency: number, firstSeen: string, lastSeen: string }>, metrics: { spend: number, impressions: number, clicks: number, metaTrials: number, metaPurchases: number, trials: number, purchases: number, postTrialUsers: number, convertedUsers: number, trialRefundUsers: number, purchaseRefundUsers: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, trialRefundRateActual: number | null, purchaseRefundRateEstimated: number | null, purchaseRefundRateActual: number | null, actualRevenue: number, actualRefunds: number, netActualRevenue: number, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, mixpanelCostPerTrial: number | null, mixpanelCostPerPurchase: number | null, metaCostPerTrial: number | null, metaCostPerPurchase: number | null, clickToTrialRate: number | null, dataQualityScore: number | null }, breakdown: Array<{ dimension: BreakdownDimension, value: string, metrics: { spend: number, impressions: number, clicks: number, metaTrials: number, metaPurchases: number, trials: number, purchases: number, postTrialUsers: number, convertedUsers: number, trialRefundUsers: number, purchaseRefundUsers: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, trialRefundRateActual: number | null, purchaseRefundRateEstimated: number | null, purchaseRefundRateActual: number | null, actualRevenue: number, actualRefunds: number, netActualRevenue: number, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, mixpanelCostPerTrial: number | null, mixpanelCostPerPurchase: number | null, metaCostPerTrial: number | null, metaCostPerPurchase: number | null, clickToTrialRate: number | null, dataQualityScore: number | null } }>, sparkline: Array<{ date: string, value: number | null }>, daily: Array<{ date: string, level: EntityLevel, entityId: string, metrics: { spend: number, trials: number, roas: number | null } }> }
    | { __typename: 'Campaign', id: string, level: EntityLevel, name: string, nameHistory: Array<{ name: string, frequency: number, firstSeen: string, lastSeen: string }>, metrics: { spend: number, impressions: number, clicks: number, metaTrials: number, metaPurchases: number, trials: number, purchases: number, postTrialUsers: number, convertedUsers: number, trialRefundUsers: number, purchaseRefundUsers: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, trialRefundRateActual: number | null, purchaseRefundRateEstimated: number | null, purchaseRefundRateActual: number | null, actualRevenue: number, actualRefunds: number, netActualRevenue: number, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, mixpanelCostPerTrial: number | null, mixpanelCostPerPurchase: number | null, metaCostPerTrial: number | null, metaCostPerPurchase: number | null, clickToTrialRate: number | null, dataQualityScore: number | null }, breakdown: Array<{ dimension: BreakdownDimension, value: string, metrics: { spend: number, impressions: number, clicks: number, metaTrials: number, metaPurchases: number, trials: number, purchases: number, postTrialUsers: number, convertedUsers: number, trialRefundUsers: number, purchaseRefundUsers: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, trialRefundRateActual: number | null, purchaseRefundRateEstimated: number | null, purchaseRefundRateActual: number | null, actualRevenue: number, actualRefunds: number, netActualRevenue: number, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, mixpanelCostPerTrial: number | null, mixpanelCostPerPurchase: number | null, metaCostPerTrial: number | null, metaCostPerPurchase: number | null, clickToTrialRate: number | null, dataQualityScore: number | null } }>, sparkline: Array<{ date: string, value: number | null }>, daily: Array<{ date: string, level: EntityLevel, entityId: string, metrics: { spend: number, trials: number, roas: number | null } }> }
   | null };

export type AllMetricsFragment = { spend: number, impressions: number, clicks: number, metaTrials: number, metaPurchases: number, trials: number, purchases: number, postTrialUsers: number, convertedUsers: number, trialRefundUsers: number, purchaseRefundUsers: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, trialRefundRateActual: number | null, purchaseRefundRateEstimated: number | null, purchaseRefundRateActual: number | null, actualRevenue: number, actualRefunds: number, netActualRevenue: number, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, mixpanelCostPerTrial: number | null, mixpanelCostPerPurchase: number | null, metaCostPerTrial: number | null, metaCostPerPurchase: number | null, clickToTrialRate: number | null, dataQualityScore: number | null };

export type DashboardMetricsFragment = { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null };

type DashboardNode_Ad_Fragment = { id: string, name: string, metrics: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null }, comparison: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null } | null, sparkline: Array<{ date: string, value: number | null }> };

type DashboardNode_Adset_Fragment = { id: string, name: string, metrics: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null }, comparison: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null } | null, sparkline: Array<{ date: string, value: number | null }> };

type DashboardNode_Campaign_Fragment = { id: string, name: string, metrics: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null }, comparison: { spend: number, trials: number, purchases: number, metaTrials: number, metaPurchases: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, purchaseRefundRateEstimated: number | null, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, dataQualityScore: number | null } | null, sparkline: Array<{ date: string, value: number | null }> };

export type DashboardNodeFragment =
  | DashboardNode_Ad_Fragment
  | DashboardNode_Adset_Fragment
  | DashboardNode_Campaign_Fragment
;

export type PipelineRunFieldsFragment = { id: string, status: string, startedAt: string, finishedAt: string | null, asOf: string | null, timezone: string | null, step: string | null, progress: number | null, error: string | null };

export type HierarchyQueryVariables = Exact<{
  adIds?: Array<string | number> | string | number | null | undefined;
}>;


export type HierarchyQuery = { hierarchy: Array<{ adId: string, adsetId: string, campaignId: string, confidence: number, firstSeen: string | null, lastSeen: string | null }> };

export type CanonicalNamesQueryVariables = Exact<{
  level: EntityLevel;
  ids: Array<string | number> | string | number;
}>;


export type CanonicalNamesQuery = { canonicalNames: Array<{ level: EntityLevel, id: string, name: string | null, frequency: number | null, lastSeen: string | null }> };

export type OverviewQueryVariables = Exact<{
  range: DateRangeInput;
  metric?: MetricField | null | undefined;
  days?: number | null | undefined;
}>;


export type OverviewQuery = { overview: { metrics: { userIds: Array<string>, spend: number, impressions: number, clicks: number, metaTrials: number, metaPurchases: number, trials: number, purchases: number, postTrialUsers: number, convertedUsers: number, trialRefundUsers: number, purchaseRefundUsers: number, trialConversionRateEstimated: number | null, trialConversionRateActual: number | null, trialRefundRateEstimated: number | null, trialRefundRateActual: number | null, purchaseRefundRateEstimated: number | null, purchaseRefundRateActual: number | null, actualRevenue: number, actualRefunds: number, netActualRevenue: number, estimatedRevenue: number, adjustedEstimatedRevenue: number, profit: number, roas: number | null, trialAccuracyRatio: number | null, purchaseAccuracyRatio: number | null, mixpanelCostPerTrial: number | null, mixpanelCostPerPurchase: number | null, metaCostPerTrial: number | null, metaCostPerPurchase: number | null, clickToTrialRate: number | null, dataQualityScore: number | null }, sparkline: Array<{ date: string, value: number | null }> } };

export type PipelineRunProgressSubscriptionVariables = Exact<{
  id: string | number;
}>;


export type PipelineRunProgressSubscription = { pipelineRunProgress: { id: string, status: string, startedAt: string, finishedAt: string | null, asOf: string | null, timezone: string | null, step: string | null, progress: number | null, error: string | null } };

export type PipelineRunsQueryVariables = Exact<{
  last?: number | null | undefined;
}>;


export type PipelineRunsQuery = { pipelineRuns: Array<{ id: string, status: string, startedAt: string, finishedAt: string | null, asOf: string | null, timezone: string | null, step: string | null, progress: number | null, error: string | null }> };

export type RowUserListsQueryVariables = Exact<{
  level: EntityLevel;
  id: string | number;
  range: DateRangeInput;
}>;


export type RowUserListsQuery = { entity:
    | { id: string, metrics: { trials: Array<string>, converted: Array<string> } }
    | { id: string, metrics: { trials: Array<string>, converted: Array<string> } }
    | { id: string, metrics: { trials: Array<string>, converted: Array<string> } }
   | null };

export type RunPipelineMutationVariables = Exact<{
  asOf?: string | null | undefined;
  timezone?: string | null | undefined;
}>;


export type RunPipelineMutation = { runPipeline: { id: string, status: string, startedAt: string, finishedAt: string | null, asOf: string | null, timezone: string | null, step: string | null, progress: number | null, error: string | null } };

export type TreeQueryVariables = Exact<{
  range: DateRangeInput;
  includeInactive?: boolean | null | undefined;
}>;


export type TreeQuery = { campaigns: Array<{ id: string, level: EntityLevel, name: string, adsets: Array<{ id: string, level: EntityLevel, name: string, campaign: { id: string } | null, ads: Array<{ id: string, level: EntityLevel, name: string, hierarchyConfidence: number | null, adset: { id: string } | null, campaign: { id: string } | null }> }> }> };

export type UserIdsQueryVariables = Exact<{
  level: EntityLevel;
  id: string | number;
  range: DateRangeInput;
  list: UserList;
}>;


export type UserIdsQuery = { entity:
    | { metrics: { userIds: Array<string> }, breakdown: Array<{ value: string, metrics: { userIds: Array<string> } }>, daily: Array<{ date: string, metrics: { userIds: Array<string> } }> }
    | { metrics: { userIds: Array<string> }, breakdown: Array<{ value: string, metrics: { userIds: Array<string> } }>, daily: Array<{ date: string, metrics: { userIds: Array<string> } }> }
    | { metrics: { userIds: Array<string> }, breakdown: Array<{ value: string, metrics: { userIds: Array<string> } }>, daily: Array<{ date: string, metrics: { userIds: Array<string> } }> }
   | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AllMetricsFragmentDoc = new TypedDocumentString(`
    fragment AllMetrics on Metrics {
  spend
  impressions
  clicks
  metaTrials
  metaPurchases
  trials
  purchases
  postTrialUsers
  convertedUsers
  trialRefundUsers
  purchaseRefundUsers
  trialConversionRateEstimated
  trialConversionRateActual
  trialRefundRateEstimated
  trialRefundRateActual
  purchaseRefundRateEstimated
  purchaseRefundRateActual
  actualRevenue
  actualRefunds
  netActualRevenue
  estimatedRevenue
  adjustedEstimatedRevenue
  profit
  roas
  trialAccuracyRatio
  purchaseAccuracyRatio
  mixpanelCostPerTrial
  mixpanelCostPerPurchase
  metaCostPerTrial
  metaCostPerPurchase
  clickToTrialRate
  dataQualityScore
}
    `, {"fragmentName":"AllMetrics"}) as unknown as TypedDocumentString<AllMetricsFragment, unknown>;
export const DashboardMetricsFragmentDoc = new TypedDocumentString(`
    fragment DashboardMetrics on Metrics {
  spend
  trials
  purchases
  metaTrials
  metaPurchases
  trialConversionRateEstimated
  trialConversionRateActual
  trialRefundRateEstimated
  purchaseRefundRateEstimated
  estimatedRevenue
  adjustedEstimatedRevenue
  profit
  roas
  trialAccuracyRatio
  purchaseAccuracyRatio
  dataQualityScore
}
    `, {"fragmentName":"DashboardMetrics"}) as unknown as TypedDocumentString<DashboardMetricsFragment, unknown>;
export const DashboardNodeFragmentDoc = new TypedDocumentString(`
    fragment DashboardNode on AdEntity {
  id
  name
  metrics(range: $range) {
    ...DashboardMetrics
  }
  comparison(range: $compareTo) {
    ...DashboardMetrics
  }
  sparkline(metric: ROAS, days: 14, end: $end) {
    date
    value
  }
}
    fragment DashboardMetrics on Metrics {
  spend
  trials
  purchases
  metaTrials
  metaPurchases
  trialConversionRateEstimated
  trialConversionRateActual
  trialRefundRateEstimated
  purchaseRefundRateEstimated
  estimatedRevenue
  adjustedEstimatedRevenue
  profit
  roas
  trialAccuracyRatio
  purchaseAccuracyRatio
  dataQualityScore
}`, {"fragmentName":"DashboardNode"}) as unknown as TypedDocumentString<DashboardNodeFragment, unknown>;
export const PipelineRunFieldsFragmentDoc = new TypedDocumentString(`
    fragment PipelineRunFields on PipelineRun {
  id
  status
  startedAt
  finishedAt
  asOf
  timezone
  step
  progress
  error
}
    `, {"fragmentName":"PipelineRunFields"}) as unknown as TypedDocumentString<PipelineRunFieldsFragment, unknown>;
export const BreakdownDocument = new TypedDocumentString(`
    query Breakdown($level: EntityLevel!, $id: ID!, $range: DateRangeInput!, $compareTo: DateRangeInput, $by: BreakdownDimension = COUNTRY) {
  entity(level: $level, id: $id, range: $range, compareTo: $compareTo) {
    id
    breakdown(by: $by, range: $range, compareTo: $compareTo) {
      value
      metrics {
        ...DashboardMetrics
      }
      comparison {
        ...DashboardMetrics
      }
    }
  }
}
    fragment DashboardMetrics on Metrics {
  spend
  trials
  purchases
  metaTrials
  metaPurchases
  trialConversionRateEstimated
  trialConversionRateActual
  trialRefundRateEstimated
  purchaseRefundRateEstimated
  estimatedRevenue
  adjustedEstimatedRevenue
  profit
  roas
  trialAccuracyRatio
  purchaseAccuracyRatio
  dataQualityScore
}`) as unknown as TypedDocumentString<BreakdownQuery, BreakdownQueryVariables>;
export const CampaignListDocument = new TypedDocumentString(`
    query CampaignList($range: DateRangeInput!, $orderBy: MetricField, $descending: Boolean, $first: Int, $search: String, $includeInactive: Boolean) {
  campaigns(
    range: $range
    orderBy: $orderBy
    descending: $descending
    first: $first
    search: $search
    includeInactive: $includeInactive
  ) {
    id
    name
    metrics(range: $range) {
      spend
      roas
    }
  }
}
    `) as unknown as TypedDocumentString<CampaignListQuery, CampaignListQueryVariables>;
export const DailyMetricsDocument = new TypedDocumentString(`
    query DailyMetrics($level: EntityLevel!, $ids: [ID!]!, $range: DateRangeInput!) {
  dailyMetrics(level: $level, ids: $ids, range: $range) {
    date
    level
    entityId
    metrics {
      ...AllMetrics
    }
  }
}
    fragment AllMetrics on Metrics {
  spend
  impressions
  clicks
  metaTrials
  metaPurchases
  trials
  purchases
  postTrialUsers
  convertedUsers
  trialRefundUsers
  purchaseRefundUsers
  trialConversionRateEstimated
  trialConversionRateActual
  trialRefundRateEstimated
  trialRefundRateActual
  purchaseRefundRateEstimated
  purchaseRefundRateActual
  actualRevenue
  actualRefunds
  netActualRevenue
  estimatedRevenue
  adjustedEstimatedRevenue
  profit
  roas
  trialAccuracyRatio
  purchaseAccuracyRatio
  mixpanelCostPerTrial
  mixpanelCostPerPurchase
  metaCostPerTrial
  metaCostPerPurchase
  clickToTrialRate
  dataQualityScore
}`) as unknown as TypedDocumentString<DailyMetricsQuery, DailyMetricsQueryVariables>;
export const DashboardOverviewDocument = new TypedDocumentString(`
    query DashboardOverview($range: DateRangeInput!, $compareTo: DateRangeInput, $days: Int = 28) {
  overview(range: $range, compareTo: $compareTo) {
    metrics {
      ...DashboardMetrics
    }
    comparison {
      ...DashboardMetrics
    }
    spend: sparkline(metric: SPEND, days: $days) {
      date
      value
    }
    revenue: sparkline(metric: ADJUSTED_ESTIMATED_REVENUE, days: $days) {
      date
      value
    }
  }
}
    fragment DashboardMetrics on Metrics {
  spend
  trials
  purchases
  metaTrials
  metaPurchases
  trialConversionRateEstimated
  trialConversionRateActual
  trialRefundRateEstimated
  purchaseRefundRateEstimated
  estimatedRevenue
  adjustedEstimatedRevenue
  profit
  roas
  trialAccuracyRatio
  purchaseAccuracyRatio
  dataQualityScore
}`) as unknown as TypedDocumentString<DashboardOverviewQuery, DashboardOverviewQueryVariables>;
export const DashboardDocument = new TypedDocumentString(`
    query Dashboard($range: DateRangeInput!, $compareTo: DateRangeInput, $end: Date, $first: Int = 100) {
  campaigns(range: $range, compareTo: $compareTo, first: $first) {
    ...DashboardNode
    breakdown(by: COUNTRY, range: $range, compareTo: $compareTo) {
      value
      metrics {
        ...DashboardMetrics
      }
      comparison {
        ...DashboardMetrics
      }
    }
    adsets {
      ...DashboardNode
      ads {
        ...DashboardNode
      }
    }
  }
}
    fragment DashboardMetrics on Metrics {
  spend
  trials
  purchases
  metaTrials
  metaPurchases
  trialConversionRateEstimated
  trialConversionRateActual
  trialRefundRateEstimated
  purchaseRefundRateEstimated
  estimatedRevenue
  adjustedEstimatedRevenue
  profit
  roas
  trialAccuracyRatio
  purchaseAccuracyRatio
  dataQualityScore
}
fragment DashboardNode on AdEntity {
  id
  name
  metrics(range: $range) {
    ...DashboardMetrics
  }
  comparison(range: $compareTo) {
    ...DashboardMetrics
  }
  sparkline(metric: ROAS, days: 14, end: $end) {
    date
    value
  }
}`) as unknown as TypedDocumentString<DashboardQuery, DashboardQueryVariables>;
export const DataStatusDocument = new TypedDocumentString(`
    query DataStatus {
  dataStatus {
    asOf
    timezone
    lastRunAt
    firstDay
    lastDay
    campaigns
    adsets
    ads
    publishedAt
    completeThrough
    nextScheduledRun
    freshness {
      source
      newest
      ageSeconds
      status
    }
  }
}
    `) as unknown as TypedDocumentString<DataStatusQuery, DataStatusQueryVariables>;
export const EntityDocument = new TypedDocumentString(`
    query Entity($level: EntityLevel!, $id: ID!, $range: DateRangeInput!, $end: Date, $by: BreakdownDimension = COUNTRY, $metric: MetricField = ROAS, $days: Int = 14) {
  entity(level: $level, id: $id, range: $range) {
    __typename
    id
    level
    name
    nameHistory {
      name
      frequency
      firstSeen
      lastSeen
    }
    metrics(range: $range) {
      ...AllMetrics
    }
    breakdown(by: $by, range: $range) {
      dimension
      value
      metrics {
        ...AllMetrics
      }
    }
    sparkline(metric: $metric, days: $days, end: $end) {
      date
      value
    }
    daily(range: $range) {
      date
      level
      entityId
      metrics {
        spend
        trials
        roas
      }
    }
  }
}
    fragment AllMetrics on Metrics {
  spend
  impressions
  clicks
  metaTrials
  metaPurchases
  trials
  purchases
  postTrialUsers
  convertedUsers
  trialRefundUsers
  purchaseRefundUsers
  trialConversionRateEstimated
  trialConversionRateActual
  trialRefundRateEstimated
  trialRefundRateActual
  purchaseRefundRateEstimated
  purchaseRefundRateActual
  actualRevenue
  actualRefunds
  netActualRevenue
  estimatedRevenue
  adjustedEstimatedRevenue
  profit
  roas
  trialAccuracyRatio
  purchaseAccuracyRatio
  mixpanelCostPerTrial
  mixpanelCostPerPurchase
  metaCostPerTrial
  metaCostPerPurchase
  clickToTrialRate
  dataQualityScore
}`) as unknown as TypedDocumentString<EntityQuery, EntityQueryVariables>;
export const HierarchyDocument = new TypedDocumentString(`
    query Hierarchy($adIds: [ID!]) {
  hierarchy(adIds: $adIds) {
    adId
    adsetId
    campaignId
    confidence
    firstSeen
    lastSeen
  }
}
    `) as unknown as TypedDocumentString<HierarchyQuery, HierarchyQueryVariables>;
export const CanonicalNamesDocument = new TypedDocumentString(`
    query CanonicalNames($level: EntityLevel!, $ids: [ID!]!) {
  canonicalNames(level: $level, ids: $ids) {
    level
    id
    name
    frequency
    lastSeen
  }
}
    `) as unknown as TypedDocumentString<CanonicalNamesQuery, CanonicalNamesQueryVariables>;
export const OverviewDocument = new TypedDocumentString(`
    query Overview($range: DateRangeInput!, $metric: MetricField = SPEND, $days: Int) {
  overview(range: $range) {
    metrics {
      ...AllMetrics
      userIds(list: TRIAL)
    }
    sparkline(metric: $metric, days: $days) {
      date
      value
    }
  }
}
    fragment AllMetrics on Metrics {
  spend
  impressions
  clicks
  metaTrials
  metaPurchases
  trials
  purchases
  postTrialUsers
  convertedUsers
  trialRefundUsers
  purchaseRefundUsers
  trialConversionRateEstimated
  trialConversionRateActual
  trialRefundRateEstimated
  trialRefundRateActual
  purchaseRefundRateEstimated
  purchaseRefundRateActual
  actualRevenue
  actualRefunds
  netActualRevenue
  estimatedRevenue
  adjustedEstimatedRevenue
  profit
  roas
  trialAccuracyRatio
  purchaseAccuracyRatio
  mixpanelCostPerTrial
  mixpanelCostPerPurchase
  metaCostPerTrial
  metaCostPerPurchase
  clickToTrialRate
  dataQualityScore
}`) as unknown as TypedDocumentString<OverviewQuery, OverviewQueryVariables>;
export const PipelineRunProgressDocument = new TypedDocumentString(`
    subscription PipelineRunProgress($id: ID!) {
  pipelineRunProgress(id: $id) {
    ...PipelineRunFields
  }
}
    fragment PipelineRunFields on PipelineRun {
  id
  status
  startedAt
  finishedAt
  asOf
  timezone
  step
  progress
  error
}`) as unknown as TypedDocumentString<PipelineRunProgressSubscription, PipelineRunProgressSubscriptionVariables>;
export const PipelineRunsDocument = new TypedDocumentString(`
    query PipelineRuns($last: Int = 5) {
  pipelineRuns(last: $last) {
    ...PipelineRunFields
  }
}
    fragment PipelineRunFields on PipelineRun {
  id
  status
  startedAt
  finishedAt
  asOf
  timezone
  step
  progress
  error
}`) as unknown as TypedDocumentString<PipelineRunsQuery, PipelineRunsQueryVariables>;
export const RowUserListsDocument = new TypedDocumentString(`
    query RowUserLists($level: EntityLevel!, $id: ID!, $range: DateRangeInput!) {
  entity(level: $level, id: $id, range: $range) {
    id
    metrics(range: $range) {
      trials: userIds(list: TRIAL)
      converted: userIds(list: CONVERTED)
    }
  }
}
    `) as unknown as TypedDocumentString<RowUserListsQuery, RowUserListsQueryVariables>;
export const RunPipelineDocument = new TypedDocumentString(`
    mutation RunPipeline($asOf: Date, $timezone: String) {
  runPipeline(asOf: $asOf, timezone: $timezone) {
    ...PipelineRunFields
  }
}
    fragment PipelineRunFields on PipelineRun {
  id
  status
  startedAt
  finishedAt
  asOf
  timezone
  step
  progress
  error
}`) as unknown as TypedDocumentString<RunPipelineMutation, RunPipelineMutationVariables>;
export const TreeDocument = new TypedDocumentString(`
    query Tree($range: DateRangeInput!, $includeInactive: Boolean = false) {
  campaigns(range: $range, includeInactive: $includeInactive) {
    id
    level
    name
    adsets(includeInactive: $includeInactive) {
      id
      level
      name
      campaign {
        id
      }
      ads(includeInactive: $includeInactive) {
        id
        level
        name
        adset {
          id
        }
        campaign {
          id
        }
        hierarchyConfidence
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TreeQuery, TreeQueryVariables>;
export const UserIdsDocument = new TypedDocumentString(`
    query UserIds($level: EntityLevel!, $id: ID!, $range: DateRangeInput!, $list: UserList!) {
  entity(level: $level, id: $id, range: $range) {
    metrics(range: $range) {
      userIds(list: $list)
    }
    breakdown(by: COUNTRY, range: $range) {
      value
      metrics {
        userIds(list: $list)
      }
    }
    daily(range: $range) {
      date
      metrics {
        userIds(list: $list)
      }
    }
  }
}
    `) as unknown as TypedDocumentString<UserIdsQuery, UserIdsQueryVariables>;