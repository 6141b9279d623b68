/**
 * `meta-ads-manager`: the CSV or `.xlsx` tables Ads Manager's "Export table data" writes (English
 * headers as Ads Manager spells them) → the four ad_performance_daily tables, through the same
 * mapping of a Meta day row as `meta-insights` (meta-day.ts).
 */
import { FileFormatError } from '../format/records.ts';
import type { JsonObject } from '../format/json-values.ts';
import { INVALID, numberField, type Invalid } from './fields.ts';
import type { Mapper } from './mapper.ts';
import { mapMetaDay, META_DAY_TABLES, type KeptBreakdown, type MetaDayOptions, type MetaDayRow } from './meta-day.ts';

export interface MetaAdsManagerOptions extends MetaDayOptions {
  /** The result columns holding trials and purchases (--trial-column, --purchase-column). */
  trialColumn?: string;
  purchaseColumn?: string;
}

/** Ads Manager's headers, compared case-insensitively. */
const COLUMNS = {
  adId: 'Ad ID',
  adsetId: 'Ad set ID',
  campaignId: 'Campaign ID',
  adName: 'Ad name',
  adsetName: 'Ad set name',
  campaignName: 'Campaign name',
  day: 'Day',
  starts: 'Reporting starts',
  ends: 'Reporting ends',
  impressions: 'Impressions',
} as const;
/** Clicks (all) is the Insights API's `clicks`; Link clicks stands in when it is the only one. */
const CLICK_COLUMNS = ['Clicks (all)', 'Link clicks'];
const SPEND_COLUMN = /^Amount spent \(([A-Z]{3})\)$/i;

const KEPT_BREAKDOWNS: Readonly<Record<string, KeptBreakdown>> = { country: 'country', region: 'region', 'impression device': 'device' };
/** Ads Manager's other breakdown columns (Breakdown menu: By delivery, By time of day). */
const OTHER_BREAKDOWNS = new Set(['age', 'gender', 'platform', 'placement', 'device platform', 'dma region', 'business locations', 'product id']);
const isOtherBreakdown = (header: string) => OTHER_BREAKDOWNS.has(header) || header.startsWith('time of day');

/** Ads Manager shows impression devices as words ("iPhone", "Android smartphone"); the API's values are these. */
const IMPRESSION_DEVICES = new Set(['iphone', 'ipad', 'ipod', 'android_smartphone', 'android_tablet', 'desktop', 'other']);
const apiDevice = (value: unknown) => {
  if (typeof value !== 'string') return value;
  const spelled = value.trim().toLowerCase().replace(/\s+/g, '_');
  return IMPRESSION_DEVICES.has(spelled) ? spelled : value;
};

/** `1,234.50` → `1234.50`: thousands separators as Ads Manager writes them in English. */
const THOUSANDS = /^\s*-?\d{1,3}(?:,\d{3})+(?:\.\d+)?\s*$/;
const withoutSeparators = (value: unknown) => (typeof value === 'string' && THOUSANDS.test(value) ? value.replace(/,/g, '') : value);

/** A spreadsheet may have turned an id into a number, losing digits beyond 2^53: such an id is unusable. */
const idValue = (value: unknown) => (typeof value === 'number' && !Number.isSafeInteger(value) ? INVALID : value);

/** Where each field is in one export's header (all records of a file share it). */
interface Layout {
  header: ReadonlyMap<string, string>;
  spend?: { column: string; currency: string };
  clicks?: string;
  breakdowns: readonly { breakdown: KeptBreakdown; column: string }[];
  otherBreakdowns: readonly string[];
}

function layoutOf(record: JsonObject, options: MetaAdsManagerOptions): Layout {
  const names = Object.keys(record);
  const header = new Map(names.map((name) => [name.trim().toLowerCase(), name]));
  const has = (name: string) => header.has(name.toLowerCase());
  if (!has(COLUMNS.adId)) {
    throw new FileFormatError(
      `an Ads Manager export without ids: in Ads Manager choose Columns → Customize columns…, add "${COLUMNS.adId}", "${COLUMNS.adsetId}" and "${COLUMNS.campaignId}", and export again`,
    );
  }
  if (!has(COLUMNS.day) && !(has(COLUMNS.starts) && has(COLUMNS.ends))) {
    throw new FileFormatError(`an Ads Manager export without days: choose Breakdown → By time → Day in Ads Manager (a "${COLUMNS.day}" column), and export again`);
  }
  for (const [flag, column] of [['--trial-column', options.trialColumn], ['--purchase-column', options.purchaseColumn]] as const) {
    if (column !== undefined && !has(column)) throw new FileFormatError(`no column "${column}" (${flag}) in this export; its columns: ${names.join(', ')}`);
  }
  const spendColumn = names.find((name) => SPEND_COLUMN.test(name.trim()));
  return {
    header,
    spend: spendColumn === undefined ? undefined : { column: spendColumn, currency: SPEND_COLUMN.exec(spendColumn.trim())![1]!.toUpperCase() },
    clicks: CLICK_COLUMNS.map((name) => header.get(name.toLowerCase())).find((name) => name !== undefined),
    breakdowns: [...header].filter(([lower]) => Object.hasOwn(KEPT_BREAKDOWNS, lower)).map(([lower, column]) => ({ breakdown: KEPT_BREAKDOWNS[lower]!, column })),
    otherBreakdowns: [...header].filter(([lower]) => isOtherBreakdown(lower)).map(([, column]) => column),
  };
}

/** A result column's count: Ads Manager leaves the cell empty when there were none. */
function resultCount(record: JsonObject, column: string | undefined): number | null | Invalid {
  if (column === undefined) return null;
  const value = withoutSeparators(record[column]);
  return value === undefined || value === null || value === '' ? 0 : numberField(value);
}

export function metaAdsManagerMapper(options: MetaAdsManagerOptions): Mapper {
  let layout: { keys: string; layout: Layout } | undefined;
  /** The layout of the record's export, worked out once per header. */
  const layoutFor = (record: JsonObject) => {
    const keys = Object.keys(record).join('\n');
    if (layout?.keys !== keys) layout = { keys, layout: layoutOf(record, options) };
    return layout.layout;
  };
  return {
    kind: 'meta-ads-manager',
    shape: 'Ads Manager table exports with "Ad ID", "Reporting starts" or "Day", "Amount spent (USD)" columns',
    tables: META_DAY_TABLES,
    hasShape: (record) => Object.keys(record).some((name) => /^(reporting starts|reporting ends|ad id|ad name|amount spent \(...\))$/i.test(name.trim())),
    map(record) {
      const { header, spend, clicks, breakdowns, otherBreakdowns } = layoutFor(record);
      const column = (name: string) => header.get(name.toLowerCase());
      const field = (name: string, read: (value: unknown) => unknown = (value) => value) => {
        const actual = column(name);
        return { name, value: actual === undefined ? undefined : read(record[actual]) };
      };
      const day = field(COLUMNS.day);
      const resultColumn = (name: string | undefined) => (name === undefined ? undefined : column(name));
      const row: MetaDayRow = {
        adId: field(COLUMNS.adId, idValue),
        // A Day column makes every row daily; else the reporting period must be one day.
        date: column(COLUMNS.day) !== undefined ? day : field(COLUMNS.starts),
        dateStop: column(COLUMNS.day) !== undefined ? undefined : field(COLUMNS.ends).value,
        adsetId: field(COLUMNS.adsetId, idValue),
        campaignId: field(COLUMNS.campaignId, idValue),
        adName: field(COLUMNS.adName),
        adsetName: field(COLUMNS.adsetName),
        campaignName: field(COLUMNS.campaignName),
        currency: spend?.currency,
        spend: spend === undefined ? undefined : withoutSeparators(record[spend.column]),
        impressions: field(COLUMNS.impressions, withoutSeparators).value,
        clicks: clicks === undefined ? undefined : withoutSeparators(record[clicks]),
        trials: resultCount(record, resultColumn(options.trialColumn)),
        purchases: resultCount(record, resultColumn(options.purchaseColumn)),
        breakdowns: breakdowns.map(({ breakdown, column: name }) => ({
          breakdown,
          // An empty cell is no value (CSV has no other way to leave one out).
          field: { name, value: record[name] === '' ? undefined : breakdown === 'device' ? apiDevice(record[name]) : record[name] },
        })),
        otherBreakdowns,
      };
      return mapMetaDay(row, options);
    },
  };
}
