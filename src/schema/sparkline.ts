/** `SparkPoint` and `AdEntity.sparkline` (one point per day, zero-filled; M27). */
import type { BaseMeasures } from '../metrics/formulas.ts';
import { metricValue } from '../metrics/formulas.ts';
import type { DayRange } from '../db/tables/daily-metrics-reads.ts';
import { builder } from './builder.ts';
import { addDays, daysOf } from './date.ts';
import { AdEntity } from './entity.ts';
import { checkedCount, MAX_SPARKLINE_DAYS } from './limits.ts';
import { MetricFieldEnum, NO_ROW, type MetricField } from './metrics.ts';

export interface SparkPointShape {
  date: string;
  value: number | null;
}

export const SparkPoint = builder.objectRef<SparkPointShape>('SparkPoint').implement({
  fields: (t) => ({
    date: t.field({ type: 'Date', resolve: (point) => point.date }),
    value: t.float({ nullable: true, resolve: (point) => point.value }),
  }),
});

/** The `days` days ending at `end`, after checking `days` is within 1..366. */
export function sparklineWindow(end: string, days: number): DayRange {
  checkedCount(days, 'days', 1, MAX_SPARKLINE_DAYS);
  return { start: addDays(end, 1 - days), end };
}

/** One point per day of the window from that day's base measures; days without a row are zero (M27). */
export const sparklinePoints = (window: DayRange, metric: MetricField, rows: Map<string, BaseMeasures>) =>
  daysOf(window).map((date) => ({ date, value: metricValue(metric, rows.get(date) ?? NO_ROW) }));

export const SPARKLINE_DESCRIPTION =
  'One point per day of the `days` days (1..366) ending at the range end; a day without data counts as zero, so ratios are NULL there.';

builder.interfaceField(AdEntity, 'sparkline', (t) =>
  t.field({
    type: [SparkPoint],
    description: SPARKLINE_DESCRIPTION,
    args: {
      metric: t.arg({ type: MetricFieldEnum, required: true }),
      days: t.arg.int({ defaultValue: 14 }),
    },
    resolve: async (entity, { metric, days }, ctx) => {
      const window = sparklineWindow(entity.range.end, days ?? 14);
      const rows = await ctx.loaders.dailyMeasures.load({ ...entity, range: window });
      return sparklinePoints(window, metric, rows);
    },
  }),
);
