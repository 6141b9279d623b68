import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  BASE_MEASURES,
  DERIVED_FORMULAS,
  DERIVED_METRICS,
  computeMetrics,
  sumMeasures,
  toSql,
  zeroMeasures,
  type BaseMeasures,
} from '../../src/metrics/formulas.ts';
import { sqliteDialect } from '../../src/db/sqlite/dialect.ts';

const measures = (values: Partial<BaseMeasures>): BaseMeasures => ({ ...zeroMeasures(), ...values });

describe('metric formulas (M21–M26)', () => {
  it('M21 actual rates are ratios of counts, NULL on a zero denominator', () => {
    const m = computeMetrics(measures({ postTrialUsers: 8, convertedUsers: 2, trialRefundUsers: 1, purchases: 0 }));
    expect(m.trialConversionRateActual).toBe(0.25);
    expect(m.trialRefundRateActual).toBe(0.5);
    expect(m.purchaseRefundRateActual).toBeNull();
  });

  it('M22 accuracy: Mixpanel ÷ Meta; Meta zero gives 1.0 when Mixpanel has any, else NULL', () => {
    expect(computeMetrics(measures({ trials: 3, metaTrials: 4 })).trialAccuracyRatio).toBe(0.75);
    expect(computeMetrics(measures({ trials: 3, metaTrials: 0 })).trialAccuracyRatio).toBe(1);
    expect(computeMetrics(measures({ trials: 0, metaTrials: 0 })).trialAccuracyRatio).toBeNull();
    expect(computeMetrics(measures({ purchases: 0, metaPurchases: 5 })).purchaseAccuracyRatio).toBe(0);
  });

  it('M23 uses the purchase accuracy only when purchases exceed trials', () => {
    const trialSide = computeMetrics(measures({ trials: 2, metaTrials: 4, purchases: 1, metaPurchases: 4, estimatedRevenue: 100 }));
    expect(trialSide.adjustedEstimatedRevenue).toBe(200); // 100 ÷ 0.5 (trial accuracy)
    const purchaseSide = computeMetrics(measures({ trials: 1, metaTrials: 4, purchases: 2, metaPurchases: 8, estimatedRevenue: 100 }));
    expect(purchaseSide.adjustedEstimatedRevenue).toBe(400); // 100 ÷ 0.25 (purchase accuracy)
    const equal = computeMetrics(measures({ trials: 2, metaTrials: 8, purchases: 2, metaPurchases: 4, estimatedRevenue: 100 }));
    expect(equal.adjustedEstimatedRevenue).toBe(400); // not greater → trial accuracy 0.25
  });

  it('M23 keeps estimated revenue when the chosen accuracy is NULL or 0', () => {
    expect(computeMetrics(measures({ estimatedRevenue: 50 })).adjustedEstimatedRevenue).toBe(50);
    expect(computeMetrics(measures({ trials: 0, metaTrials: 3, estimatedRevenue: 50 })).adjustedEstimatedRevenue).toBe(50);
  });

  it('M24 profit and ROAS follow the adjusted revenue; ROAS is NULL without spend', () => {
    const m = computeMetrics(measures({ trials: 2, metaTrials: 4, estimatedRevenue: 30, spend: 20 }));
    expect(m.adjustedEstimatedRevenue).toBe(60);
    expect(m.profit).toBe(40);
    expect(m.roas).toBe(3);
    expect(computeMetrics(measures({ estimatedRevenue: 30 })).roas).toBeNull();
  });

  it('M25 costs and click-to-trial rate', () => {
    const m = computeMetrics(measures({ spend: 12, trials: 4, purchases: 3, metaTrials: 6, metaPurchases: 0, clicks: 40 }));
    expect(m.mixpanelCostPerTrial).toBe(3);
    expect(m.mixpanelCostPerPurchase).toBe(4);
    expect(m.metaCostPerTrial).toBe(2);
    expect(m.metaCostPerPurchase).toBeNull();
    expect(m.clickToTrialRate).toBe(0.1);
  });

  it('M26 data quality score, NULL for 0 ÷ 0', () => {
    const m = computeMetrics(measures({ trials: 3, metaTrials: 4, purchases: 2, metaPurchases: 1 }));
    expect(m.dataQualityScore).toBe((3 + 1) / (4 + 2));
    expect(computeMetrics(measures({})).dataQualityScore).toBeNull();
  });

  it('M19 estimated rates are sum ÷ count, NULL without rated rows; M17 net revenue', () => {
    const m = computeMetrics(measures({ trialConversionRateSum: 0.9, trialConversionRateCount: 3, actualRevenue: 10, actualRefunds: 4 }));
    expect(m.trialConversionRateEstimated).toBeCloseTo(0.3, 15);
    expect(m.trialRefundRateEstimated).toBeNull();
    expect(m.netActualRevenue).toBe(6);
  });

  it('a range total is the ratio of sums, not the mean of daily ratios', () => {
    const day1 = measures({ postTrialUsers: 1, convertedUsers: 1 });
    const day2 = measures({ postTrialUsers: 3, convertedUsers: 0 });
    expect(computeMetrics(sumMeasures([day1, day2])).trialConversionRateActual).toBe(0.25); // mean of ratios would be 0.5
  });

  it('the SQL compilation gives the same values as the TypeScript evaluation', () => {
    const db = new Database(':memory:');
    const cases = [
      measures({ trials: 2, metaTrials: 4, purchases: 1, metaPurchases: 4, estimatedRevenue: 100, spend: 7 }),
      measures({ trials: 1, metaTrials: 0, purchases: 3, metaPurchases: 2, estimatedRevenue: 10, spend: 0, clicks: 9 }),
      measures({}),
      measures({ trials: 0, metaTrials: 3, estimatedRevenue: 5, spend: 2.5, postTrialUsers: 3, convertedUsers: 1 }),
    ];
    for (const values of cases) {
      const params = Object.fromEntries(BASE_MEASURES.map((name) => [name, values[name]]));
      const select = DERIVED_METRICS.map((name) => `${toSql(DERIVED_FORMULAS[name], (m) => `@${m}`, sqliteDialect)} AS ${name}`).join(', ');
      const fromSql = db.prepare(`SELECT ${select}`).get(params) as Record<string, number | null>;
      const expected = computeMetrics(values);
      for (const name of DERIVED_METRICS) expect(fromSql[name], name).toBe(expected[name]);
    }
  });
});
