/**
 * meta-insights → ad_performance_daily{,_country,_region,_device} (source-data.md "Importing real
 * exports", table of meta-insights).
 */
import { describe, expect, it } from 'vitest';
import { importHarness, jsonLines, only } from './helpers.ts';

const importFiles = importHarness();

const BASE = { ad_id: '10', adset_id: '20', campaign_id: '30', date_start: '2025-06-01', date_stop: '2025-06-01' };
const page = (rows: (object | string)[]) => `{"data": [${rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join(',\n')}], "paging": {"cursors": {"before": "MA", "after": "MQ"}, "next": "https://graph.example/next"}}`;

describe('meta-insights', () => {
  it('maps an Insights page: numbers given as strings, ids and names as given, an 18-digit id given as a JSON number kept exactly', async () => {
    const run = await importFiles('meta-insights', {
      'page-1.json': page([
        `{"account_id": "99", "account_currency": "USD", "ad_id": 238546957592005481, "adset_id": "238546957592005482", "campaign_id": "238546957592005483",
          "ad_name": "  Spring  ", "adset_name": "", "campaign_name": "Camp", "date_start": "2023-06-01", "date_stop": "2023-06-01",
          "spend": "14.35", "impressions": "185", "clicks": "9", "actions": [{"action_type": "link_click", "value": "4"}]}`,
      ]),
    });
    expect(run.query('SELECT * FROM ad_performance_daily')).toEqual([
      {
        ad_id: '238546957592005481',
        date: '2023-06-01',
        adset_id: '238546957592005482',
        campaign_id: '238546957592005483',
        ad_name: '  Spring  ',
        adset_name: '',
        campaign_name: 'Camp',
        spend: 14.35,
        impressions: 185,
        clicks: 9,
        meta_trials: 0, // no listed action type present → 0
        meta_purchases: 0,
      },
    ]);
  });

  it('sums the listed action types, takes a type missing from actions from conversions, and honours --trial-actions/--purchase-actions', async () => {
    const row = {
      ...BASE,
      actions: [
        { action_type: 'start_trial_mobile_app', value: '2' },
        { action_type: 'start_trial_mobile_app', value: '3' },
        { action_type: 'omni_purchase', value: '7' },
        { action_type: 'app_custom_event.fb_mobile_purchase', value: '1' },
      ],
      // start_trial_mobile_app is in actions, so its conversions entry is not used; custom_trial is only here.
      conversions: [
        { action_type: 'start_trial_mobile_app', value: '40' },
        { action_type: 'custom_trial', value: '6' },
      ],
    };
    const defaults = await importFiles('meta-insights', { 'rows.jsonl': jsonLines(row) });
    expect(defaults.query('SELECT meta_trials, meta_purchases FROM ad_performance_daily')).toEqual([{ meta_trials: 5, meta_purchases: 1 }]);

    const custom = await importFiles('meta-insights', { 'rows.jsonl': jsonLines(row) }, [
      '--trial-actions',
      'start_trial_mobile_app, custom_trial',
      '--purchase-actions',
      'omni_purchase,app_custom_event.fb_mobile_purchase',
    ]);
    // 2 + 3 from actions, 6 from conversions; 7 + 1.
    expect(custom.query('SELECT meta_trials, meta_purchases FROM ad_performance_daily')).toEqual([{ meta_trials: 11, meta_purchases: 8 }]);
  });

  it('routes each breakdown field to its table; region rows get NULL trials and purchases; two breakdowns are skipped', async () => {
    const actions = [{ action_type: 'start_trial_mobile_app', value: '1' }];
    const run = await importFiles('meta-insights', {
      'rows.json': JSON.stringify([
        { ...BASE, country: 'US', spend: '1', actions },
        { ...BASE, region: 'California', spend: '2', actions },
        { ...BASE, impression_device: 'iphone', spend: '3', actions },
        { ...BASE, country: 'DE', impression_device: 'ipad', spend: '4' },
        { ...BASE, spend: '5', actions },
      ]),
    });
    expect(run.query('SELECT country, spend, meta_trials, meta_purchases FROM ad_performance_daily_country')).toEqual([
      { country: 'US', spend: 1, meta_trials: 1, meta_purchases: 0 },
    ]);
    expect(run.query('SELECT region, spend, meta_trials, meta_purchases FROM ad_performance_daily_region')).toEqual([
      { region: 'California', spend: 2, meta_trials: null, meta_purchases: null },
    ]);
    expect(run.query('SELECT device, spend, meta_trials FROM ad_performance_daily_device')).toEqual([{ device: 'iphone', spend: 3, meta_trials: 1 }]);
    expect(run.query('SELECT spend, meta_trials FROM ad_performance_daily')).toEqual([{ spend: 5, meta_trials: 1 }]);
    const summary = only(run.summaries);
    expect(summary.malformed).toEqual({ 'several breakdowns': 1 });
    // A .json document counts records from 1.
    expect(summary.examples).toEqual({ 'several breakdowns': ['rows.json:4'] });
    expect(summary.writtenPerTable).toEqual({
      ad_performance_daily_country: { inserted: 1, replaced: 0, unchanged: 0 },
      ad_performance_daily_region: { inserted: 1, replaced: 0, unchanged: 0 },
      ad_performance_daily_device: { inserted: 1, replaced: 0, unchanged: 0 },
      ad_performance_daily: { inserted: 1, replaced: 0, unchanged: 0 },
    });
  });

  it('skips rows that are not daily, have no ad_id or date, or a non-numeric number; absent numbers are NULL, empty ids NULL', async () => {
    const run = await importFiles('meta-insights', {
      'rows.jsonl': jsonLines(
        { ...BASE, date_stop: '2025-06-07' },
        { ...BASE, ad_id: '' },
        { ...BASE, date_start: undefined },
        { ...BASE, date_start: '2025-02-30', date_stop: '2025-02-30' },
        { ...BASE, spend: 'n/a' },
        { ...BASE, impressions: '12.5' },
        { ...BASE, actions: [{ action_type: 'start_trial_mobile_app', value: 'many' }] },
        { ...BASE, ad_id: '11', adset_id: '', campaign_id: null },
      ),
    });
    const summary = only(run.summaries);
    expect(summary.malformed).toEqual({ 'not a daily row': 1, 'no ad_id': 1, 'no date_start': 1, 'bad date': 1, 'bad number': 3 });
    expect(summary.examples['bad number']).toEqual(['rows.jsonl:5', 'rows.jsonl:6', 'rows.jsonl:7']);
    expect(run.query('SELECT ad_id, adset_id, campaign_id, ad_name, spend, impressions, clicks FROM ad_performance_daily')).toEqual([
      { ad_id: '11', adset_id: null, campaign_id: null, ad_name: null, spend: null, impressions: null, clicks: null },
    ]);
  });

  it('counts a record with several problems once, under the first column (ad_id before date before spend)', async () => {
    const run = await importFiles('meta-insights', {
      'rows.jsonl': jsonLines({ date_start: '2025-06-01', date_stop: '2025-06-02', spend: 'x' }, { ...BASE, date_stop: '2025-06-02', spend: 'x' }),
    });
    expect(only(run.summaries).malformed).toEqual({ 'no ad_id': 1, 'not a daily row': 1 });
  });

  it('skips rows in another currency as filtered, unless --usd-rate gives the rate that multiplies spend', async () => {
    const rows = { 'rows.jsonl': jsonLines({ ...BASE, account_currency: 'EUR', spend: '10.00' }, { ...BASE, ad_id: '11', account_currency: 'USD', spend: '2' }) };
    const plain = await importFiles('meta-insights', rows);
    expect(only(plain.summaries).filtered).toEqual({ 'currency EUR': 1 });
    expect(only(plain.summaries).malformed).toEqual({});
    expect(plain.query('SELECT ad_id, spend FROM ad_performance_daily')).toEqual([{ ad_id: '11', spend: 2 }]);

    const converted = await importFiles('meta-insights', rows, ['--usd-rate', 'eur=1.08', '--usd-rate', 'GBP=1.27']);
    expect(converted.query('SELECT ad_id, spend FROM ad_performance_daily ORDER BY ad_id')).toEqual([
      { ad_id: '10', spend: 10 * 1.08 },
      { ad_id: '11', spend: 2 },
    ]);
  });

  it('rejects a bad --usd-rate and options of another kind with one line', async () => {
    await expect(importFiles('meta-insights', {}, ['--usd-rate', 'EUR'])).rejects.toThrow('--usd-rate "EUR": expected CODE=RATE, e.g. EUR=1.08 (the USD value of one unit)');
    await expect(importFiles('meta-insights', {}, ['--partners', 'Meta'])).rejects.toThrow('--partners applies to mixpanel-profiles imports, not meta-insights');
  });
});
