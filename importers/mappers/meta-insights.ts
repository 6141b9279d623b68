/**
 * `meta-insights`: Meta Marketing API Insights rows (level=ad, time_increment=1) → the four
 * ad_performance_daily tables, by the row's breakdown field (the mapping itself: meta-day.ts).
 */
import { isJsonObject, type JsonObject } from '../format/json-values.ts';
import { INVALID, numberField, type Invalid } from './fields.ts';
import type { Mapper } from './mapper.ts';
import { mapMetaDay, META_DAY_TABLES, type KeptBreakdown, type MetaDayOptions } from './meta-day.ts';

export interface MetaInsightsOptions extends MetaDayOptions {
  trialActions: readonly string[];
  purchaseActions: readonly string[];
}

export const DEFAULT_TRIAL_ACTIONS = ['start_trial_mobile_app'];
export const DEFAULT_PURCHASE_ACTIONS = ['app_custom_event.fb_mobile_purchase'];

/** The breakdown fields kept, by their name in an Insights row. */
const KEPT_BREAKDOWNS: Readonly<Record<string, KeptBreakdown>> = { country: 'country', region: 'region', impression_device: 'device' };

/**
 * The other breakdowns the Insights API documents (the `breakdowns` parameter's values), each
 * returned as a top-level field of the row. Asset breakdowns (`*_asset`) and the hourly ones
 * (`hourly_stats_*`) are matched by their pattern, since Meta keeps adding to both families.
 */
const OTHER_BREAKDOWNS = new Set([
  'age', 'gender', 'dma', 'device_platform', 'publisher_platform', 'platform_position', 'placement',
  'frequency_value', 'place_page_id', 'product_id', 'app_id', 'user_segment_key', 'mmm',
  'skan_campaign_id', 'skan_conversion_id', 'is_conversion_id_modeled', 'coarse_conversion_value',
  'fidelity_type', 'hsid', 'postback_sequence_index', 'redownload', 'conversion_destination',
  'signal_source_bucket', 'standard_event_content_type', 'marketing_messages_btn_name',
  'media_asset_url', 'comscore_market', 'comscore_market_code', 'breakdown_reporting_ad_id',
  'landing_destination', 'user_persona_id', 'user_persona_name',
]);
const isOtherBreakdown = (field: string) => OTHER_BREAKDOWNS.has(field) || field.startsWith('hourly_stats_') || field.endsWith('_asset');

/** Action types Meta reports for the same purchases (source-data.md, meta-insights). */
const PURCHASE_FAMILY = new Set(['omni_purchase', 'purchase', 'app_custom_event.fb_mobile_purchase']);

/** Whether a row reporting both types counts the same actions twice when they are summed. */
function overlap(a: string, b: string): boolean {
  if (PURCHASE_FAMILY.has(a) && PURCHASE_FAMILY.has(b)) return true;
  const partOfTotal = (total: string, part: string) => total.endsWith('_total') && part.startsWith(total.slice(0, -'total'.length));
  return partOfTotal(a, b) || partOfTotal(b, a);
}

/** Pairs of a list that can overlap, found once when the options are read. */
const overlappingPairs = (types: readonly string[]) =>
  types.flatMap((a, i) => types.slice(i + 1).filter((b) => overlap(a, b)).map((b) => [a, b] as const));

const entriesOf = (list: unknown): JsonObject[] => (Array.isArray(list) ? list.filter(isJsonObject) : []);

/** A row's `actions` entries of a type, else its `conversions` entries of that type. */
function entriesOfType(row: JsonObject, type: string): JsonObject[] {
  const entries = entriesOf(row.actions).filter((entry) => entry.action_type === type);
  return entries.length > 0 ? entries : entriesOf(row.conversions).filter((entry) => entry.action_type === type);
}

/** The sum of `value` over the row's entries of the listed types; 0 when no listed type is present. */
function actionTotal(row: JsonObject, types: readonly string[]): number | Invalid {
  let total = 0;
  for (const type of types) {
    for (const entry of entriesOfType(row, type)) {
      const value = numberField(entry.value);
      if (value === INVALID) return INVALID;
      total += value ?? 0;
    }
  }
  return total;
}

export function metaInsightsMapper(options: MetaInsightsOptions): Mapper {
  const lists = [
    { flag: '--trial-actions', pairs: overlappingPairs(options.trialActions) },
    { flag: '--purchase-actions', pairs: overlappingPairs(options.purchaseActions) },
  ];
  /** Notes on listed types this row reports with overlapping meaning: each still summed as told. */
  const overlapNotes = (row: JsonObject) =>
    lists.flatMap(({ flag, pairs }) =>
      pairs
        .filter(([a, b]) => entriesOfType(row, a).length > 0 && entriesOfType(row, b).length > 0)
        .map(([a, b]) => `${flag} lists ${a} and ${b}, which count the same actions: summed as told`),
    );
  return {
    kind: 'meta-insights',
    shape: 'Insights rows at level=ad with ad_id and date_start',
    tables: META_DAY_TABLES,
    hasShape: (row) => 'ad_id' in row || 'date_start' in row,
    map(row) {
      const field = (name: string) => ({ name, value: row[name] });
      const fields = Object.keys(row);
      const result = mapMetaDay(
        {
          adId: field('ad_id'),
          date: field('date_start'),
          dateStop: row.date_stop,
          adsetId: field('adset_id'),
          campaignId: field('campaign_id'),
          adName: field('ad_name'),
          adsetName: field('adset_name'),
          campaignName: field('campaign_name'),
          currency: typeof row.account_currency === 'string' ? row.account_currency : undefined,
          spend: row.spend,
          impressions: row.impressions,
          clicks: row.clicks,
          trials: actionTotal(row, options.trialActions),
          purchases: actionTotal(row, options.purchaseActions),
          breakdowns: fields.filter((name) => Object.hasOwn(KEPT_BREAKDOWNS, name) && row[name] !== undefined).map((name) => ({ breakdown: KEPT_BREAKDOWNS[name]!, field: field(name) })),
          otherBreakdowns: fields.filter(isOtherBreakdown),
        },
        options,
      );
      const notes = 'skip' in result ? [] : overlapNotes(row);
      return notes.length > 0 ? { ...result, notes } : result;
    },
  };
}
