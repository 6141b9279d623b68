import { real, sqliteTable, text, index } from 'drizzle-orm/sqlite-core';

export const HIERARCHY_SOURCES = ['meta', 'mixpanel'] as const;

/** ad → (adset, campaign): the dominant parent pair (M5), or the Mixpanel users' pair (M7). */
export const idHierarchyMapping = sqliteTable(
  'id_hierarchy_mapping',
  {
    adId: text('ad_id').primaryKey(),
    adsetId: text('adset_id').notNull(),
    campaignId: text('campaign_id').notNull(),
    confidence: real('confidence').notNull(),
    firstSeen: text('first_seen'),
    lastSeen: text('last_seen'),
    source: text('source', { enum: HIERARCHY_SOURCES }).notNull(),
  },
  (t) => [index('id_hierarchy_mapping_adset').on(t.adsetId)],
);

/** adset → campaign (M6), or the Mixpanel users' campaign (M7). */
export const adsetCampaignMapping = sqliteTable(
  'adset_campaign_mapping',
  {
    adsetId: text('adset_id').primaryKey(),
    campaignId: text('campaign_id').notNull(),
    confidence: real('confidence').notNull(),
    firstSeen: text('first_seen'),
    lastSeen: text('last_seen'),
    source: text('source', { enum: HIERARCHY_SOURCES }).notNull(),
  },
  (t) => [index('adset_campaign_mapping_campaign').on(t.campaignId)],
);
