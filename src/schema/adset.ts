/** `Adset`, its campaign (M6/M7) and `Campaign.adsets` (M30). */
import { builder } from './builder.ts';
import { Campaign } from './campaign.ts';
import { AdEntity, relatedEntity, type EntityShape } from './entity.ts';
import { CHILDREN_ORDER, includeInactiveArg, listChildren } from './tree-members.ts';

export const Adset = builder.objectRef<EntityShape>('Adset').implement({
  interfaces: [AdEntity],
  fields: (t) => ({
    campaign: t.field({
      type: Campaign,
      nullable: true,
      description: 'The campaign this adset belongs to (M6/M7).',
      resolve: async (adset, _, ctx) => {
        const campaignId = await ctx.loaders.adsetCampaign.load(adset.id);
        return campaignId === null ? null : relatedEntity(adset, 'campaign', campaignId);
      },
    }),
  }),
});

builder.objectField(Campaign, 'adsets', (t) =>
  t.field({
    type: [Adset],
    description: `The adsets whose campaign (M6/M7) is this campaign (M30). ${CHILDREN_ORDER}`,
    args: { includeInactive: t.arg.boolean(includeInactiveArg) },
    resolve: (campaign, { includeInactive }, ctx) => listChildren(ctx, 'adset', campaign, includeInactive),
  }),
);
