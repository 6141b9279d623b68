/**
 * `meta-insights`: Meta Marketing API Insights rows (level=ad, time_increment=1) → the four
 * ad_performance_daily tables, by the row's breakdown field.
 */
import { isJsonObject, type JsonObject } from '../format/json-values.ts';
import type { SqlValue } from '../sink/sink.ts';
import type { SourceTableName } from '../tables.ts';
import { INVALID, idField, isCalendarDate, numberField, textField, type Invalid } from './fields.ts';
import { filtered, malformed, type MapResult, type Mapper } from './mapper.ts';

export interface MetaInsightsOptions {
  trialActions: readonly string[];
  purchaseActions: readonly string[];
  /** Currency code (upper case) → USD value of one unit. */
  usdRates: ReadonlyMap<string, number>;
}

export const DEFAULT_TRIAL_ACTIONS = ['start_trial_mobile_app'];
export const DEFAULT_PURCHASE_ACTIONS = ['app_custom_event.fb_mobile_purchase'];

/** Breakdown field of the row → its table. */
const BREAKDOWNS: readonly { field: string; table: SourceTableName; column: string }[] = [
  { field: 'country', table: 'ad_performance_daily_country', column: 'country' },
  { field: 'region', table: 'ad_performance_daily_region', column: 'region' },
  { field: 'impression_device', table: 'ad_performance_daily_device', column: 'device' },
];

const entriesOf = (list: unknown): JsonObject[] => (Array.isArray(list) ? list.filter(isJsonObject) : []);

/**
 * The sum of `value` over the row's `actions` of the listed types; a type missing from `actions`
 * is taken from `conversions` when it is there; 0 when no listed type is present.
 */
function actionTotal(row: JsonObject, types: readonly string[]): number | Invalid {
  const actions = entriesOf(row.actions);
  const conversions = entriesOf(row.conversions);
  let total = 0;
  for (const type of types) {
    let entries = actions.filter((entry) => entry.action_type === type);
    if (entries.length === 0) entries = conversions.filter((entry) => entry.action_type === type);
    for (const entry of entries) {
      const value = numberField(entry.value);
      if (value === INVALID) return INVALID;
      total += value ?? 0;
    }
  }
  return total;
}

export function metaInsightsMapper(options: MetaInsightsOptions): Mapper {
  return {
    kind: 'meta-insights',
    shape: 'Insights rows at level=ad with ad_id and date_start',
    tables: ['ad_performance_daily', ...BREAKDOWNS.map((b) => b.table)],
    hasShape: (row) => 'ad_id' in row || 'date_start' in row,
    map(row): MapResult {
      const breakdowns = BREAKDOWNS.filter((b) => row[b.field] !== undefined);
      const adId = idField(row.ad_id);
      if (adId === INVALID) return malformed('bad ad_id');
      if (adId === null) return malformed('no ad_id');
      if (row.date_start === undefined || row.date_start === null) return malformed('no date_start');
      if (!isCalendarDate(row.date_start)) return malformed('bad date');
      if (row.date_stop !== undefined && row.date_stop !== null && row.date_stop !== row.date_start) return malformed('not a daily row');
      const ids = [idField(row.adset_id), idField(row.campaign_id)];
      if (ids[0] === INVALID) return malformed('bad adset_id');
      if (ids[1] === INVALID) return malformed('bad campaign_id');
      const names = [textField(row.ad_name), textField(row.adset_name), textField(row.campaign_name)];
      const badName = names.indexOf(INVALID);
      if (badName >= 0) return malformed(`bad ${['ad_name', 'adset_name', 'campaign_name'][badName]}`);

      let usdRate = 1;
      const currency = typeof row.account_currency === 'string' ? row.account_currency.trim().toUpperCase() : undefined;
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
      const isRegion = breakdowns.length === 1 && breakdowns[0]!.field === 'region';
      const trials = isRegion ? null : actionTotal(row, options.trialActions);
      const purchases = isRegion ? null : actionTotal(row, options.purchaseActions);
      if (trials === INVALID || purchases === INVALID) return malformed('bad number');

      if (breakdowns.length > 1) return malformed('several breakdowns');
      const columns: Record<string, SqlValue> = {
        ad_id: adId,
        date: row.date_start,
        adset_id: ids[0] as string | null,
        campaign_id: ids[1] as string | null,
        ad_name: names[0] as string | null,
        adset_name: names[1] as string | null,
        campaign_name: names[2] as string | null,
        spend: spend === null ? null : spend * usdRate,
        impressions,
        clicks,
        meta_trials: trials,
        meta_purchases: purchases,
      };
      const breakdown = breakdowns[0];
      if (!breakdown) return { table: 'ad_performance_daily', columns };
      const value = textField(row[breakdown.field]);
      if (value === INVALID) return malformed(`bad ${breakdown.field}`);
      if (value === null) return malformed(`no ${breakdown.field}`);
      return { table: breakdown.table, columns: { ...columns, [breakdown.column]: value } };
    },
  };
}
