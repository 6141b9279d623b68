/**
 * meta-insights: rows split by a breakdown the source tables do not keep, and action types listed
 * twice with overlapping meaning (source-data.md "Importing real exports", meta-insights).
 */
import { describe, expect, it } from 'vitest';
import { summaryLine } from '../../importers/report.ts';
import { importHarness, jsonLines, only } from './helpers.ts';

const importFiles = importHarness();

const DAY = { ad_id: '10', adset_id: '20', campaign_id: '30', date_start: '2025-06-01', date_stop: '2025-06-01' };

describe('meta-insights other breakdowns', () => {
  it('skips rows split by publisher_platform (with impression_device) instead of letting them replace the plain day row of 41.37', async () => {
    // The plain day first, then its parts by placement: 20.00 + 15.50 + 5.87 = 41.37.
    const run = await importFiles('meta-insights', {
      'a-day.jsonl': jsonLines({ ...DAY, spend: '41.37' }),
      'b-placements.jsonl': jsonLines(
        { ...DAY, publisher_platform: 'facebook', platform_position: 'feed', impression_device: 'iphone', spend: '20.00' },
        { ...DAY, publisher_platform: 'instagram', platform_position: 'instagram_stories', impression_device: 'iphone', spend: '15.50' },
        { ...DAY, publisher_platform: 'audience_network', spend: '5.87' },
      ),
    });
    expect(run.query('SELECT ad_id, date, spend FROM ad_performance_daily')).toEqual([{ ad_id: '10', date: '2025-06-01', spend: 41.37 }]);
    expect(run.query('SELECT count(*) AS n FROM ad_performance_daily_device')).toEqual([{ n: 0 }]);
    const placements = only(run.summaries.slice(1));
    // The first other breakdown field in the row's order names the reason.
    expect(placements.malformed).toEqual({ 'other breakdown: publisher_platform': 3 });
    expect(placements.written).toEqual({ inserted: 0, replaced: 0, unchanged: 0 });
  });

  it('names each documented kind of other breakdown: age/gender, dma, device_platform, hourly stats, assets; alone or beside country or region', async () => {
    const run = await importFiles('meta-insights', {
      'rows.jsonl': jsonLines(
        { ...DAY, age: '25-34', gender: 'female', spend: '1' },
        { ...DAY, country: 'US', dma: 'New York', spend: '2' },
        { ...DAY, region: 'California', device_platform: 'mobile_app', spend: '3' },
        { ...DAY, hourly_stats_aggregated_by_advertiser_time_zone: '00:00:00 - 00:59:59', spend: '4' },
        { ...DAY, body_asset: { text: 'Try it', id: '1' }, spend: '5' },
        { ...DAY, spend: '10.00' },
      ),
    });
    expect(only(run.summaries).malformed).toEqual({
      'other breakdown: age': 1,
      'other breakdown: dma': 1,
      'other breakdown: device_platform': 1,
      'other breakdown: hourly_stats_aggregated_by_advertiser_time_zone': 1,
      'other breakdown: body_asset': 1,
    });
    expect(run.query('SELECT spend FROM ad_performance_daily')).toEqual([{ spend: 10 }]);
    expect(run.query('SELECT count(*) AS n FROM ad_performance_daily_country')).toEqual([{ n: 0 }]);
    expect(run.query('SELECT count(*) AS n FROM ad_performance_daily_region')).toEqual([{ n: 0 }]);
  });

  it('with --strict, a row of another breakdown fails the file', async () => {
    const run = await importFiles('meta-insights', { 'rows.jsonl': jsonLines({ ...DAY, spend: '1' }, { ...DAY, gender: 'male', spend: '2' }) }, ['--strict']);
    expect(only(run.summaries).error).toBe('--strict: malformed record at ' + run.dir + '/exports/rows.jsonl:2 (other breakdown: gender)');
  });

  it('metric fields of the row are not taken for breakdowns (reach, frequency, cpm, account fields)', async () => {
    const run = await importFiles('meta-insights', {
      'rows.jsonl': jsonLines({ ...DAY, account_id: '1', account_name: 'A', reach: '90', frequency: '1.2', cpm: '3.1', objective: 'APP_INSTALLS', spend: '7' }),
    });
    expect(only(run.summaries).malformed).toEqual({});
    expect(run.query('SELECT spend FROM ad_performance_daily')).toEqual([{ spend: 7 }]);
  });
});

describe('meta-insights overlapping action types', () => {
  const row = (ad: string, actions: [string, string][]) => ({ ...DAY, ad_id: ad, actions: actions.map(([action_type, value]) => ({ action_type, value })) });

  it('sums start_trial_total and start_trial_mobile_app as told, and says so once per file naming the pair', async () => {
    const run = await importFiles(
      'meta-insights',
      {
        'rows.jsonl': jsonLines(
          row('1', [['start_trial_total', '3'], ['start_trial_mobile_app', '3']]),
          row('2', [['start_trial_total', '2'], ['start_trial_mobile_app', '1']]),
        ),
      },
      ['--trial-actions', 'start_trial_total,start_trial_mobile_app'],
    );
    expect(run.query('SELECT ad_id, meta_trials FROM ad_performance_daily ORDER BY ad_id')).toEqual([
      { ad_id: '1', meta_trials: 6 },
      { ad_id: '2', meta_trials: 3 },
    ]);
    const summary = run.summaries[0]!;
    expect([...summary.notes]).toEqual(['--trial-actions lists start_trial_total and start_trial_mobile_app, which count the same actions: summed as told']);
    expect(summaryLine(summary)).toContain('skipped: none; note: --trial-actions lists start_trial_total and start_trial_mobile_app, which count the same actions: summed as told; 2 records');
  });

  it('names each pair of the purchase family a row reports (omni_purchase, purchase, app_custom_event.fb_mobile_purchase), not pairs it does not report', async () => {
    const run = await importFiles(
      'meta-insights',
      {
        'rows.jsonl': jsonLines(
          row('1', [['omni_purchase', '4'], ['app_custom_event.fb_mobile_purchase', '4']]),
          row('2', [['purchase', '1']]),
        ),
      },
      ['--purchase-actions', 'omni_purchase,purchase,app_custom_event.fb_mobile_purchase'],
    );
    expect(run.query('SELECT ad_id, meta_purchases FROM ad_performance_daily ORDER BY ad_id')).toEqual([
      { ad_id: '1', meta_purchases: 8 },
      { ad_id: '2', meta_purchases: 1 },
    ]);
    expect([...run.summaries[0]!.notes]).toEqual([
      '--purchase-actions lists omni_purchase and app_custom_event.fb_mobile_purchase, which count the same actions: summed as told',
    ]);
  });

  it('says nothing for types that do not overlap, or when the row reports only one of a pair', async () => {
    const run = await importFiles(
      'meta-insights',
      { 'rows.jsonl': jsonLines(row('1', [['start_trial_mobile_app', '2'], ['subscribe_mobile_app', '1']])) },
      ['--trial-actions', 'start_trial_mobile_app,subscribe_mobile_app,start_trial_total'],
    );
    expect(run.query('SELECT meta_trials FROM ad_performance_daily')).toEqual([{ meta_trials: 3 }]);
    expect([...run.summaries[0]!.notes]).toEqual([]);
  });
});
