/**
 * Typed definitions of the source tables (../shared/spec/source-data.md). The pipeline reads only
 * these columns; the validator checks them and the demo generator writes them.
 */
import { integer, primaryKey, real, sqliteTable, text, type SQLiteTable } from 'drizzle-orm/sqlite-core';

function adPerformanceColumns() {
  return {
    adId: text('ad_id').notNull(),
    date: text('date').notNull(),
    adsetId: text('adset_id'),
    campaignId: text('campaign_id'),
    adName: text('ad_name'),
    adsetName: text('adset_name'),
    campaignName: text('campaign_name'),
    spend: real('spend'),
    impressions: integer('impressions'),
    clicks: integer('clicks'),
    metaTrials: integer('meta_trials'),
    metaPurchases: integer('meta_purchases'),
  };
}

export const adPerformanceDaily = sqliteTable('ad_performance_daily', adPerformanceColumns(), (t) => [
  primaryKey({ columns: [t.adId, t.date] }),
]);
export const adPerformanceDailyCountry = sqliteTable(
  'ad_performance_daily_country',
  { ...adPerformanceColumns(), country: text('country').notNull() },
  (t) => [primaryKey({ columns: [t.adId, t.date, t.country] })],
);
export const adPerformanceDailyRegion = sqliteTable(
  'ad_performance_daily_region',
  { ...adPerformanceColumns(), region: text('region').notNull() },
  (t) => [primaryKey({ columns: [t.adId, t.date, t.region] })],
);
export const adPerformanceDailyDevice = sqliteTable(
  'ad_performance_daily_device',
  { ...adPerformanceColumns(), device: text('device').notNull() },
  (t) => [primaryKey({ columns: [t.adId, t.date, t.device] })],
);

export const mixpanelUser = sqliteTable('mixpanel_user', {
  distinctId: text('distinct_id').primaryKey(),
  abiAdId: text('abi_ad_id'),
  abiAdSetId: text('abi_ad_set_id'),
  abiCampaignId: text('abi_campaign_id'),
  hasAbiAttribution: integer('has_abi_attribution').notNull().default(0),
  country: text('country'),
  region: text('region'),
  firstSeen: text('first_seen'),
});

export const mixpanelEvent = sqliteTable('mixpanel_event', {
  eventUuid: text('event_uuid').primaryKey(),
  distinctId: text('distinct_id').notNull(),
  eventName: text('event_name').notNull(),
  eventTime: text('event_time').notNull(),
  productId: text('product_id'),
  store: text('store'),
  revenueUsd: real('revenue_usd'),
});

export const userProductMetrics = sqliteTable(
  'user_product_metrics',
  {
    distinctId: text('distinct_id').notNull(),
    productId: text('product_id').notNull(),
    currentValue: real('current_value').notNull(),
    trialConversionRate: real('trial_conversion_rate'),
    trialConvertedToRefundRate: real('trial_converted_to_refund_rate'),
    initialPurchaseToRefundRate: real('initial_purchase_to_refund_rate'),
    store: text('store'),
  },
  (t) => [primaryKey({ columns: [t.distinctId, t.productId] })],
);

export const breakdownValueMapping = sqliteTable(
  'breakdown_value_mapping',
  {
    dimension: text('dimension').notNull(),
    source: text('source').notNull(),
    sourceValue: text('source_value').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dimension, t.source, t.sourceValue] })],
);

/** The source tables every run needs, by name (source-data.md). */
export type RequiredSourceTableName =
  | 'ad_performance_daily'
  | 'ad_performance_daily_country'
  | 'ad_performance_daily_region'
  | 'ad_performance_daily_device'
  | 'mixpanel_user'
  | 'mixpanel_event'
  | 'user_product_metrics';
export type SourceTableName = RequiredSourceTableName | 'breakdown_value_mapping';

export const REQUIRED_SOURCE_TABLES: readonly SQLiteTable[] = [
  adPerformanceDaily,
  adPerformanceDailyCountry,
  adPerformanceDailyRegion,
  adPerformanceDailyDevice,
  mixpanelUser,
  mixpanelEvent,
  userProductMetrics,
];
export const OPTIONAL_SOURCE_TABLES: readonly SQLiteTable[] = [breakdownValueMapping];
export const ALL_SOURCE_TABLES: readonly SQLiteTable[] = [...REQUIRED_SOURCE_TABLES, ...OPTIONAL_SOURCE_TABLES];
