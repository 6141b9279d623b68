/** `Ad`, its parents (M5/M7) and `Adset.ads` (M30). */
import type { ApiContext } from '../context.ts';
import { Adset } from './adset.ts';
import { builder } from './builder.ts';
import { Campaign } from './campaign.ts';
import { AdEntity, relatedEntity, type EntityShape } from './entity.ts';
import { CHILDREN_ORDER, includeInactiveArg, listChildren } from './tree-members.ts';

const linkOf = (ad: EntityShape, ctx: ApiContext) => ctx.loaders.adLink.load(ad.id);

/** The ad's parent at one level, from its hierarchy link, over the same range. */
const parentOf =
  (level: 'adset' | 'campaign') =>
  async (ad: EntityShape, _: unknown, ctx: ApiContext): Promise<EntityShape | null> => {
    const link = await linkOf(ad, ctx);
    return link && relatedEntity(ad, level, level === 'adset' ? link.adsetId : link.campaignId);
  };

export const Ad = builder.objectRef<EntityShape>('Ad').implement({
  interfaces: [AdEntity],
  fields: (t) => ({
    adset: t.field({ type: Adset, nullable: true, description: "The ad's dominant adset (M5/M7).", resolve: parentOf('adset') }),
    campaign: t.field({
      type: Campaign,
      nullable: true,
      description: "The ad's dominant campaign (M5/M7).",
      resolve: parentOf('campaign'),
    }),
    hierarchyConfidence: t.float({
      nullable: true,
      description: 'Share of the ad\'s days (or users, M7) under its parent pair (M5); null without a link.',
      resolve: async (ad, _, ctx) => (await linkOf(ad, ctx))?.confidence ?? null,
    }),
  }),
});

builder.objectField(Adset, 'ads', (t) =>
  t.field({
    type: [Ad],
    description: `The ads whose adset (M5/M7) is this adset (M30). ${CHILDREN_ORDER}`,
    args: { includeInactive: t.arg.boolean(includeInactiveArg) },
    resolve: (adset, { includeInactive }, ctx) => listChildren(ctx, 'ad', adset, includeInactive),
  }),
);
