/** Every Metrics field, ranges, days, breakdowns, sparklines and user lists against hand-worked values. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DailyMetricsDocument,
  EntityDocument,
  OverviewDocument,
  UserIdsDocument,
} from '../../src/generated/graphql.ts';
import { APP_DATA, RANGE } from './data.ts';
import { BACKENDS } from '../fixtures/backends.ts';
import { createTestApi, ZERO_METRICS, type TestApi } from './fixture.ts';

describe.each(BACKENDS)('[%s]', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(APP_DATA, {}, backend);
  });
  afterAll(() => api.cleanup());

  async function entity(level: 'CAMPAIGN' | 'ADSET' | 'AD', id: string, extra: { metric?: 'ROAS' | 'SPEND'; days?: number; by?: 'COUNTRY' | 'DEVICE' } = {}) {
    const result = await api.run(EntityDocument, { level, id, range: RANGE, ...extra });
    expect(result.errors).toBeUndefined();
    return result.data!.entity!;
  }

  describe('range totals of an entity (M21–M26 over 2024-03-01..03)', () => {
    it('M21–M26 every Metrics field of c1 is computed from the base measures summed over the range', async () => {
      const { metrics } = await entity('CAMPAIGN', 'c1');
      expect(metrics).toEqual({
        // sums of the three daily rows
        spend: 60, impressions: 6000, clicks: 100, metaTrials: 8, metaPurchases: 1,
        trials: 4, purchases: 1, postTrialUsers: 2, convertedUsers: 1, trialRefundUsers: 0, purchaseRefundUsers: 1,
        actualRevenue: 70, actualRefunds: 50, estimatedRevenue: 40,
        // M19: (0.5 + 0.25) / (2 + 1); 0.25 / 2; 0.5 / 1
        trialConversionRateEstimated: 0.25, trialRefundRateEstimated: 0.125, purchaseRefundRateEstimated: 0.5,
        // M21: 1/2, 0/1, 1/1
        trialConversionRateActual: 0.5, trialRefundRateActual: 0, purchaseRefundRateActual: 1,
        netActualRevenue: 20, // M17: 70 − 50
        trialAccuracyRatio: 0.5, // M22: 4 / 8
        purchaseAccuracyRatio: 1, // M22: 1 / 1
        adjustedEstimatedRevenue: 80, // M23: purchases 1 ≤ trials 4 → 40 / 0.5
        profit: 20, // M24: 80 − 60
        roas: 80 / 60,
        mixpanelCostPerTrial: 15, mixpanelCostPerPurchase: 60, metaCostPerTrial: 7.5, metaCostPerPurchase: 60, // M25
        clickToTrialRate: 0.04, // M25: 4 / 100
        dataQualityScore: 5 / 9, // M26: (min(4,8) + min(1,1)) / (max(4,8) + max(1,1))
      });
    });

    it('M24 a range ROAS is the ratio of the sums, not the mean of the daily ratios', async () => {
      const { metrics, daily } = await entity('CAMPAIGN', 'c1');
      const dailyRoas = daily.map((day) => day.metrics.roas);
      expect(dailyRoas).toEqual([6, 20 / 30, 0]); // 30/0.5 ÷ 10; 10/0.5 ÷ 30; 0 ÷ 20
      expect(metrics.roas).toBe(80 / 60);
      expect(metrics.roas).not.toBeCloseTo((6 + 20 / 30 + 0) / 3, 3);
    });

    it('M27 an entity without rows in the range has zero base measures and NULL ratios', async () => {
      const result = await api.run(EntityDocument, { level: 'CAMPAIGN', id: 'c3', range: RANGE });
      expect(result.data!.entity!.metrics).toEqual(ZERO_METRICS);
      expect(result.data!.entity!.breakdown).toEqual([]);
    });
  });

  describe('daily rows and sparklines (M27)', () => {
    it('M27 AdEntity.daily has one row per day of the range, zero-filled with NULL ratios', async () => {
      const { daily } = await entity('CAMPAIGN', 'c2');
      expect(daily).toEqual([
        { date: '2024-03-01', level: 'CAMPAIGN', entityId: 'c2', metrics: { spend: 5, trials: 1, roas: 3 } },
        { date: '2024-03-02', level: 'CAMPAIGN', entityId: 'c2', metrics: { spend: 0, trials: 0, roas: null } },
        { date: '2024-03-03', level: 'CAMPAIGN', entityId: 'c2', metrics: { spend: 0, trials: 0, roas: null } },
      ]);
    });

    it('M27 a sparkline has a point per day of the `days` days ending at range.end; empty days are NULL ratios', async () => {
      const { sparkline } = await entity('CAMPAIGN', 'c1', { metric: 'ROAS', days: 5 });
      expect(sparkline).toEqual([
        { date: '2024-02-28', value: null },
        { date: '2024-02-29', value: null },
        { date: '2024-03-01', value: 6 },
        { date: '2024-03-02', value: 20 / 30 },
        { date: '2024-03-03', value: 0 },
      ]);
    });

    it('M27 a sparkline reaches before range.start and fills empty days with zero', async () => {
      const { sparkline } = await entity('CAMPAIGN', 'c1', { metric: 'SPEND', days: 6 });
      expect(sparkline.map((point) => point.value)).toEqual([7, 0, 0, 10, 30, 20]);
    });

    it('sparkline days default to 14', async () => {
      const { sparkline } = await entity('AD', 'ad1');
      expect(sparkline).toHaveLength(14);
      expect(sparkline[0]!.date).toBe('2024-02-19');
      expect(sparkline.at(-1)).toEqual({ date: '2024-03-03', value: null }); // ROAS of a zero day
    });

    it('M27 Query.dailyMetrics returns the stored rows in the range, by entity id then date', async () => {
      const result = await api.run(DailyMetricsDocument, { level: 'CAMPAIGN', ids: ['c2', 'c1', 'c3', 'missing'], range: RANGE });
      expect(result.errors).toBeUndefined();
      const rows = result.data!.dailyMetrics;
      expect(rows.map((row) => [row.entityId, row.date, row.level])).toEqual([
        ['c1', '2024-03-01', 'CAMPAIGN'],
        ['c1', '2024-03-02', 'CAMPAIGN'],
        ['c1', '2024-03-03', 'CAMPAIGN'],
        ['c2', '2024-03-01', 'CAMPAIGN'],
      ]);
      expect(rows[1]!.metrics).toMatchObject({
        spend: 30, purchases: 1, purchaseRefundUsers: 1, actualRefunds: 50, netActualRevenue: 0,
        trialAccuracyRatio: 0.5, adjustedEstimatedRevenue: 20, roas: 20 / 30, purchaseRefundRateEstimated: 0.5,
      });
    });
  });

  describe('breakdowns (M28)', () => {
    it('M28 each canonical value sums its rows over the range, ordered by spend then value', async () => {
      const { breakdown } = await entity('CAMPAIGN', 'c1', { by: 'COUNTRY' });
      expect(breakdown.map((row) => [row.dimension, row.value, row.metrics.spend])).toEqual([
        ['COUNTRY', 'US', 32],
        ['COUNTRY', 'UNKNOWN', 20],
        ['COUNTRY', 'DE', 4],
        ['COUNTRY', 'FR', 4],
      ]);
      expect(breakdown[0]!.metrics).toMatchObject({
        clicks: 90, metaTrials: 4, metaPurchases: 1, trials: 2, purchases: 1,
        trialAccuracyRatio: 0.5, // 2 / 4
        clickToTrialRate: 2 / 90,
        dataQualityScore: 0.6, // (2 + 1) / (4 + 1)
        mixpanelCostPerTrial: 16, // 32 / 2
      });
      expect(breakdown[3]!.metrics).toMatchObject({ trials: 0, mixpanelCostPerTrial: null, trialAccuracyRatio: null });
    });

    it('M28 the values of a breakdown sum to the entity totals', async () => {
      const { breakdown, metrics } = await entity('CAMPAIGN', 'c1', { by: 'COUNTRY' });
      for (const measure of ['spend', 'clicks', 'metaTrials', 'trials', 'purchases'] as const) {
        expect(breakdown.reduce((sum, row) => sum + row.metrics[measure], 0)).toBe(metrics[measure]);
      }
    });

    it('M28 a breakdown reads only the asked dimension', async () => {
      const { breakdown } = await entity('CAMPAIGN', 'c1', { by: 'DEVICE' });
      expect(breakdown.map((row) => [row.value, row.metrics.spend])).toEqual([['ios', 10]]);
    });
  });

  describe('user lists (M15)', () => {
    it('M15 userIds is the union of the daily lists over the range, sorted ascending by code point', async () => {
      const result = await api.run(UserIdsDocument, { level: 'CAMPAIGN', id: 'c1', range: RANGE, list: 'TRIAL' });
      expect(result.errors).toBeUndefined();
      const entity = result.data!.entity!;
      expect(entity.metrics.userIds).toEqual(['u1', 'u10', 'u2', 'u5']);
      expect(entity.breakdown.map((row) => [row.value, row.metrics.userIds])).toEqual([
        ['US', ['u1', 'u5']],
        ['UNKNOWN', ['u10']],
        ['DE', ['u2']],
        ['FR', []],
      ]);
      expect(entity.daily.map((day) => day.metrics.userIds)).toEqual([['u1', 'u2'], ['u5'], ['u10']]);
    });

    it('M15 every list type is served, each with its count equal to its length', async () => {
      const lists = { TRIAL: 4, PURCHASE: 1, POST_TRIAL: 2, CONVERTED: 1, TRIAL_REFUND: 0, PURCHASE_REFUND: 1 } as const;
      const expected = { TRIAL: ['u1', 'u10', 'u2', 'u5'], PURCHASE: ['u3'], POST_TRIAL: ['u1', 'u2'], CONVERTED: ['u1'], TRIAL_REFUND: [], PURCHASE_REFUND: ['u3'] };
      for (const [list, count] of Object.entries(lists) as [keyof typeof lists, number][]) {
        const result = await api.run(UserIdsDocument, { level: 'CAMPAIGN', id: 'c1', range: RANGE, list });
        expect(result.data!.entity!.metrics.userIds).toEqual(expected[list]);
        expect(result.data!.entity!.metrics.userIds).toHaveLength(count);
      }
    });

    it('M15 user ids are read only when asked for', async () => {
      api.resetStatements();
      await entity('CAMPAIGN', 'c1');
      expect(api.statements.length).toBeGreaterThan(0);
      expect(api.statements.some((sql) => sql.includes('_user_ids'))).toBe(false);
    });
  });

  describe('overview (M29)', () => {
    it('M29 the account total sums campaign-level base measures, then applies the formulas', async () => {
      const result = await api.run(OverviewDocument, { range: RANGE, metric: 'SPEND' });
      expect(result.errors).toBeUndefined();
      const { metrics, sparkline } = result.data!.overview;
      expect(metrics).toMatchObject({
        spend: 65, impressions: 6500, clicks: 110, metaTrials: 9, metaPurchases: 1, trials: 5, purchases: 1,
        estimatedRevenue: 55,
        trialAccuracyRatio: 5 / 9,
        adjustedEstimatedRevenue: 55 / (5 / 9),
        roas: 55 / (5 / 9) / 65,
        dataQualityScore: 6 / 10, // (min(5,9) + min(1,1)) / (max(5,9) + max(1,1))
        userIds: ['u1', 'u10', 'u2', 'u5', 'u9'],
      });
      // 28 days by default, ending 2024-03-03; c3's day 02-20 and c1's 02-27 fall inside.
      expect(sparkline).toHaveLength(28);
      expect(sparkline[0]!.date).toBe('2024-02-05'); // 2024 is a leap year
      expect(sparkline.filter((point) => point.value !== 0)).toEqual([
        { date: '2024-02-20', value: 100 },
        { date: '2024-02-27', value: 7 },
        { date: '2024-03-01', value: 15 },
        { date: '2024-03-02', value: 30 },
        { date: '2024-03-03', value: 20 },
      ]);
    });
  });
});
