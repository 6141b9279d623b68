/** `BreakdownRow` and `AdEntity.breakdown(by:)` (M28). */
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension } from '../db/tables/daily-metrics.ts';
import { builder } from './builder.ts';
import { ownPeriod } from './date.ts';
import { AdEntity, periodArgument, type EntityShape } from './entity.ts';
import { screamingEnumValues } from './enum-values.ts';
import { Metrics, metricsOf, NO_ROW, type MetricsShape } from './metrics.ts';

export const BreakdownDimensionEnum = builder.enumType('BreakdownDimension', {
  values: screamingEnumValues(BREAKDOWN_DIMENSIONS),
});

interface BreakdownRowShape {
  /** The entity over the breakdown's own periods. */
  entity: EntityShape;
  dimension: BreakdownDimension;
  value: string;
  metrics: MetricsShape;
}

const BreakdownRow = builder.objectRef<BreakdownRowShape>('BreakdownRow').implement({
  description: 'The totals of one canonical value of a dimension over the range (M28).',
  fields: (t) => ({
    dimension: t.field({ type: BreakdownDimensionEnum, resolve: (row) => row.dimension }),
    value: t.exposeString('value'),
    metrics: t.field({ type: Metrics, resolve: (row) => row.metrics }),
    comparison: t.field({
      type: Metrics,
      nullable: true,
      description:
        "The value's metrics over `compareTo` (zeros and NULL ratios where the value has no rows there); null without `compareTo`.",
      resolve: async ({ entity, dimension, value }, _, ctx) => {
        if (entity.compareTo === null) return null;
        const key = { level: entity.level, id: entity.id, range: entity.compareTo, dimension };
        const compared = (await ctx.loaders.breakdown.load(key)).find((row) => row.value === value);
        return metricsOf(compared?.measures ?? NO_ROW, { ...key, breakdownValue: value });
      },
    }),
  }),
});

builder.interfaceField(AdEntity, 'breakdown', (t) =>
  t.field({
    type: [BreakdownRow],
    description:
      'One row per canonical value with at least one contributing row in `range` (M28; `compareTo` adds none); base measures ' +
      'summed over `range`, then the formulas; each row\'s `comparison` covers `compareTo`. Ordered by spend (descending), then value.',
    args: {
      by: t.arg({ type: BreakdownDimensionEnum, required: true }),
      range: t.arg(periodArgument('range')),
      compareTo: t.arg(periodArgument('compareTo')),
    },
    resolve: async (root, { by, ...periods }, ctx) => {
      const entity: EntityShape = {
        ...root,
        range: ownPeriod(periods.range, root.range, ctx, 'range'),
        compareTo: ownPeriod(periods.compareTo, root.compareTo, ctx, 'compareTo'),
      };
      const values = await ctx.loaders.breakdown.load({ ...entity, dimension: by });
      return values.map(({ value, measures }) => ({
        entity,
        dimension: by,
        value,
        metrics: metricsOf(measures, { ...entity, dimension: by, breakdownValue: value }),
      }));
    },
  }),
);
