/** `DailyMetricsRow`, `AdEntity.daily` (zero-filled) and `Query.dailyMetrics` (stored rows). */
import type { BaseMeasures } from '../metrics/formulas.ts';
import type { EntityLevel } from '../db/tables/daily-metrics.ts';
import { storedDailyRows } from '../db/tables/daily-metrics-reads.ts';
import { builder } from './builder.ts';
import { checkedRange, DateRangeInput, daysOf, ownPeriod } from './date.ts';
import { AdEntity, EntityLevelEnum, periodArgument } from './entity.ts';
import { requirePublished } from './errors.ts';
import { checkedIds } from './limits.ts';
import { Metrics, metricsOf, NO_ROW } from './metrics.ts';

interface DailyRowShape {
  level: EntityLevel;
  entityId: string;
  date: string;
  measures: BaseMeasures;
}

const DailyMetricsRow = builder.objectRef<DailyRowShape>('DailyMetricsRow').implement({
  description: "One entity's metrics on one day.",
  fields: (t) => ({
    date: t.field({ type: 'Date', resolve: (row) => row.date }),
    level: t.field({ type: EntityLevelEnum, resolve: (row) => row.level }),
    entityId: t.exposeID('entityId'),
    metrics: t.field({
      type: Metrics,
      resolve: ({ level, entityId, date, measures }) =>
        metricsOf(measures, { level, id: entityId, range: { start: date, end: date } }),
    }),
  }),
});

builder.interfaceField(AdEntity, 'daily', (t) =>
  t.field({
    type: [DailyMetricsRow],
    description: 'One row per day of `range`, in date order; a day without data is all zeros (M27).',
    args: { range: t.arg(periodArgument('range')) },
    resolve: async (entity, args, ctx) => {
      const range = ownPeriod(args.range, entity.range, ctx, 'range');
      const rows = await ctx.loaders.dailyMeasures.load({ level: entity.level, id: entity.id, range });
      return daysOf(range).map((date) => ({
        level: entity.level,
        entityId: entity.id,
        date,
        measures: rows.get(date) ?? NO_ROW,
      }));
    },
  }),
);

builder.queryField('dailyMetrics', (t) =>
  t.field({
    type: [DailyMetricsRow],
    description:
      'The stored daily rows (M27) of the given entities (at most 1000 ids) in the range, ordered by entity id, ' +
      'then date. Days without data have no row here (unlike `AdEntity.daily`, which fills them with zeros).',
    args: {
      level: t.arg({ type: EntityLevelEnum, required: true }),
      ids: t.arg.idList({ required: true }),
      range: t.arg({ type: DateRangeInput, required: true }),
    },
    resolve: async (_, args, ctx) => {
      const range = checkedRange(args.range, ctx);
      const ids = checkedIds(args.ids.map(String), 'ids');
      await requirePublished(ctx);
      return (await storedDailyRows(ctx.db, args.level, range, ids)).map((row) => ({ level: args.level, ...row }));
    },
  }),
);
