/** `HierarchyLink` and `Query.hierarchy`: ad → adset → campaign links (M5–M7). */
import { hierarchyLinks, type HierarchyLink as HierarchyLinkRow } from '../db/tables/hierarchy-reads.ts';
import { builder } from './builder.ts';
import { requirePublished } from './errors.ts';
import { checkedIds } from './limits.ts';

const HierarchyLink = builder.objectRef<HierarchyLinkRow>('HierarchyLink').implement({
  description: "An ad's dominant (adset, campaign) pair (M5) or its Mixpanel users' pair (M7, no seen dates).",
  fields: (t) => ({
    adId: t.exposeID('adId'),
    adsetId: t.exposeID('adsetId'),
    campaignId: t.exposeID('campaignId'),
    confidence: t.exposeFloat('confidence'),
    firstSeen: t.field({ type: 'Date', nullable: true, resolve: (link) => link.firstSeen }),
    lastSeen: t.field({ type: 'Date', nullable: true, resolve: (link) => link.lastSeen }),
  }),
});

builder.queryField('hierarchy', (t) =>
  t.field({
    type: [HierarchyLink],
    description: 'The links of the given ads (at most 1000), or every link when adIds is omitted; ordered by ad id.',
    args: { adIds: t.arg.idList() },
    resolve: async (_, { adIds }, ctx) => {
      const ids = adIds ? checkedIds(adIds.map(String), 'adIds') : null;
      await requirePublished(ctx);
      return hierarchyLinks(ctx.db, ids);
    },
  }),
);
