/**
 * The lists that must stay in step with the formulas module (metrics.md M20–M26) are keyed by its
 * unions, so the compiler names a list that misses a new measure, metric or dimension. The
 * `@ts-expect-error` lines below are checked by `npm run typecheck`: each shows that a name the
 * list lacks fails to compile (if the list stopped being exhaustive, the directive itself would fail).
 */
import { describe, expect, it } from 'vitest';
import { DIMENSION_SIZE_RANK, DIMENSIONS_LARGEST_FIRST, MEASURE_AGGREGATES } from '../../pipeline/aggregate.ts';
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension } from '../../src/db/tables/daily-metrics.ts';
import { BASE_MEASURES, DERIVED_METRICS, META_MEASURES, MIXPANEL_MEASURES, type BaseMeasure } from '../../src/metrics/formulas.ts';
// The schema is built first: its type modules are loaded by schema/index.ts, after the builder.
import '../../src/schema/index.ts';
import { METRIC_FIELDS } from '../../src/schema/metrics.ts';

describe('lists derived from the formulas module or checked by the compiler', () => {
  it('every base measure has an aggregate (M16–M20); a new measure without one does not compile', () => {
    expect(Object.keys(MEASURE_AGGREGATES).sort()).toEqual([...BASE_MEASURES].sort());
    // @ts-expect-error a base measure the aggregates do not name
    const aggregateOfNewMeasure: Record<BaseMeasure | 'newMeasure', unknown> = MEASURE_AGGREGATES;
    expect(aggregateOfNewMeasure).toBeDefined();
  });

  it('the Meta measures (M20) are the five Meta columns, the rest come from Mixpanel', () => {
    expect(META_MEASURES).toEqual(['spend', 'impressions', 'clicks', 'metaTrials', 'metaPurchases']);
    expect([...META_MEASURES, ...MIXPANEL_MEASURES].sort()).toEqual([...BASE_MEASURES].sort());
  });

  it('the API serves every derived metric (M21–M26) and every base measure but the M19 sums and counts', () => {
    for (const name of DERIVED_METRICS) expect(METRIC_FIELDS).toContain(name);
    const unserved = BASE_MEASURES.filter((name) => !(METRIC_FIELDS as readonly string[]).includes(name));
    expect(unserved).toEqual([
      'trialConversionRateSum',
      'trialConversionRateCount',
      'trialRefundRateSum',
      'trialRefundRateCount',
      'purchaseRefundRateSum',
      'purchaseRefundRateCount',
    ]);
  });

  it('every breakdown dimension (M28) is computed and checked, largest first', () => {
    expect([...DIMENSIONS_LARGEST_FIRST].sort()).toEqual([...BREAKDOWN_DIMENSIONS].sort());
    expect(DIMENSIONS_LARGEST_FIRST).toEqual(['region', 'country', 'device']);
    // @ts-expect-error a dimension the ranking does not name
    const rankOfNewDimension: Record<BreakdownDimension | 'newDimension', number> = DIMENSION_SIZE_RANK;
    expect(rankOfNewDimension).toBeDefined();
  });
});
