/** The `AdEntity` interface shared by campaigns, adsets and ads, and `Query.entity`. */
import { ENTITY_LEVELS, type EntityLevel } from '../db/tables/daily-metrics.ts';
import type { ApiContext } from '../context.ts';
import { builder } from './builder.ts';
import { checkedPeriods, COMPARE_TO_DESCRIPTION, DateRangeInput, type Periods } from './date.ts';
import { screamingEnumValues } from './enum-values.ts';
import { requirePublished } from './errors.ts';
import { Metrics, metricsOf } from './metrics.ts';

/** One entity seen through the periods given at the root field; they apply to its whole subtree. */
export interface EntityShape extends Periods {
  level: EntityLevel;
  id: string;
}

/** Another entity (a parent or child) seen through the same periods as `entity`. */
export const relatedEntity = (entity: EntityShape, level: EntityLevel, id: string): EntityShape => ({
  level,
  id,
  range: entity.range,
  compareTo: entity.compareTo,
});

/** The metrics of an entity over its comparison period (zero measures without rows there); null without one. */
async function comparisonMetrics(entity: EntityShape, ctx: ApiContext) {
  if (entity.compareTo === null) return null;
  const key = { level: entity.level, id: entity.id, range: entity.compareTo };
  return metricsOf(await ctx.loaders.measures.load(key), key);
}

export const EntityLevelEnum = builder.enumType('EntityLevel', { values: screamingEnumValues(ENTITY_LEVELS) });

const TYPE_NAMES: Record<EntityLevel, string> = { campaign: 'Campaign', adset: 'Adset', ad: 'Ad' };

/** M4: the canonical name, or 'Unknown <level> (<id>)' for an id without one. */
export const displayName = (level: EntityLevel, id: string, name: string | null | undefined) =>
  name ?? `Unknown ${level} (${id})`;

export const AdEntity = builder.interfaceRef<EntityShape>('AdEntity').implement({
  description: 'A campaign, adset or ad; metrics and lists cover the range given at the root field.',
  resolveType: (entity) => TYPE_NAMES[entity.level],
  fields: (t) => ({
    id: t.exposeID('id'),
    level: t.field({ type: EntityLevelEnum, resolve: (entity) => entity.level }),
    name: t.string({
      description: "Canonical name (M4), or 'Unknown <level> (<id>)' when the id has none.",
      resolve: async (entity, _, ctx) => displayName(entity.level, entity.id, (await ctx.loaders.names.load(entity))?.name),
    }),
    metrics: t.field({
      type: Metrics,
      description: 'Totals over the range: base measures summed, then the formulas.',
      resolve: async (entity, _, ctx) => metricsOf(await ctx.loaders.measures.load(entity), entity),
    }),
    comparison: t.field({
      type: Metrics,
      nullable: true,
      description: 'The same metrics over `compareTo` (zeros and NULL ratios where it has no rows); null without `compareTo`.',
      resolve: (entity, _, ctx) => comparisonMetrics(entity, ctx),
    }),
  }),
});

builder.queryField('entity', (t) =>
  t.field({
    type: AdEntity,
    nullable: true,
    description: 'One campaign, adset or ad over the range; null when the id is not a known entity of that level.',
    args: {
      level: t.arg({ type: EntityLevelEnum, required: true }),
      id: t.arg.id({ required: true }),
      range: t.arg({ type: DateRangeInput, required: true }),
      compareTo: t.arg({ type: DateRangeInput, description: COMPARE_TO_DESCRIPTION }),
    },
    resolve: async (_, args, ctx) => {
      const periods = checkedPeriods(args, ctx);
      await requirePublished(ctx);
      const entity: EntityShape = { level: args.level, id: String(args.id), ...periods };
      return (await ctx.loaders.names.load(entity)) ? entity : null;
    },
  }),
);
