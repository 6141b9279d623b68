/** The `AdEntity` interface shared by campaigns, adsets and ads, and `Query.entity`. */
import { ENTITY_LEVELS, type EntityLevel } from '../db/tables/daily-metrics.ts';
import type { ApiContext } from '../context.ts';
import type { DayRange } from '../db/tables/daily-metrics-reads.ts';
import { builder } from './builder.ts';
import { checkedPeriods, COMPARE_TO_DESCRIPTION, DateRangeInput, ownPeriod, periodArgumentDescription, type Periods } from './date.ts';
import { screamingEnumValues } from './enum-values.ts';
import { requirePublished } from './errors.ts';
import { Metrics, metricsOf } from './metrics.ts';

/**
 * One entity seen through the periods given at the root field: its subtree's members follow `range`
 * (M30), and its period-dependent fields fall back to them when not given their own period.
 */
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

/** The metrics of an entity over a period (zero measures without rows there). */
async function metricsOver(entity: EntityShape, range: DayRange, ctx: ApiContext) {
  const key = { level: entity.level, id: entity.id, range };
  return metricsOf(await ctx.loaders.measures.load(key), key);
}

/** A field's own `range` argument (api.md "Period arguments"), falling back to the root field's `inherited` one. */
export const periodArgument = (inherited: 'range' | 'compareTo') => ({
  type: DateRangeInput,
  description: periodArgumentDescription(inherited),
});

export const EntityLevelEnum = builder.enumType('EntityLevel', { values: screamingEnumValues(ENTITY_LEVELS) });

const TYPE_NAMES: Record<EntityLevel, string> = { campaign: 'Campaign', adset: 'Adset', ad: 'Ad' };

/** M4: the canonical name, or 'Unknown <level> (<id>)' for an id without one. */
export const displayName = (level: EntityLevel, id: string, name: string | null | undefined) =>
  name ?? `Unknown ${level} (${id})`;

export const AdEntity = builder.interfaceRef<EntityShape>('AdEntity').implement({
  description:
    'A campaign, adset or ad. Its period-dependent fields take their period as their own argument (`range`, ' +
    '`compareTo`, `end`), falling back to the root field\'s: normalized caches key a field by its own arguments ' +
    '(api.md "Period arguments"). Which children are listed follows the root field\'s `range` (M30).',
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
      description: 'Totals over `range`: base measures summed, then the formulas.',
      args: { range: t.arg(periodArgument('range')) },
      resolve: (entity, args, ctx) => metricsOver(entity, ownPeriod(args.range, entity.range, ctx, 'range'), ctx),
    }),
    comparison: t.field({
      type: Metrics,
      nullable: true,
      description:
        'The same metrics over the comparison period `range` (zeros and NULL ratios where it has no rows); null when ' +
        'neither it nor the root field\'s `compareTo` is given.',
      args: { range: t.arg(periodArgument('compareTo')) },
      resolve: (entity, args, ctx) => {
        const period = ownPeriod(args.range, entity.compareTo, ctx, 'range');
        return period && metricsOver(entity, period, ctx);
      },
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
