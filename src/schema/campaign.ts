/** `Campaign` and the top-level `Query.campaigns` list (M30). */
import { builder } from './builder.ts';
import { checkedPeriods, COMPARE_TO_DESCRIPTION, DateRangeInput } from './date.ts';
import { AdEntity, type EntityShape } from './entity.ts';
import { requirePublished } from './errors.ts';
import { checkedCount, MAX_FIRST } from './limits.ts';
import { MetricFieldEnum } from './metrics.ts';
import { listMembers } from './tree-members.ts';

export const Campaign = builder.objectRef<EntityShape>('Campaign').implement({ interfaces: [AdEntity] });

builder.queryField('campaigns', (t) =>
  t.field({
    type: [Campaign],
    description:
      'Campaigns over the range, ordered by the metric\'s range value (NULLs last whatever the direction, ' +
      'ties by id), then cut to `first`. By default only campaigns with a daily row in the range (M30). ' +
      '`search` keeps campaigns whose name or id contains it, ignoring case.',
    args: {
      range: t.arg({ type: DateRangeInput, required: true }),
      compareTo: t.arg({ type: DateRangeInput, description: COMPARE_TO_DESCRIPTION }),
      orderBy: t.arg({ type: MetricFieldEnum, defaultValue: 'spend' }),
      descending: t.arg.boolean({ defaultValue: true }),
      first: t.arg.int({ defaultValue: 100 }),
      search: t.arg.string(),
      includeInactive: t.arg.boolean({ defaultValue: false }),
    },
    resolve: async (_, args, ctx) => {
      const periods = checkedPeriods(args, ctx);
      const first = checkedCount(args.first ?? 100, 'first', 0, MAX_FIRST);
      await requirePublished(ctx);
      const campaigns = await listMembers(ctx, 'campaign', '', periods, {
        includeInactive: args.includeInactive ?? false,
        orderBy: args.orderBy ?? 'spend',
        descending: args.descending ?? true,
        search: args.search,
      });
      return campaigns.slice(0, first);
    },
  }),
);
