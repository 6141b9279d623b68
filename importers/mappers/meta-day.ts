/**
 * One Meta day row (one ad, one day, maybe one breakdown value) → a row of the four
 * ad_performance_daily tables. Shared by both Meta readers: `meta-insights` (API rows) and
 * `meta-ads-manager` (Ads Manager's exported tables), which only differ in how fields are named.
 */
import type { SqlValue } from '../sink/sink.ts';
import type { SourceTableName } from '../tables.ts';
import { INVALID, idField, isCalendarDate, numberField, textField, type Invalid } from './fields.ts';
import { filtered, malformed, type MapResult } from './mapper.ts';

/** The three breakdowns the source tables keep, by their table. */
export type KeptBreakdown = 'country' | 'region' | 'device';

const BREAKDOWN_TABLES: Record<KeptBreakdown, SourceTableName> = {
  country: 'ad_performance_daily_country',
  region: 'ad_performance_daily_region',
  device: 'ad_performance_daily_device',
};

export const META_DAY_TABLES: readonly SourceTableName[] = ['ad_performance_daily', ...Object.values(BREAKDOWN_TABLES)];

/** A field of the day row: its value and its name in the export, for the skip reasons. */
export interface Field {
  name: string;
  value: unknown;
}

export interface MetaDayRow {
  adId: Field;
  /** The reporting day, and the end of the reported period when the export gives one. */
  date: Field;
  dateStop?: unknown;
  adsetId: Field;
  campaignId: Field;
  adName: Field;
  adsetName: Field;
  campaignName: Field;
  /** Currency code of the spend; absent means USD. */
  currency?: string;
  spend: unknown;
  impressions: unknown;
  clicks: unknown;
  /** Counted by the reader (actions or a result column); NULL when unknown. */
  trials: number | null | Invalid;
  purchases: number | null | Invalid;
  /** Kept breakdowns present in the row, with their value. */
  breakdowns: readonly { breakdown: KeptBreakdown; field: Field }[];
  /** Names of any other breakdown present in the row (age, publisher_platform, …). */
  otherBreakdowns: readonly string[];
}

export interface MetaDayOptions {
  /** Currency code (upper case) → USD value of one unit. */
  usdRates: ReadonlyMap<string, number>;
}

/** Checks run in the order of the target table's columns (ad_id, date, ids, names, numbers, breakdown). */
export function mapMetaDay(row: MetaDayRow, options: MetaDayOptions): MapResult {
  const adId = idField(row.adId.value);
  if (adId === INVALID) return malformed(`bad ${row.adId.name}`);
  if (adId === null) return malformed(`no ${row.adId.name}`);
  if (row.date.value === undefined || row.date.value === null || row.date.value === '') return malformed(`no ${row.date.name}`);
  if (!isCalendarDate(row.date.value)) return malformed('bad date');
  if (row.dateStop !== undefined && row.dateStop !== null && row.dateStop !== row.date.value) return malformed('not a daily row');
  const ids = [row.adsetId, row.campaignId].map((field) => ({ field, value: idField(field.value) }));
  const badId = ids.find((id) => id.value === INVALID);
  if (badId) return malformed(`bad ${badId.field.name}`);
  const names = [row.adName, row.adsetName, row.campaignName].map((field) => ({ field, value: textField(field.value) }));
  const badName = names.find((name) => name.value === INVALID);
  if (badName) return malformed(`bad ${badName.field.name}`);

  let usdRate = 1;
  const currency = row.currency?.trim().toUpperCase();
  if (currency !== undefined && currency !== 'USD') {
    const rate = options.usdRates.get(currency);
    if (rate === undefined) return filtered(`currency ${currency}`);
    usdRate = rate;
  }
  const spend = numberField(row.spend);
  const impressions = numberField(row.impressions, { integer: true });
  const clicks = numberField(row.clicks, { integer: true });
  if (spend === INVALID || impressions === INVALID || clicks === INVALID) return malformed('bad number');
  // Meta returns no actions for the region breakdown: there the counts are unknown, not 0.
  const isRegion = row.breakdowns.length === 1 && row.breakdowns[0]!.breakdown === 'region';
  const trials = isRegion ? null : row.trials;
  const purchases = isRegion ? null : row.purchases;
  if (trials === INVALID || purchases === INVALID) return malformed('bad number');

  // A row split by another breakdown (placement, age, …) is a part of the day: stored, it would
  // replace the day's whole row under the same key (source-data.md, meta-insights breakdown column).
  const other = row.otherBreakdowns[0];
  if (other !== undefined) return malformed(`other breakdown: ${other}`);
  if (row.breakdowns.length > 1) return malformed('several breakdowns');
  const columns: Record<string, SqlValue> = {
    ad_id: adId,
    date: row.date.value,
    adset_id: ids[0]!.value as string | null,
    campaign_id: ids[1]!.value as string | null,
    ad_name: names[0]!.value as string | null,
    adset_name: names[1]!.value as string | null,
    campaign_name: names[2]!.value as string | null,
    spend: spend === null ? null : spend * usdRate,
    impressions,
    clicks,
    meta_trials: trials,
    meta_purchases: purchases,
  };
  const kept = row.breakdowns[0];
  if (!kept) return { table: 'ad_performance_daily', columns };
  const value = textField(kept.field.value);
  if (value === INVALID) return malformed(`bad ${kept.field.name}`);
  if (value === null) return malformed(`no ${kept.field.name}`);
  return { table: BREAKDOWN_TABLES[kept.breakdown], columns: { ...columns, [kept.breakdown]: value } };
}
