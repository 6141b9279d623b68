import { beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../fixtures/backends.ts';
import { runFixture, type FixtureRun } from '../fixtures/pipeline-run.ts';
import {
  attributedUser,
  cancellation,
  eventOf,
  initialPurchase,
  trialConverted,
  trialStarted,
  useTempDir,
  type SourceFixture,
} from '../fixtures/source-db.ts';

const tempDir = useTempDir();

const a1 = { adId: 'a1', adsetId: 's1', campaignId: 'c1' };
const inA1 = { ad: 'a1', adset: 's1', campaign: 'c1' };

/*
 * Amounts are binary fractions (…​.5, .25, .125) so every sum is exact in floating point.
 * Meta rows, 07-01: a1 (s1,c1) 10.5/1000/50/4/2, a2 (s1,c1) 4.5/500/10/1/0, a3 (s1,NULL) 100/10/1/0/0,
 *   a4 (s2,c1) 1/20/2/0/1  (spend/impressions/clicks/meta trials/meta purchases).
 *   a1 07-02: spend, impressions, meta trials NULL, clicks 7, meta purchases 0.
 *   a1 07-03: 20/300/30/2/4.  a1 07-10: spend 5, clicks 10, meta 0/0.  a1 07-20: 60/0/80/8/2.
 * Users u1–u15 are attributed to a1/s1/c1; u9 is not attributed.
 */
const FIXTURE: SourceFixture = {
  meta: [
    { ...a1, date: '2025-07-01', spend: 10.5, impressions: 1000, clicks: 50, metaTrials: 4, metaPurchases: 2 },
    { adId: 'a2', adsetId: 's1', campaignId: 'c1', date: '2025-07-01', spend: 4.5, impressions: 500, clicks: 10, metaTrials: 1, metaPurchases: 0 },
    { adId: 'a3', adsetId: 's1', campaignId: null, date: '2025-07-01', spend: 100, impressions: 10, clicks: 1, metaTrials: 0, metaPurchases: 0 },
    { adId: 'a4', adsetId: 's2', campaignId: 'c1', date: '2025-07-01', spend: 1, impressions: 20, clicks: 2, metaTrials: 0, metaPurchases: 1 },
    { ...a1, date: '2025-07-02', spend: null, impressions: null, clicks: 7, metaTrials: null, metaPurchases: 0 },
    { ...a1, date: '2025-07-03', spend: 20, impressions: 300, clicks: 30, metaTrials: 2, metaPurchases: 4 },
    { ...a1, date: '2025-07-10', spend: 5, clicks: 10, metaTrials: 0, metaPurchases: 0 },
    { ...a1, date: '2025-07-20', spend: 60, impressions: 0, clicks: 80, metaTrials: 8, metaPurchases: 2 },
  ],
  users: [
    ...['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u10', 'u11', 'u12', 'u13', 'u14', 'u15'].map((user) => attributedUser(user, inA1)),
    attributedUser('u9', inA1, { hasAbiAttribution: 0 }),
  ],
  events: [
    trialStarted('u1', '2025-07-01T10:00:00Z', { productId: 'p1' }),
    trialConverted('u1', '2025-07-08T10:00:00Z', { productId: 'p1', revenueUsd: 19.75 }),
    eventOf('RC Renewal')('u1', '2025-07-15T10:00:00Z', { productId: 'p1', revenueUsd: 19.75 }),
    initialPurchase('u2', '2025-07-01T10:00:00Z', { productId: 'p2', revenueUsd: 29.5 }),
    initialPurchase('u2', '2025-07-03T10:00:00Z', { productId: 'p2', revenueUsd: 29.5 }),
    cancellation('u2', '2025-07-04T10:00:00Z', { productId: 'p2', revenueUsd: -29.5 }),
    cancellation('u2', '2025-07-05T10:00:00Z', { productId: 'p2', revenueUsd: 0 }),
    trialConverted('u3', '2025-07-08T11:00:00Z', { productId: 'p9', revenueUsd: 10.25 }),
    trialConverted('u4', '2025-07-08T12:00:00Z', { productId: 'p1', revenueUsd: null }),
    initialPurchase('u9', '2025-07-01T10:00:00Z', { productId: 'p1', revenueUsd: 1000 }),
    trialStarted('u5', '2025-07-10T08:00:00Z', { productId: 'p5' }),
    initialPurchase('u5', '2025-07-10T09:00:00Z', { productId: 'p5', revenueUsd: 3.5 }),
    trialStarted('u6', '2025-07-11T10:00:00Z', { productId: 'p6' }),
    initialPurchase('u6', '2025-07-12T10:00:00Z', { productId: 'p6', revenueUsd: 4.5 }),
    trialStarted('u7', '2025-07-13T10:00:00Z', { productId: 'p7' }),
    initialPurchase('u7', '2025-07-13T11:00:00Z', { productId: 'p8', revenueUsd: 6 }),
    trialStarted('u8', '2025-07-14T10:00:00Z', { productId: 'p-none' }),
    ...['u10', 'u11', 'u12', 'u13'].map((user) => trialStarted(user, '2025-07-20T10:00:00Z', { productId: 'p1' })),
    initialPurchase('u14', '2025-07-20T10:00:00Z', { productId: 'p1', revenueUsd: 8 }),
    initialPurchase('u15', '2025-07-20T10:00:00Z', { productId: 'p2', revenueUsd: 16 }),
  ],
  userProducts: [
    { distinctId: 'u1', productId: 'p1', currentValue: 40.5 },
    { distinctId: 'u1', productId: 'p0', currentValue: 999 }, // not u1's trial product
    { distinctId: 'u3', productId: 'p9', currentValue: 777 }, // u3 is neither a trial nor a purchase user
    { distinctId: 'u2', productId: 'p2', currentValue: 60.25 },
    { distinctId: 'u5', productId: 'p5', currentValue: 12.5 },
    { distinctId: 'u6', productId: 'p6', currentValue: 8.25 },
    { distinctId: 'u7', productId: 'p7', currentValue: 1.5 },
    { distinctId: 'u7', productId: 'p8', currentValue: 2.25 },
    { distinctId: 'u10', productId: 'p1', currentValue: 10, trialConversionRate: 0.5, trialConvertedToRefundRate: 0.25, initialPurchaseToRefundRate: 0.75 },
    { distinctId: 'u11', productId: 'p1', currentValue: 20, trialConversionRate: null, trialConvertedToRefundRate: 0.125, initialPurchaseToRefundRate: null },
    { distinctId: 'u12', productId: 'p1', currentValue: 30, trialConversionRate: 0.25, trialConvertedToRefundRate: null, initialPurchaseToRefundRate: 0.5 },
    { distinctId: 'u14', productId: 'p1', currentValue: 40, trialConversionRate: 0.875, trialConvertedToRefundRate: 0.875, initialPurchaseToRefundRate: 0.5 },
    { distinctId: 'u15', productId: 'p2', currentValue: 50 },
  ],
};

describe.each(BACKENDS)('money, rates and Meta measures (M16–M20, M22–M26) [%s]', (backend) => {
  let run: FixtureRun;
  beforeAll(async () => {
    run = await runFixture(tempDir(), FIXTURE, { asOf: '2025-07-20' }, { backend });
  });

  const META = ['spend', 'impressions', 'clicks', 'meta_trials', 'meta_purchases'] as const;
  const metaOf = async (level: 'campaign' | 'adset' | 'ad', id: string, date: string) => {
    const row = await run.dailyOn(level, id, date);
    return row && Object.fromEntries(META.map((column) => [column, row[column]]));
  };

  it("M20 Meta measures sum the rows whose own <level>_id is the entity; a NULL campaign_id belongs to no campaign", async () => {
    expect(await metaOf('ad', 'a1', '2025-07-01')).toEqual({ spend: 10.5, impressions: 1000, clicks: 50, meta_trials: 4, meta_purchases: 2 });
    // s1 = a1 + a2 + a3 (a3 has no campaign but its own adset s1).
    expect(await metaOf('adset', 's1', '2025-07-01')).toEqual({ spend: 115, impressions: 1510, clicks: 61, meta_trials: 5, meta_purchases: 2 });
    expect(await metaOf('adset', 's2', '2025-07-01')).toEqual({ spend: 1, impressions: 20, clicks: 2, meta_trials: 0, meta_purchases: 1 });
    // c1 = a1 + a2 + a4 (a4's row names c1 under another adset; a3's row names no campaign).
    expect(await metaOf('campaign', 'c1', '2025-07-01')).toEqual({ spend: 16, impressions: 1520, clicks: 62, meta_trials: 5, meta_purchases: 3 });
  });

  it('M20 NULL Meta values count as 0', async () => {
    expect(await metaOf('ad', 'a1', '2025-07-02')).toEqual({ spend: 0, impressions: 0, clicks: 7, meta_trials: 0, meta_purchases: 0 });
  });

  it('M16/M17 money goes by event day: every conversion and initial purchase counts, refunds are ABS(negative revenue)', async () => {
    const money = async (date: string) => {
      const row = await run.dailyOn('ad', 'a1', date);
      return row && { actual_revenue: row.actual_revenue, actual_refunds: row.actual_refunds, net_actual_revenue: row.net_actual_revenue };
    };
    // u2's first purchase (u9 is not attributed, so its 1000 does not count).
    expect(await money('2025-07-01')).toEqual({ actual_revenue: 29.5, actual_refunds: 0, net_actual_revenue: 29.5 });
    // u2's second purchase counts too: revenue is every event, not the latest one.
    expect(await money('2025-07-03')).toEqual({ actual_revenue: 29.5, actual_refunds: 0, net_actual_revenue: 29.5 });
    // A refund-only day (M27).
    expect(await money('2025-07-04')).toEqual({ actual_revenue: 0, actual_refunds: 29.5, net_actual_revenue: -29.5 });
    // u1's conversion 19.75 (its trial was 07-01) + u3's conversion of p9 10.25 + u4's NULL revenue 0.
    expect(await money('2025-07-08')).toEqual({ actual_revenue: 30, actual_refunds: 0, net_actual_revenue: 30 });
    // 07-05: a zero-revenue cancellation is no refund; 07-15: a renewal is no revenue. Neither makes a row.
    expect(await money('2025-07-05')).toBeUndefined();
    expect(await money('2025-07-15')).toBeUndefined();
  });

  it('M18 estimated revenue: distinct (user, product) pairs of the day; once when trial and purchase share day and product; missing row adds 0', async () => {
    const estimated = async (date: string) => (await run.dailyOn('ad', 'a1', date))?.estimated_revenue;
    expect(await estimated('2025-07-01')).toBe(40.5); // (u1,p1); (u1,p0) is not its trial product
    expect(await estimated('2025-07-03')).toBe(60.25); // (u2,p2) on u2's latest purchase day
    expect(await estimated('2025-07-10')).toBe(12.5); // (u5,p5) as trial and purchase pair: once
    expect(await estimated('2025-07-11')).toBe(8.25); // (u6,p6) trial pair …
    expect(await estimated('2025-07-12')).toBe(8.25); // … and purchase pair on another day: counted on both
    expect(await estimated('2025-07-13')).toBe(3.75); // (u7,p7) 1.5 + (u7,p8) 2.25
    expect(await estimated('2025-07-14')).toBe(0); // (u8,p-none) has no user_product_metrics row
    expect(await estimated('2025-07-20')).toBe(150); // 10 + 20 + 30 + (u13: none) + 40 + 50
  });

  it('M19 estimated rates: sums and counts over non-NULL rates, trial rates from trial users, purchase refund rate from purchase users', async () => {
    // Trial users u10 (0.5 / 0.25), u11 (NULL / 0.125), u12 (0.25 / NULL), u13 (no row);
    // purchase users u14 (0.5), u15 (NULL). u10's purchase refund rate and u14's trial rates do not count.
    expect(await run.dailyOn('ad', 'a1', '2025-07-20')).toMatchObject({
      trial_conversion_rate_sum: 0.75,
      trial_conversion_rate_count: 2,
      trial_conversion_rate_estimated: 0.375,
      trial_refund_rate_sum: 0.375,
      trial_refund_rate_count: 2,
      trial_refund_rate_estimated: 0.1875,
      purchase_refund_rate_sum: 0.5,
      purchase_refund_rate_count: 1,
      purchase_refund_rate_estimated: 0.5,
    });
    // u8 alone, no row → no rate → NULL mean.
    expect(await run.dailyOn('ad', 'a1', '2025-07-14')).toMatchObject({
      trial_conversion_rate_sum: 0,
      trial_conversion_rate_count: 0,
      trial_conversion_rate_estimated: null,
      trial_refund_rate_estimated: null,
      purchase_refund_rate_estimated: null,
    });
  });

  it('M22 accuracy ratios: Mixpanel ÷ Meta; Meta 0 gives 1.0 when Mixpanel has any, NULL when both are 0', async () => {
    const accuracy = async (date: string) => {
      const row = await run.dailyOn('ad', 'a1', date);
      return row && { trial: row.trial_accuracy_ratio, purchase: row.purchase_accuracy_ratio };
    };
    expect(await accuracy('2025-07-01')).toEqual({ trial: 0.25, purchase: 0 }); // 1 ÷ 4, 0 ÷ 2
    expect(await accuracy('2025-07-02')).toEqual({ trial: null, purchase: null }); // 0 and 0
    expect(await accuracy('2025-07-10')).toEqual({ trial: 1, purchase: 1 }); // Meta 0, Mixpanel 1 each
    expect(await accuracy('2025-07-20')).toEqual({ trial: 0.5, purchase: 1 }); // 4 ÷ 8, 2 ÷ 2
  });

  it('M23 adjusted estimated revenue uses the purchase accuracy only when purchases exceed trials', async () => {
    const adjusted = async (date: string) => (await run.dailyOn('ad', 'a1', date))?.adjusted_estimated_revenue;
    expect(await adjusted('2025-07-01')).toBe(162); // trials 1 ≥ purchases 0 → trial accuracy 0.25: 40.5 ÷ 0.25
    expect(await adjusted('2025-07-03')).toBe(241); // purchases 1 > trials 0 → purchase accuracy 1 ÷ 4: 60.25 ÷ 0.25
    expect(await adjusted('2025-07-10')).toBe(12.5); // Meta-zero accuracy 1.0
    expect(await adjusted('2025-07-20')).toBe(300); // trials 4 ≥ purchases 2 → trial accuracy 0.5: 150 ÷ 0.5
  });

  it('M24–M26 profit, ROAS, costs and data quality from the stored base measures', async () => {
    expect(await run.dailyOn('ad', 'a1', '2025-07-20')).toMatchObject({
      profit: 240, // 300 − 60
      roas: 5, // 300 ÷ 60
      mixpanel_cost_per_trial: 15, // 60 ÷ 4
      mixpanel_cost_per_purchase: 30, // 60 ÷ 2
      meta_cost_per_trial: 7.5, // 60 ÷ 8
      meta_cost_per_purchase: 30, // 60 ÷ 2
      click_to_trial_rate: 0.05, // 4 ÷ 80
      data_quality_score: 0.6, // (min(4,8) + min(2,2)) ÷ (max(4,8) + max(2,2)) = 6 ÷ 10
    });
    expect(await run.dailyOn('ad', 'a1', '2025-07-01')).toMatchObject({ profit: 151.5, roas: 162 / 10.5 });
  });

  it('M16–M19 Mixpanel measures of the campaign equal the ad\'s (same users), Meta measures differ (M20)', async () => {
    const MIXPANEL = ['trials', 'purchases', 'actual_revenue', 'actual_refunds', 'estimated_revenue', 'trial_conversion_rate_sum'];
    const ad = await run.daily('ad', 'a1');
    const campaign = await run.daily('campaign', 'c1');
    expect(campaign.map((row) => row.date)).toEqual(ad.map((row) => row.date));
    for (const [index, row] of ad.entries()) {
      for (const column of MIXPANEL) expect(campaign[index]![column], `${row.date} ${column}`).toBe(row[column]);
    }
  });
});
