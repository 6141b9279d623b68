/**
 * Period comparison (api.md "Period comparison") and counts past 2^31 (api.md "Large counts"),
 * against a small hand-worked fixture. Range R = 2024-03-08..14, compared with P = 2024-03-01..07.
 *
 * Campaign c1 has rows in both periods; c3 only in P (so it is not in the tree over R, M30).
 * Adset s1 (c1) has ad a1 with rows in both periods and ad a2 with rows in R only.
 * c1's country breakdown: US in both periods, GB in R only, FR in P only.
 * Campaign c2 has a day of 3 billion impressions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardDocument } from '../../src/generated/graphql.ts';
import { BACKENDS } from '../fixtures/backends.ts';
import { createTestApi, ZERO_METRICS, type AppData, type DailyRow, type TestApi } from './fixture.ts';

const R = { start: '2024-03-08', end: '2024-03-14' };
const P = { start: '2024-03-01', end: '2024-03-07' };

const row = (level: DailyRow['level'], id: string, date: string, rest: Omit<DailyRow, 'level' | 'id' | 'date'>): DailyRow => ({
  level,
  id,
  date,
  ...rest,
});
const country = (value: string) => ({ dimension: 'country' as const, value });

const DATA: AppData = {
  published: { asOf: '2024-03-14', timezone: 'UTC' },
  names: [
    ['campaign', 'c1', 'Main', 3, '2024-03-14'],
    ['campaign', 'c2', 'Reach', 1, '2024-03-14'],
    ['campaign', 'c3', 'Old', 1, '2024-03-03'],
    ['adset', 's1', 'Set', 3, '2024-03-14'],
    ['ad', 'a1', 'Ad one', 3, '2024-03-14'],
    ['ad', 'a2', 'Ad two', 1, '2024-03-10'],
  ],
  adsetCampaigns: [['s1', 'c1']],
  links: [
    ['a1', 's1', 'c1', 1, '2024-03-02', '2024-03-08'],
    ['a2', 's1', 'c1', 1, '2024-03-10', '2024-03-10'],
  ],
  rows: [
    // c1 in R: one day.
    row('campaign', 'c1', '2024-03-08', {
      measures: { spend: 30, impressions: 1000, clicks: 40, metaTrials: 4, metaPurchases: 1, estimatedRevenue: 60 },
      lists: { trial: ['u1', 'u2'], purchase: ['u3'], postTrial: ['u1', 'u2'], converted: ['u1'] },
    }),
    // c1 in P: two days, summed before the formulas.
    row('campaign', 'c1', '2024-03-02', {
      measures: { spend: 20, impressions: 500, clicks: 10, metaTrials: 2, estimatedRevenue: 10 },
      lists: { trial: ['u4'], postTrial: ['u4'] },
    }),
    row('campaign', 'c1', '2024-03-05', {
      measures: { spend: 20, impressions: 500, clicks: 10, metaTrials: 2, estimatedRevenue: 20 },
      lists: { trial: ['u5'], postTrial: ['u5'], converted: ['u5'] },
    }),
    row('campaign', 'c3', '2024-03-03', { measures: { spend: 7, impressions: 70, clicks: 1 } }),
    row('campaign', 'c2', '2024-03-09', { measures: { spend: 1, impressions: 3_000_000_000, clicks: 2_000_000_000 } }),
    row('campaign', 'c2', '2024-03-10', { measures: { spend: 1, impressions: 1_500_000_000, clicks: 500_000_000 } }),
    row('adset', 's1', '2024-03-08', { measures: { spend: 30 } }),
    row('adset', 's1', '2024-03-02', { measures: { spend: 40 } }),
    row('ad', 'a1', '2024-03-08', { measures: { spend: 25, clicks: 5 } }),
    row('ad', 'a1', '2024-03-02', { measures: { spend: 40, clicks: 8 }, lists: { trial: ['u4'] } }),
    row('ad', 'a2', '2024-03-10', { measures: { spend: 5, impressions: 100, clicks: 2 } }),
    row('campaign', 'c1', '2024-03-08', { breakdown: country('US'), measures: { spend: 20 }, lists: { trial: ['u1'] } }),
    row('campaign', 'c1', '2024-03-08', { breakdown: country('GB'), measures: { spend: 10 }, lists: { trial: ['u2'] } }),
    row('campaign', 'c1', '2024-03-02', { breakdown: country('US'), measures: { spend: 15 }, lists: { trial: ['u4'] } }),
    row('campaign', 'c1', '2024-03-05', { breakdown: country('FR'), measures: { spend: 25 }, lists: { trial: ['u5'] } }),
  ],
};


const ALL_METRICS = `spend impressions clicks metaTrials metaPurchases trials purchases postTrialUsers convertedUsers
  trialRefundUsers purchaseRefundUsers trialConversionRateEstimated trialConversionRateActual trialRefundRateEstimated
  trialRefundRateActual purchaseRefundRateEstimated purchaseRefundRateActual actualRevenue actualRefunds netActualRevenue
  estimatedRevenue adjustedEstimatedRevenue profit roas trialAccuracyRatio purchaseAccuracyRatio mixpanelCostPerTrial
  mixpanelCostPerPurchase metaCostPerTrial metaCostPerPurchase clickToTrialRate dataQualityScore`;


describe.each(BACKENDS)('[%s]', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(DATA, {}, backend);
  });
  afterAll(() => api.cleanup());

  async function query(text: string, variables: Record<string, unknown> = {}) {
    const result = await api.runText(text, variables);
    expect(result.errors).toBeUndefined();
    return result.data as any;
  }

  describe('period comparison (api.md)', () => {
    it('M21–M26 an entity\'s comparison applies every formula to the base measures summed over compareTo', async () => {
      const data = await query(
        `query($range: DateRangeInput!, $compareTo: DateRangeInput) {
          entity(level: CAMPAIGN, id: "c1", range: $range, compareTo: $compareTo) {
            metrics { spend trials roas } comparison { ${ALL_METRICS} } } }`,
        { range: R, compareTo: P },
      );
      expect(data.entity.metrics).toEqual({ spend: 30, trials: 2, roas: 4 }); // R: 60 / (2/4) = 120 adjusted; 120 / 30
      expect(data.entity.comparison).toEqual({
        ...ZERO_METRICS,
        // P sums over 03-02 and 03-05
        spend: 40, impressions: 1000, clicks: 20, metaTrials: 4, trials: 2, postTrialUsers: 2, convertedUsers: 1,
        estimatedRevenue: 30,
        trialConversionRateActual: 0.5, // M21: 1 / 2
        trialRefundRateActual: 0, // M21: 0 / 1
        trialAccuracyRatio: 0.5, // M22: 2 / 4; purchase accuracy NULL (0 Meta and 0 Mixpanel purchases)
        adjustedEstimatedRevenue: 60, // M23: purchases 0 ≤ trials 2 → 30 / 0.5
        profit: 20, // M24: 60 − 40
        roas: 1.5, // M24: 60 / 40
        mixpanelCostPerTrial: 20, metaCostPerTrial: 10, clickToTrialRate: 0.1, // M25: 40/2, 40/4, 2/20; per purchase NULL
        dataQualityScore: 0.5, // M26: (min(2,4) + min(0,0)) / (max(2,4) + max(0,0))
      });
    });

    it('comparison is null without compareTo, on entities, breakdown rows and the overview', async () => {
      const data = await query(
        `query($range: DateRangeInput!) {
          entity(level: CAMPAIGN, id: "c1", range: $range) { comparison { spend } breakdown(by: COUNTRY) { comparison { spend } } }
          overview(range: $range) { comparison { spend } } }`,
        { range: R },
      );
      expect(data.entity.comparison).toBeNull();
      expect(data.entity.breakdown).toEqual([{ comparison: null }, { comparison: null }]);
      expect(data.overview.comparison).toBeNull();
    });

    it('M30 tree membership follows range only; an entity without rows in compareTo compares with zeros and NULL ratios', async () => {
      const text = `query($range: DateRangeInput!, $compareTo: DateRangeInput, $inactive: Boolean) {
        campaigns(range: $range, compareTo: $compareTo, includeInactive: $inactive) {
          id metrics { spend } comparison { spend }
          adsets { id comparison { spend } ads { id metrics { spend } comparison { ${ALL_METRICS} } } } } }`;
      const active = await query(text, { range: R, compareTo: P });
      // c3 has rows in P only: not listed over R (M30), though it would have a comparison.
      expect(active.campaigns.map((c: any) => [c.id, c.metrics.spend, c.comparison.spend])).toEqual([
        ['c1', 30, 40],
        ['c2', 2, 0],
      ]);
      const [set] = active.campaigns[0].adsets;
      expect(set.comparison).toEqual({ spend: 40 });
      expect(set.ads.map((ad: any) => [ad.id, ad.metrics.spend])).toEqual([['a1', 25], ['a2', 5]]);
      expect(set.ads[0].comparison).toMatchObject({ spend: 40, clicks: 8, trials: 1, mixpanelCostPerTrial: 40, clickToTrialRate: 0.125 });
      expect(set.ads[1].comparison).toEqual(ZERO_METRICS); // a2: no rows in P (M27)

      const all = await query(text, { range: R, compareTo: P, inactive: true });
      expect(all.campaigns.map((c: any) => [c.id, c.metrics.spend, c.comparison.spend])).toEqual([
        ['c1', 30, 40],
        ['c2', 2, 0],
        ['c3', 0, 7],
      ]);
    });

    it('M28 breakdown values follow range; a value without rows in compareTo compares with zeros, one only in compareTo is not listed', async () => {
      const data = await query(
        `query($range: DateRangeInput!, $compareTo: DateRangeInput) {
          entity(level: CAMPAIGN, id: "c1", range: $range, compareTo: $compareTo) {
            breakdown(by: COUNTRY) { value metrics { spend trials } comparison { ${ALL_METRICS} userIds(list: TRIAL) } } } }`,
        { range: R, compareTo: P },
      );
      const [us, gb, ...rest] = data.entity.breakdown;
      expect(rest).toEqual([]); // FR has rows in P only
      expect(us.value).toBe('US');
      expect(us.metrics).toEqual({ spend: 20, trials: 1 });
      // US over P: spend 15, one trial user (u4); M25: 15 / 1; M22: 1 Mixpanel trial, 0 Meta → 1.0
      expect(us.comparison).toEqual({
        ...ZERO_METRICS,
        spend: 15, trials: 1, mixpanelCostPerTrial: 15, trialAccuracyRatio: 1, userIds: ['u4'],
        profit: -15, roas: 0, // M24: no estimated revenue, so 0 − 15 and 0 / 15
        dataQualityScore: 0, // M26: (min(1,0) + 0) / (max(1,0) + 0)
      });
      expect(gb.value).toBe('GB');
      expect(gb.comparison).toEqual({ ...ZERO_METRICS, userIds: [] });
    });

    it('M29 the overview compares the account total over compareTo', async () => {
      const data = await query(
        `query($range: DateRangeInput!, $compareTo: DateRangeInput) {
          overview(range: $range, compareTo: $compareTo) { metrics { spend } comparison { spend impressions trials roas } } }`,
        { range: R, compareTo: P },
      );
      // R: c1 30 + c2 2; P: c1 40 + c3 7 (c3 is in the account total though not in the tree over R)
      expect(data.overview.metrics).toEqual({ spend: 32 });
      // P: est. 30, trial accuracy 2/4 → adjusted 60 (M23); ROAS 60 / 47 (M24)
      expect(data.overview.comparison).toEqual({ spend: 47, impressions: 1070, trials: 2, roas: 60 / 47 });
    });

    it('compareTo has the limits of range: end before start is BAD_USER_INPUT naming compareTo', async () => {
      const result = await api.runText(
        `query($range: DateRangeInput!, $compareTo: DateRangeInput) { overview(range: $range, compareTo: $compareTo) { comparison { spend } } }`,
        { range: R, compareTo: { start: '2024-03-07', end: '2024-03-01' } },
      );
      expect(result.errors?.[0]?.message).toBe('Invalid compareTo: end 2024-03-01 is before start 2024-03-07.');
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('the Dashboard operation asks for comparisons with the same statements for any number of nodes', async () => {
      api.resetStatements();
      const without = await api.run(DashboardDocument, { range: R });
      const statementsWithout = api.statements.length;
      api.resetStatements();
      const withComparison = await api.run(DashboardDocument, { range: R, compareTo: P });
      expect(withComparison.errors).toBeUndefined();
      expect(withComparison.data!.campaigns[0]!.comparison!.spend).toBe(40);
      expect(withComparison.data!.campaigns[0]!.breakdown.map((b) => [b.value, b.comparison!.spend])).toEqual([
        ['US', 15],
        ['GB', 0],
      ]);
      expect(without.data!.campaigns[0]!.comparison).toBeNull();
      // one range sum per level over compareTo, and one breakdown statement
      expect(api.statements.length).toBe(statementsWithout + 4);
    });
  });

  describe('compiled execution (src/compiled-execution.ts)', () => {
    it('a repeated document, compiled from its second request on, answers exactly as graphql-js did the first time', async () => {
      const variables = { range: R, compareTo: P };
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await api.run(DashboardDocument, variables));
      expect(runs[0]!.errors).toBeUndefined();
      expect(runs[1]).toEqual(runs[0]);
      expect(runs[2]).toEqual(runs[0]);
    });

    it('a repeated document with a variable that does not coerce gets graphql-js\'s error naming the problem', async () => {
      const text = `query($range: DateRangeInput!) { overview(range: $range) { metrics { spend } } }`;
      await query(text, { range: R });
      const bad = await api.runText(text, { range: { start: '2024-02-30', end: '2024-03-01' } });
      expect(bad.errors?.[0]?.message).toContain('Invalid Date "2024-02-30"');
    });
  });

  describe('Count: impressions and clicks past 2^31 (api.md "Large counts")', () => {
    it('a day of 3 billion impressions and a range summing past 2^31 are exact JSON numbers', async () => {
      const response = await api.yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `query($range: DateRangeInput!) { entity(level: CAMPAIGN, id: "c2", range: $range) {
            metrics { impressions clicks } daily { date metrics { impressions clicks } } } }`,
          variables: { range: { start: '2024-03-09', end: '2024-03-10' } },
        }),
      });
      const text = await response.text();
      // JSON numbers, not strings: 3e9 + 1.5e9 and 2e9 + 0.5e9 (both above 2^31 − 1 = 2147483647)
      expect(text).toContain('"metrics":{"impressions":4500000000,"clicks":2500000000}');
      expect(JSON.parse(text).data.entity.daily).toEqual([
        { date: '2024-03-09', metrics: { impressions: 3_000_000_000, clicks: 2_000_000_000 } },
        { date: '2024-03-10', metrics: { impressions: 1_500_000_000, clicks: 500_000_000 } },
      ]);
    });

    it('the schema types impressions and clicks as Count, other counts stay Int', async () => {
      const data = await query(`{ __type(name: "Metrics") { fields { name type { ofType { name } } } } }`);
      const typeOf = (name: string) => data.__type.fields.find((field: any) => field.name === name).type.ofType.name;
      expect([typeOf('impressions'), typeOf('clicks'), typeOf('trials'), typeOf('metaTrials')]).toEqual(['Count', 'Count', 'Int', 'Int']);
    });
  });
});
