/** `Overview` and `Query.overview`: the account total over campaign-level rows (M29). */
import { levelTotal, levelTotalByDay, type DayRange } from '../db/tables/daily-metrics-reads.ts';
import { metricValue } from '../metrics/formulas.ts';
import { builder } from './builder.ts';
import { checkedRange, DateRangeInput } from './date.ts';
import { requirePublished } from './errors.ts';
import { Metrics, MetricFieldEnum, metricsOf } from './metrics.ts';
import { SparkPoint, SPARKLINE_DESCRIPTION, sparklinePoints, sparklineWindow } from './sparkline.ts';

const Overview = builder.objectRef<{ range: DayRange }>('Overview').implement({
  description: 'The account total (M29): the sum of campaign-level base measures, then the formulas.',
  fields: (t) => ({
    metrics: t.field({
      type: Metrics,
      resolve: async ({ range }, _, ctx) =>
        metricsOf(await levelTotal(ctx.db, 'campaign', range), { level: 'campaign', id: null, range }),
    }),
    sparkline: t.field({
      type: [SparkPoint],
      description: SPARKLINE_DESCRIPTION,
      args: {
        metric: t.arg({ type: MetricFieldEnum, required: true }),
        days: t.arg.int({ defaultValue: 28 }),
      },
      resolve: async ({ range }, { metric, days }, ctx) => {
        const window = sparklineWindow(range.end, days ?? 28);
        const dayTotals = await levelTotalByDay(ctx.db, 'campaign', window);
        const values = new Map([...dayTotals].map(([date, measures]) => [date, metricValue(metric, measures)]));
        return sparklinePoints(window, metric, values);
      },
    }),
  }),
});

builder.queryField('overview', (t) =>
  t.field({
    type: Overview,
    args: { range: t.arg({ type: DateRangeInput, required: true }) },
    resolve: async (_, args, ctx) => {
      const range = checkedRange(args.range, ctx);
      await requirePublished(ctx);
      return { range };
    },
  }),
);
