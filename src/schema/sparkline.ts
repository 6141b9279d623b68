/** `SparkPoint` and `AdEntity.sparkline` (one point per day, zero-filled; M27). */
import { metricValue } from '../metrics/formulas.ts';
import type { DayRange } from '../db/tables/daily-metrics-reads.ts';
import { builder } from './builder.ts';
import { addDays, daysOf, PERIOD_ARGUMENT_WHY } from './date.ts';
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

/**
 * One point per day of the window: the day's value, or for a day without a row (M27) the metric of
 * zero base measures (0 for sums, NULL for ratios).
 */
export function sparklinePoints(window: DayRange, metric: MetricField, values: Map<string, number | null>): SparkPointShape[] {
  const noRowValue = metricValue(metric, NO_ROW);
  return daysOf(window).map((date) => ({ date, value: values.has(date) ? values.get(date)! : noRowValue }));
}

export const SPARKLINE_DESCRIPTION =
  'One point per day of the `days` days (1..366) ending at the range end; a day without data counts as zero, so ratios are NULL there.';

builder.interfaceField(AdEntity, 'sparkline', (t) =>
  t.field({
    type: [SparkPoint],
    description: SPARKLINE_DESCRIPTION,
    args: {
      metric: t.arg({ type: MetricFieldEnum, required: true }),
      days: t.arg.int({ defaultValue: 14 }),
      end: t.arg({ type: 'Date', description: `The last day of the sparkline; absent, the end of the root field's \`range\`. ${PERIOD_ARGUMENT_WHY}` }),
    },
    resolve: async (entity, { metric, days, end }, ctx) => {
      const window = sparklineWindow(end ?? entity.range.end, days ?? 14);
      return sparklinePoints(window, metric, await ctx.loaders.dailyMetric.load({ level: entity.level, id: entity.id, range: window, metric }));
    },
  }),
);
