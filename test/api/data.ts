/**
 * The hand-worked app data most API tests read. Range of interest: 2024-03-01..2024-03-03.
 *
 * Campaigns: c1 'Spring Sale' (rows on 02-27 and every day of the range), c2 'Brand' (03-01 only),
 * c3 without a name (a row on 02-20 only: inactive in the range).
 * Adsets: as1 (c1), as2 (c1, inactive in the range), as3 (c2).
 * Ads: ad1, ad2 (0.75 confidence), ad5 (Mixpanel-only, M7) under as1; ad4 under as2 (no rows);
 * ad3 under as3.
 */
import type { AppData } from './fixture.ts';

export const RANGE = { start: '2024-03-01', end: '2024-03-03' };

export const APP_DATA: AppData = {
  published: { asOf: '2024-03-03', timezone: 'UTC' },
  names: [
    ['campaign', 'c1', 'Spring Sale', 5, '2024-03-03'],
    ['campaign', 'c2', 'Brand', 3, '2024-03-01'],
    ['campaign', 'c3', null, null, null],
    ['adset', 'as1', 'Adset One', 4, '2024-03-02'],
    ['adset', 'as2', 'Adset Two', 1, '2024-02-27'],
    ['adset', 'as3', 'Brand Adset', 1, '2024-03-01'],
    ['ad', 'ad1', 'Ad One', 1, '2024-03-01'],
    ['ad', 'ad2', 'Ad Two', 1, '2024-03-02'],
    ['ad', 'ad3', 'Brand Ad', 1, '2024-03-01'],
    ['ad', 'ad4', 'Old Ad', 1, '2024-02-27'],
    ['ad', 'ad5', null, null, null],
  ],
  history: [
    ['campaign', 'c1', 'Spring Sale', 5, '2024-02-27', '2024-03-03'],
    ['campaign', 'c1', 'Spring Promo', 2, '2024-02-01', '2024-02-10'],
    ['campaign', 'c1', 'Spring  Sale!', 2, '2024-02-11', '2024-02-12'],
  ],
  adsetCampaigns: [
    ['as1', 'c1'],
    ['as2', 'c1'],
    ['as3', 'c2'],
  ],
  links: [
    ['ad1', 'as1', 'c1', 1, '2024-03-01', '2024-03-01'],
    ['ad2', 'as1', 'c1', 0.75, '2024-03-02', '2024-03-02'],
    ['ad3', 'as3', 'c2', 1, '2024-03-01', '2024-03-01'],
    ['ad4', 'as2', 'c1', 1, '2024-02-27', '2024-02-27'],
    ['ad5', 'as1', 'c1', 0.5, null, null],
  ],
  rows: [
    // c1: three days in the range plus one before it (for the sparkline).
    { level: 'campaign', id: 'c1', date: '2024-02-27', measures: { spend: 7 } },
    {
      level: 'campaign',
      id: 'c1',
      date: '2024-03-01',
      measures: {
        spend: 10, impressions: 1000, clicks: 40, metaTrials: 4, metaPurchases: 0,
        actualRevenue: 20, estimatedRevenue: 30,
        trialConversionRateSum: 0.5, trialConversionRateCount: 2, trialRefundRateSum: 0.25, trialRefundRateCount: 2,
      },
      lists: { trial: ['u1', 'u2'], postTrial: ['u1', 'u2'], converted: ['u1'] },
    },
    {
      level: 'campaign',
      id: 'c1',
      date: '2024-03-02',
      measures: {
        spend: 30, impressions: 3000, clicks: 60, metaTrials: 2, metaPurchases: 1,
        actualRevenue: 50, actualRefunds: 50, estimatedRevenue: 10,
        trialConversionRateSum: 0.25, trialConversionRateCount: 1, purchaseRefundRateSum: 0.5, purchaseRefundRateCount: 1,
      },
      lists: { trial: ['u5'], purchase: ['u3'], purchaseRefund: ['u3'] },
    },
    {
      level: 'campaign',
      id: 'c1',
      date: '2024-03-03',
      measures: { spend: 20, impressions: 2000, clicks: 0, metaTrials: 2 },
      lists: { trial: ['u10'] },
    },
    {
      level: 'campaign',
      id: 'c2',
      date: '2024-03-01',
      measures: { spend: 5, impressions: 500, clicks: 10, metaTrials: 1, estimatedRevenue: 15 },
      lists: { trial: ['u9'] },
    },
    { level: 'campaign', id: 'c3', date: '2024-02-20', measures: { spend: 100 } },
    // adsets
    { level: 'adset', id: 'as1', date: '2024-03-01', measures: { spend: 6 }, lists: { trial: ['u1'] } },
    { level: 'adset', id: 'as1', date: '2024-03-02', measures: { spend: 30 } },
    { level: 'adset', id: 'as2', date: '2024-02-27', measures: { spend: 7 } },
    { level: 'adset', id: 'as3', date: '2024-03-01', measures: { spend: 5 } },
    // ads
    { level: 'ad', id: 'ad1', date: '2024-03-01', measures: { spend: 4 } },
    { level: 'ad', id: 'ad2', date: '2024-03-02', measures: { spend: 30 } },
    { level: 'ad', id: 'ad3', date: '2024-03-01', measures: { spend: 5 } },
    { level: 'ad', id: 'ad5', date: '2024-03-01', lists: { trial: ['u2'] } },
    // c1 country breakdown, consistent with c1's daily rows: US 6+26, UNKNOWN 20, DE 4 and FR 4 (a spend
    // tie, ordered by value); a GB row outside the range and a device row that COUNTRY must not see.
    { level: 'campaign', id: 'c1', date: '2024-03-01', breakdown: { dimension: 'country', value: 'US' }, measures: { spend: 6, clicks: 30, metaTrials: 2 }, lists: { trial: ['u1'] } },
    { level: 'campaign', id: 'c1', date: '2024-03-01', breakdown: { dimension: 'country', value: 'DE' }, measures: { spend: 4, clicks: 10, metaTrials: 2 }, lists: { trial: ['u2'] } },
    { level: 'campaign', id: 'c1', date: '2024-03-02', breakdown: { dimension: 'country', value: 'US' }, measures: { spend: 26, clicks: 60, metaTrials: 2, metaPurchases: 1 }, lists: { trial: ['u5'], purchase: ['u3'] } },
    { level: 'campaign', id: 'c1', date: '2024-03-02', breakdown: { dimension: 'country', value: 'FR' }, measures: { spend: 4 } },
    { level: 'campaign', id: 'c1', date: '2024-03-03', breakdown: { dimension: 'country', value: 'UNKNOWN' }, measures: { spend: 20, metaTrials: 2 }, lists: { trial: ['u10'] } },
    { level: 'campaign', id: 'c1', date: '2024-02-27', breakdown: { dimension: 'country', value: 'GB' }, measures: { spend: 7 } },
    { level: 'campaign', id: 'c1', date: '2024-03-01', breakdown: { dimension: 'device', value: 'ios' }, measures: { spend: 10 } },
  ],
};
