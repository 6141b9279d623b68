/** `Overview` and `Query.overview`: the account total over campaign-level rows (M29). */
import type { ApiContext } from '../context.ts';
import { levelTotal, levelTotalByDay, type DayRange } from '../db/tables/daily-metrics-reads.ts';
import { metricValue } from '../metrics/formulas.ts';
import { builder } from './builder.ts';
import { checkedPeriods, COMPARE_TO_DESCRIPTION, DateRangeInput, type Periods } from './date.ts';
import { requirePublished } from './errors.ts';
import { Metrics, MetricFieldEnum, metricsOf } from './metrics.ts';
import { SparkPoint, SPARKLINE_DESCRIPTION, sparklinePoints, sparklineWindow } from './sparkline.ts';

const accountTotal = async (ctx: ApiContext, range: DayRange) =>
  metricsOf(await levelTotal(ctx.db, 'campaign', range), { level: 'campaign', id: null, range });

const Overview = builder.objectRef<Periods>('Overview').implement({
  description: 'The account total (M29): the sum of campaign-level base measures, then the formulas.',
  fields: (t) => ({
    metrics: t.field({
      type: Metrics,
      resolve: ({ range }, _, ctx) => accountTotal(ctx, range),
    }),
    comparison: t.field({
      type: Metrics,
      nullable: true,
      description: 'The account total over `compareTo`; null without `compareTo`.',
      resolve: ({ compareTo }, _, ctx) => compareTo && accountTotal(ctx, compareTo),
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
    args: {
      range: t.arg({ type: DateRangeInput, required: true }),
      compareTo: t.arg({ type: DateRangeInput, description: COMPARE_TO_DESCRIPTION }),
    },
    resolve: async (_, args, ctx) => {
      const periods = checkedPeriods(args, ctx);
      await requirePublished(ctx);
      return periods;
    },
  }),
);
