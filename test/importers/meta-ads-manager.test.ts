/**
 * meta-ads-manager: Ads Manager's "Export table data" CSV and .xlsx → the ad_performance_daily
 * tables (source-data.md "Importing real exports", meta-ads-manager), through the meta-insights
 * mapping: same keys, currency rule, summary and idempotence.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importHarness, jsonLines, only } from './helpers.ts';

const importFiles = importHarness();

/** CSV as Ads Manager writes it: a BOM, every field quoted, numbers with thousands separators. */
const csv = (rows: string[][]) => '\uFEFF' + rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n';

const HEADER = ['Reporting starts', 'Reporting ends', 'Campaign name', 'Campaign ID', 'Ad set name', 'Ad set ID', 'Ad name', 'Ad ID', 'Day', 'Amount spent (USD)', 'Impressions', 'Link clicks', 'Trials started', 'Purchases'];
const ROWS = [
  ['2025-06-01', '2025-06-02', 'Spring', '238546957592005483', 'Broad', '238546957592005482', 'Video A', '238546957592005481', '2025-06-01', '1,234.50', '98,765', '1,020', '12', '3'],
  ['2025-06-01', '2025-06-02', 'Spring', '238546957592005483', 'Broad', '238546957592005482', 'Video A', '238546957592005481', '2025-06-02', '41.37', '2,000', '33', '', ''],
];
const DAILY = 'SELECT ad_id, date, adset_id, campaign_id, ad_name, adset_name, campaign_name, spend, impressions, clicks, meta_trials, meta_purchases FROM ad_performance_daily ORDER BY date';
const EXPECTED = [
  { ad_id: '238546957592005481', date: '2025-06-01', adset_id: '238546957592005482', campaign_id: '238546957592005483', ad_name: 'Video A', adset_name: 'Broad', campaign_name: 'Spring', spend: 1234.5, impressions: 98765, clicks: 1020, meta_trials: 12, meta_purchases: 3 },
  // Empty result cells: Ads Manager writes nothing when there were none.
  { ad_id: '238546957592005481', date: '2025-06-02', adset_id: '238546957592005482', campaign_id: '238546957592005483', ad_name: 'Video A', adset_name: 'Broad', campaign_name: 'Spring', spend: 41.37, impressions: 2000, clicks: 33, meta_trials: 0, meta_purchases: 0 },
];
const RESULT_COLUMNS = ['--trial-column', 'Trials started', '--purchase-column', 'Purchases'];

async function workbook(rows: unknown[][]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Raw Data Report');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('meta-ads-manager', () => {
  it('maps a daily CSV export: ids, names, thousands separators, the result columns named by --trial-column/--purchase-column', async () => {
    const run = await importFiles('meta-ads-manager', { 'export.csv': csv([HEADER, ...ROWS]) }, RESULT_COLUMNS);
    expect(run.query(DAILY)).toEqual(EXPECTED);
    expect(only(run.summaries).malformed).toEqual({});
    // Without the flags the counts are unknown: NULL.
    const unnamed = await importFiles('meta-ads-manager', { 'export.csv': csv([HEADER, ...ROWS]) });
    expect(unnamed.query('SELECT meta_trials, meta_purchases FROM ad_performance_daily')).toEqual([
      { meta_trials: null, meta_purchases: null },
      { meta_trials: null, meta_purchases: null },
    ]);
  });

  it('reads the same export as .xlsx (numbers as numbers, Day as a date cell, ids as text) into the same rows', async () => {
    const rows = ROWS.map((row) => row.map((cell, i) => (HEADER[i] === 'Day' ? new Date(`${cell}T00:00:00Z`) : ['Amount spent (USD)', 'Impressions', 'Link clicks', 'Trials started', 'Purchases'].includes(HEADER[i]!) ? (cell === '' ? null : Number(cell.replace(/,/g, ''))) : cell)));
    const run = await importFiles('meta-ads-manager', { 'export.xlsx': await workbook([HEADER, ...rows]) }, RESULT_COLUMNS);
    expect(only(run.summaries)).toMatchObject({ format: 'XLSX', error: undefined, malformed: {} });
    expect(run.query(DAILY)).toEqual(EXPECTED);
  });

  it('an 18-digit id a spreadsheet stored as a number has lost digits: the row is skipped (bad Ad ID)', async () => {
    const run = await importFiles('meta-ads-manager', { 'export.xlsx': await workbook([['Day', 'Ad ID', 'Amount spent (USD)'], ['2025-06-01', 238546957592005481, 1], ['2025-06-01', 1234, 2]]) });
    expect(only(run.summaries).malformed).toEqual({ 'bad Ad ID': 1 });
    expect(run.query('SELECT ad_id, spend FROM ad_performance_daily')).toEqual([{ ad_id: '1234', spend: 2 }]);
  });

  it('has the keys of meta-insights: the same ad and day from the API is replaced, and importing again changes nothing', async () => {
    const api = jsonLines({ ad_id: '238546957592005481', date_start: '2025-06-02', date_stop: '2025-06-02', spend: '40.00' });
    const run = await importFiles('meta-insights', { 'api.jsonl': api, 'export.csv': csv([HEADER, ...ROWS]) });
    const first = await run.again('meta-ads-manager', ['export.csv'], RESULT_COLUMNS);
    expect(only(first).written).toEqual({ inserted: 1, replaced: 1, unchanged: 0 });
    const second = await run.again('meta-ads-manager', ['export.csv'], RESULT_COLUMNS);
    expect(only(second).written).toEqual({ inserted: 0, replaced: 0, unchanged: 2 });
    expect(run.query(DAILY)).toEqual(EXPECTED);
  });

  it('takes the currency from the spend header: EUR is filtered unless --usd-rate EUR=R multiplies it', async () => {
    const files = { 'export.csv': csv([['Day', 'Ad ID', 'Amount spent (EUR)', 'Clicks (all)', 'Link clicks'], ['2025-06-01', '7', '1,000.00', '50', '20']]) };
    const plain = await importFiles('meta-ads-manager', files);
    expect(only(plain.summaries).filtered).toEqual({ 'currency EUR': 1 });
    const converted = await importFiles('meta-ads-manager', files, ['--usd-rate', 'EUR=1.08']);
    // Clicks (all) is the API's `clicks`; Link clicks is used only when it is the only clicks column.
    expect(converted.query('SELECT ad_id, spend, clicks FROM ad_performance_daily')).toEqual([{ ad_id: '7', spend: 1000 * 1.08, clicks: 50 }]);
  });

  it('routes Country, Region and Impression device columns (Ads Manager\'s device words as the API\'s values); other breakdowns are skipped', async () => {
    const run = await importFiles('meta-ads-manager', {
      'country.csv': csv([['Day', 'Ad ID', 'Country', 'Amount spent (USD)', 'Trials started'], ['2025-06-01', '7', 'US', '3', '1']]),
      'device.csv': csv([['Day', 'Ad ID', 'Impression device', 'Amount spent (USD)', 'Trials started'], ['2025-06-01', '7', 'Android Smartphone', '2', ''], ['2025-06-01', '7', 'iPhone', '1', ''], ['2025-06-01', '7', 'Smart TV', '1', '']]),
      'region.csv': csv([['Day', 'Ad ID', 'Region', 'Amount spent (USD)', 'Trials started'], ['2025-06-01', '7', 'California', '4', '2']]),
      'z-age.csv': csv([['Day', 'Ad ID', 'Age', 'Gender', 'Amount spent (USD)', 'Trials started'], ['2025-06-01', '7', '25-34', 'female', '5', '1']]),
    }, ['--trial-column', 'Trials started']);
    expect(run.query('SELECT country, spend, meta_trials FROM ad_performance_daily_country')).toEqual([{ country: 'US', spend: 3, meta_trials: 1 }]);
    expect(run.query('SELECT device, spend FROM ad_performance_daily_device ORDER BY device')).toEqual([
      { device: 'Smart TV', spend: 1 },
      { device: 'android_smartphone', spend: 2 },
      { device: 'iphone', spend: 1 },
    ]);
    expect(run.query('SELECT region, meta_trials FROM ad_performance_daily_region')).toEqual([{ region: 'California', meta_trials: null }]);
    expect(run.query('SELECT count(*) AS n FROM ad_performance_daily')).toEqual([{ n: 0 }]);
    expect(Object.fromEntries(run.summaries.map((s) => [s.file.slice(s.file.lastIndexOf('/') + 1), [...s.malformed.keys()]]))).toEqual({
      'country.csv': [],
      'device.csv': [],
      'region.csv': [],
      'z-age.csv': ['other breakdown: Age'],
    });
  });

  it('needs daily rows: Reporting starts = Reporting ends without a Day column; a longer period is skipped', async () => {
    const run = await importFiles('meta-ads-manager', {
      'export.csv': csv([['Reporting starts', 'Reporting ends', 'Ad ID', 'Amount spent (USD)'], ['2025-06-01', '2025-06-01', '7', '1'], ['2025-06-01', '2025-06-07', '8', '9']]),
    });
    expect(only(run.summaries).malformed).toEqual({ 'not a daily row': 1 });
    expect(run.query('SELECT ad_id, date, spend FROM ad_performance_daily')).toEqual([{ ad_id: '7', date: '2025-06-01', spend: 1 }]);
  });

  it('refuses with one line an export without ids, one without days, and one without the named result column', async () => {
    const run = await importFiles('meta-ads-manager', {
      'a-no-ids.csv': csv([['Reporting starts', 'Reporting ends', 'Campaign name', 'Ad name', 'Day', 'Amount spent (USD)'], ['2025-06-01', '2025-06-30', 'Spring', 'Video A', '2025-06-01', '1']]),
      'b-no-days.csv': csv([['Reporting starts', 'Reporting ends', 'Ad ID', 'Amount spent (USD)'].filter((c) => c !== 'Reporting ends'), ['2025-06-01', '7', '1']]),
      'c-no-column.csv': csv([['Day', 'Ad ID', 'Amount spent (USD)'], ['2025-06-01', '7', '1']]),
    }, ['--trial-column', 'Trials started']);
    expect(run.summaries.map((s) => s.error)).toEqual([
      'an Ads Manager export without ids: in Ads Manager choose Columns → Customize columns…, add "Ad ID", "Ad set ID" and "Campaign ID", and export again',
      'an Ads Manager export without days: choose Breakdown → By time → Day in Ads Manager (a "Day" column), and export again',
      'no column "Trials started" (--trial-column) in this export; its columns: Day, Ad ID, Amount spent (USD)',
    ]);
    expect(run.query('SELECT count(*) AS n FROM ad_performance_daily')).toEqual([{ n: 0 }]);
  });

  it('refuses a file named .xlsx that is not a workbook with one line', async () => {
    const run = await importFiles('meta-ads-manager', { 'export.xlsx': 'Day,Ad ID\n2025-06-01,7\n' });
    expect(only(run.summaries).error).toMatch(/^not a valid \.xlsx workbook: /);
  });

  it('calls an Insights page "not a meta-ads-manager export", and takes meta-ads-manager options only for that kind', async () => {
    const run = await importFiles('meta-ads-manager', { 'page.json': JSON.stringify({ data: [{ ad_id: '1', date_start: '2025-06-01' }] }) });
    expect(only(run.summaries).error).toMatch(/^not a meta-ads-manager export \(Ads Manager table exports/);
    await expect(importFiles('meta-insights', {}, ['--trial-column', 'Trials started'])).rejects.toThrow('--trial-column applies to meta-ads-manager imports, not meta-insights');
  });
});
