/**
 * End to end: hand-made Meta and Mixpanel export files (pages, JSON lines, gzip, CSV; every mapping
 * rule of source-data.md "Importing real exports") are imported, the pipeline runs in the ad
 * account's time zone, and the API's numbers are checked against values worked out by hand
 * (metrics.md rules cited at each).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../importers/command.ts';
import type { FileSummary } from '../../importers/run.ts';
import { runPipeline } from '../../pipeline/run.ts';
import { createApi, type Api } from '../../src/server.ts';
import { useTempDir } from '../fixtures/source-db.ts';

const tempDir = useTempDir('import-e2e-');

// Meta ids have 18 digits: the pages give them as JSON numbers, Mixpanel profiles as text.
const CAMPAIGN = '238546957592005001';
const ADSET = '238546957592005101';
const AD_1 = '238546957592005201';
const AD_2 = '238546957592005202';
const ids = `"campaign_id": ${CAMPAIGN}, "adset_id": ${ADSET}, "campaign_name": "Summer", "adset_name": "Broad"`;
const page = (rows: string[], next?: string) => `{"data": [\n${rows.join(',\n')}\n], "paging": {"cursors": {"before": "MA", "after": "MQ"}${next ? `, "next": "${next}"` : ''}}}`;
const trial = (value: number) => `{"action_type": "start_trial_mobile_app", "value": "${value}"}`;
const purchase = (value: number) => `{"action_type": "app_custom_event.fb_mobile_purchase", "value": "${value}"}`;
const day = (date: string) => `"date_start": "${date}", "date_stop": "${date}"`;

const FILES: Record<string, string> = {
  // Plain report, two pages. A1 on 06-02 has its purchase only in `conversions` (taken from there).
  'meta/ad/page-0001.json': page(
    [
      `{"account_currency": "USD", "ad_id": ${AD_1}, ${ids}, "ad_name": "Spring sale", ${day('2025-06-01')}, "spend": "10.00", "impressions": "1000", "clicks": "50", "actions": [${trial(2)}, ${purchase(1)}, {"action_type": "link_click", "value": "50"}]}`,
      `{"account_currency": "USD", "ad_id": ${AD_1}, ${ids}, "ad_name": "  Spring sale ", ${day('2025-06-02')}, "spend": "20.00", "impressions": "2000", "clicks": "80", "actions": [${trial(3)}], "conversions": [${purchase(1)}]}`,
    ],
    'https://graph.facebook.com/v23.0/rr-1/insights?after=MQ',
  ),
  'meta/ad/page-0002.json': page([
    // A weekly row is not a daily row: skipped.
    `{"account_currency": "USD", "ad_id": ${AD_1}, ${ids}, "date_start": "2025-06-01", "date_stop": "2025-06-07", "spend": "999"}`,
  ]),
  'meta/country/page-0001.json': page([
    `{"account_currency": "USD", "ad_id": ${AD_1}, ${ids}, ${day('2025-06-01')}, "country": "US", "spend": "6", "impressions": "600", "clicks": "30", "actions": [${trial(1)}, ${purchase(1)}]}`,
    `{"account_currency": "USD", "ad_id": ${AD_1}, ${ids}, ${day('2025-06-01')}, "country": "DE", "spend": "4", "impressions": "400", "clicks": "20", "actions": [${trial(1)}]}`,
  ]),
  'meta/region/page-0001.json.gz': page([`{"account_currency": "USD", "ad_id": ${AD_1}, ${ids}, ${day('2025-06-01')}, "region": "California", "spend": "6", "impressions": "600", "clicks": "30"}`]),
  'meta/impression_device/rows.jsonl': `{"account_currency": "USD", "ad_id": "${AD_1}", "adset_id": "${ADSET}", "campaign_id": "${CAMPAIGN}", ${day('2025-06-01')}, "impression_device": "iphone", "spend": "10", "impressions": "1000", "clicks": "50", "actions": [${trial(2)}]}\n`,
  // A second ad account reporting in euros.
  'meta-eur/page-0001.json': page([`{"account_currency": "EUR", "ad_id": ${AD_2}, ${ids}, "ad_name": "Autumn", ${day('2025-06-01')}, "spend": "5.00", "impressions": "500", "clicks": "10"}`]),

  'profiles/engage-0001.json': JSON.stringify({
    page: 0,
    page_size: 1000,
    session_id: 's',
    status: 'ok',
    total: 4,
    results: [
      { $distinct_id: 'u1', $properties: { 'abi_~ad_id': AD_1, 'abi_~ad_set_id': ADSET, 'abi_~campaign_id': CAMPAIGN, 'abi_~advertising_partner_name': 'Facebook', $country_code: 'US', $created: '2025-06-01T13:00:00' } },
      // Only the ad: adset and campaign come from the hierarchy (M8).
      { $distinct_id: 'u2', $properties: { 'abi_~ad_id': AD_1, mp_country_code: 'US' } },
      // Another ad network: not attributed.
      { $distinct_id: 'u3', $properties: { 'abi_~ad_id': AD_1, 'abi_~advertising_partner_name': 'Google AdWords', $country_code: 'US' } },
      { $distinct_id: 'u4', $properties: { 'abi_~ad_id': AD_2, 'abi_~advertising_partner_name': 'Instagram', $country_code: 'DE' } },
    ],
  }),
  'profiles/people.jsonl': `{"distinct_id": "u5", "properties": {"abi_~ad_id": ${AD_2}, "abi_~advertising_partner_name": "Meta", "$country_code": "DE"}}\n`,

  'events/export.jsonl': [
    JSON.stringify({ event: 'RC Trial started', properties: { time: Date.parse('2025-06-01T14:00:00Z') / 1000, distinct_id: 'u1', $insert_id: 'e1', product_id: 'yearly', store: 'APP_STORE', environment: 'PRODUCTION' } }),
    // 03:00 UTC on 06-02 is 23:00 on 06-01 in New York: a purchase of 06-01 (M2).
    JSON.stringify({ event: 'RC Initial purchase', properties: { time: Date.parse('2025-06-02T03:00:00Z') / 1000, distinct_id: 'u2', $insert_id: 'e2', product_id: 'monthly', store: 'APP_STORE', revenue: 9.99 } }),
    JSON.stringify({ event: 'RC Trial started', properties: { time: Date.parse('2025-06-01T15:00:00Z') / 1000, distinct_id: 'u3', $insert_id: 'e3', product_id: 'yearly' } }),
    JSON.stringify({ event: 'RC Initial purchase', properties: { time: Date.parse('2025-06-01T16:00:00Z') / 1000, distinct_id: 'u4', $insert_id: 'e4', product_id: 'monthly', revenue: 9.99, environment: 'SANDBOX' } }),
    JSON.stringify({ event: 'Paywall viewed', properties: { time: Date.parse('2025-06-01T16:00:00Z') / 1000, distinct_id: 'u4', $insert_id: 'e5' } }),
    // Data-pipeline form, milliseconds, no insert id (event_uuid derived).
    JSON.stringify({ event_name: 'RC Initial purchase', distinct_id: 'u4', time: Date.parse('2025-06-01T17:00:00Z'), properties: { product_id: 'monthly', store: 'PLAY_STORE', revenue: 19.99, environment: 'PRODUCTION' } }),
    JSON.stringify({ event_name: 'RC Trial converted', distinct_id: 'u1', time: Date.parse('2025-06-08T15:00:00Z') / 1000, properties: { product_id: 'yearly', store: 'APP_STORE', revenue: 49.99 } }),
  ].join('\n'),
  // The same first event again in a later export: one row.
  'events/export2.jsonl.gz': JSON.stringify({ event: 'RC Trial started', properties: { time: Date.parse('2025-06-01T14:00:00Z') / 1000, distinct_id: 'u1', $insert_id: 'e1', product_id: 'yearly', store: 'APP_STORE', environment: 'PRODUCTION' } }),
  // An old project exporting New York wall-clock time: 01:30 on 06-02 there (05:30 UTC).
  'events-project-time/old.jsonl': JSON.stringify({ event: 'RC Trial started', properties: { time: Date.parse('2025-06-02T01:30:00Z') / 1000, distinct_id: 'u5', $insert_id: 'e8', product_id: 'yearly' } }),

  'values/user-product-metrics.csv': 'distinct_id,product_id,current_value,trial_conversion_rate,trial_converted_to_refund_rate,initial_purchase_to_refund_rate,store\nu1,yearly,60,0.4,,,APP_STORE\nu2,monthly,12,,,0.1,APP_STORE\nu4,monthly,25,,,,PLAY_STORE\nu5,yearly,30,0.5,,,APP_STORE\n',
};

let api: Api;
const summaries: FileSummary[] = [];
const source = { into: '' };

beforeAll(async () => {
  const dir = tempDir();
  for (const [name, content] of Object.entries(FILES)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, name.endsWith('.gz') ? gzipSync(content) : content);
  }
  source.into = join(dir, 'source.sqlite');
  const imports: [string, string, ...string[]][] = [
    ['meta-insights', 'meta'],
    ['meta-insights', 'meta-eur', '--usd-rate', 'EUR=1.2'],
    ['mixpanel-profiles', 'profiles'],
    ['mixpanel-events', 'events'],
    ['mixpanel-events', 'events-project-time', '--project-timezone', 'America/New_York'],
    ['user-product-metrics', 'values'],
  ];
  for (const [kind, folder, ...options] of imports) {
    summaries.push(...(await runImport([kind, join(dir, folder), '--into', source.into, ...options], { env: {} })));
  }
  const appDbPath = join(dir, 'app.sqlite');
  // The ad account's time zone (what `npm run fetch -- meta-insights` reports).
  await runPipeline({ sources: [source.into], appDbPath, asOf: '2025-06-30', timezone: 'America/New_York', eventNames: {} });
  api = await createApi({ dbPath: appDbPath, responseCache: false });
});
afterAll(() => api?.close());

async function query(text: string, variables: Record<string, unknown>) {
  const response = await api.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: text, variables }),
  });
  const result = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const ENTITY = `query E($level: EntityLevel!, $id: ID!, $range: DateRangeInput!) {
  entity(level: $level, id: $id, range: $range) {
    name
    metrics { spend metaTrials metaPurchases trials purchases postTrialUsers convertedUsers actualRevenue estimatedRevenue
              adjustedEstimatedRevenue profit roas dataQualityScore trialConversionRateEstimated userIds(list: PURCHASE) }
    daily { date metrics { trials purchases } }
  }
}`;
const FIRST_TWO_DAYS = { start: '2025-06-01', end: '2025-06-02' };

describe('imported exports through the pipeline and the API', () => {
  it('imported every file, skipping what the rules skip', () => {
    expect(summaries.map((s) => s.error)).toEqual(summaries.map(() => undefined));
    const skipped = (suffix: string) => {
      const summary = summaries.find((s) => s.file.endsWith(suffix))!;
      return { filtered: Object.fromEntries(summary.filtered), malformed: Object.fromEntries([...summary.malformed].map(([r, s]) => [r, s.count])) };
    };
    expect(skipped('meta/ad/page-0002.json')).toEqual({ filtered: {}, malformed: { 'not a daily row': 1 } });
    expect(skipped('events/export.jsonl')).toEqual({ filtered: { sandbox: 1, 'other event': 1 }, malformed: {} });
    expect(summaries.find((s) => s.file.endsWith('export2.jsonl.gz'))!.written).toEqual({ inserted: 0, replaced: 0, unchanged: 1 });
  });

  it('ad 1, June 1–2: Meta sums (M20, conversions fallback), users by the New York day (M2, M9, M10), money (M16, M18) and ratios (M22–M24, M26)', async () => {
    const { entity } = await query(ENTITY, { level: 'AD', id: AD_1, range: FIRST_TWO_DAYS });
    expect(entity.name).toBe('Spring sale'); // M4: the padded spelling is the same name once trimmed
    expect(entity.metrics).toEqual({
      spend: 30, // 10 + 20 (the weekly row was skipped)
      metaTrials: 5, // 2 + 3
      metaPurchases: 2, // 1 from actions + 1 from conversions
      trials: 1, // u1 (u3 came from another network)
      purchases: 1, // u2, attributed by its ad alone
      postTrialUsers: 1, // u1's trial day 06-01 ≤ as-of 06-30 − 7 (M11)
      convertedUsers: 1, // u1 converted on 06-08, counted on the trial's day (M12)
      actualRevenue: 9.99, // u2's purchase; u1's conversion is on 06-08
      estimatedRevenue: 72, // (u1, yearly) 60 + (u2, monthly) 12
      adjustedEstimatedRevenue: 360, // purchases 1 ≤ trials 1 → trial accuracy 1/5 = 0.2; 72 / 0.2
      profit: 330, // 360 − 30
      roas: 12, // 360 / 30
      dataQualityScore: 2 / 7, // (min(1,5) + min(1,2)) / (max(1,5) + max(1,2))
      trialConversionRateEstimated: 0.4,
      userIds: ['u2'],
    });
    // u2's purchase at 03:00 UTC on 06-02 is 23:00 on 06-01 in New York.
    expect(entity.daily).toEqual([
      { date: '2025-06-01', metrics: { trials: 1, purchases: 1 } },
      { date: '2025-06-02', metrics: { trials: 0, purchases: 0 } },
    ]);
  });

  it('ad 2, June 1–2: euro spend at --usd-rate (M20), the sandbox purchase left out (M16), the project-time trial on its New York day', async () => {
    const { entity } = await query(ENTITY, { level: 'AD', id: AD_2, range: FIRST_TWO_DAYS });
    expect(entity.name).toBe('Autumn');
    expect(entity.metrics).toMatchObject({
      spend: 6, // 5.00 EUR × 1.2
      metaTrials: 0,
      metaPurchases: 0,
      trials: 1, // u5
      purchases: 1, // u4; its sandbox purchase was not imported
      actualRevenue: 19.99,
      estimatedRevenue: 55, // (u4, monthly) 25 + (u5, yearly) 30
      adjustedEstimatedRevenue: 55, // trial accuracy: Meta trials 0, Mixpanel 1 → 1.0 (M22)
      roas: 55 / 6,
      userIds: ['u4'],
    });
    // u5's trial: wall clock 01:30 on 06-02 in New York is 05:30 UTC, still 06-02 there (read as UTC it would have been 06-01).
    expect(entity.daily).toEqual([
      { date: '2025-06-01', metrics: { trials: 0, purchases: 1 } },
      { date: '2025-06-02', metrics: { trials: 1, purchases: 0 } },
    ]);
  });

  it('the campaign, found from 18-digit ids kept exactly: users attributed by ad alone reach it through the hierarchy (M5, M8); country breakdown (M28)', async () => {
    const { entity } = await query(
      `query C($id: ID!, $range: DateRangeInput!) { entity(level: CAMPAIGN, id: $id, range: $range) {
        name metrics { spend trials purchases actualRevenue userIds(list: PURCHASE) }
        breakdown(by: COUNTRY) { value metrics { spend trials purchases } } } }`,
      { id: CAMPAIGN, range: FIRST_TWO_DAYS },
    );
    expect(entity.name).toBe('Summer');
    expect(entity.metrics).toEqual({
      spend: 36, // 10 + 20 (ad 1) + 6 (ad 2)
      trials: 2, // u1, u5
      purchases: 2, // u2, u4
      actualRevenue: 9.99 + 19.99, // summed as doubles
      userIds: ['u2', 'u4'],
    });
    expect([...entity.breakdown].sort((a: { value: string }, b: { value: string }) => (a.value < b.value ? -1 : 1))).toEqual([
      { value: 'DE', metrics: { spend: 4, trials: 1, purchases: 1 } }, // u5 trial, u4 purchase
      { value: 'US', metrics: { spend: 6, trials: 1, purchases: 1 } }, // u1 trial, u2 purchase (mp_country_code)
    ]);
  });
});
