/** Read queries over the hierarchy tables for the API: parents (M5–M7) and tree children (M30). */
import type { BaseMeasures } from '../../metrics/formulas.ts';
import { measuresOf, SUMMED_MEASURES, type DayRange } from './daily-metrics-reads.ts';
import type { EntityLevel } from './daily-metrics.ts';
import type { CanonicalName } from './names-reads.ts';
import type { SqlReader } from '../database.ts';
import type { Dialect } from '../dialect.ts';

export interface HierarchyLink {
  adId: string;
  adsetId: string;
  campaignId: string;
  confidence: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

const LINK_COLUMNS = `ad_id AS "adId", adset_id AS "adsetId", campaign_id AS "campaignId", confidence,
  first_seen AS "firstSeen", last_seen AS "lastSeen"`;

/** The ad → adset → campaign links of the given ads (all links when `adIds` is null), by ad id. */
export function hierarchyLinks(db: SqlReader, adIds: string[] | null): Promise<HierarchyLink[]> {
  const order = `ORDER BY ${db.dialect.byCodePoint('ad_id')}`;
  return adIds === null
    ? db.all<HierarchyLink>(`SELECT ${LINK_COLUMNS} FROM id_hierarchy_mapping ${order}`)
    : db.all<HierarchyLink>(`SELECT ${LINK_COLUMNS} FROM id_hierarchy_mapping WHERE ${db.dialect.inList('ad_id')} ${order}`, [
        db.dialect.listParam(adIds),
      ]);
}

/** The campaign of each given adset (M6/M7); adsets without one are absent. */
export async function campaignOfAdsets(db: SqlReader, adsetIds: string[]): Promise<Map<string, string>> {
  const rows = await db.all<{ adsetId: string; campaignId: string }>(
    `SELECT adset_id AS "adsetId", campaign_id AS "campaignId" FROM adset_campaign_mapping WHERE ${db.dialect.inList('adset_id')}`,
    [db.dialect.listParam(adsetIds)],
  );
  return new Map(rows.map((row) => [row.adsetId, row.campaignId]));
}

export interface TreeMember {
  /** The parent's id; null for top-level campaigns. */
  parentId: string | null;
  id: string;
  /** Its canonical-name row (M4); null when it is not in `id_name_mapping`. */
  name: CanonicalName | null;
  /** Range totals (zero when inactive). */
  measures: BaseMeasures;
}

/** How each level's members are found: every known campaign; adsets and ads under given parents. */
const MEMBERS: Record<EntityLevel, (dialect: Dialect) => string> = {
  campaign: () => `SELECT entity_id AS id, NULL AS parent_id FROM id_name_mapping WHERE level = 'campaign'`,
  adset: (dialect) => `SELECT adset_id AS id, campaign_id AS parent_id FROM adset_campaign_mapping WHERE ${dialect.inList('campaign_id')}`,
  ad: (dialect) => `SELECT ad_id AS id, adset_id AS parent_id FROM id_hierarchy_mapping WHERE ${dialect.inList('adset_id')}`,
};

/**
 * The members of one tree level with their range totals: every known campaign (parentIds null), or
 * the adsets / ads whose parent (M6/M7, M5/M7) is one of `parentIds`; only those with a daily row in
 * the range (M30) unless `includeInactive`.
 */
export async function treeMembers(
  db: SqlReader,
  level: EntityLevel,
  range: DayRange,
  parentIds: string[] | null,
  includeInactive: boolean,
): Promise<TreeMember[]> {
  const memberParams = parentIds === null ? [] : [db.dialect.listParam(parentIds)];
  type Row = Record<string, unknown> & { parentId: string | null; id: string; named: number | boolean };
  const rows = await db.all<Row & Omit<CanonicalName, 'entityId'>>(
    `WITH members AS (${MEMBERS[level](db.dialect)}),
     sums AS (
       SELECT entity_id, ${SUMMED_MEASURES} FROM daily_metrics
       WHERE level = ? AND entity_id IN (SELECT id FROM members) AND date BETWEEN ? AND ? GROUP BY entity_id)
     SELECT members.parent_id AS "parentId", members.id AS id,
       names.entity_id IS NOT NULL AS named, names.name AS name, names.frequency AS frequency, names.last_seen AS "lastSeen",
       sums.*
     FROM members
     ${includeInactive ? 'LEFT JOIN' : 'JOIN'} sums ON sums.entity_id = members.id
     LEFT JOIN id_name_mapping AS names ON names.level = ? AND names.entity_id = members.id`,
    [...memberParams, level, range.start, range.end, level],
  );
  return rows.map((row) => ({
    parentId: row.parentId,
    id: row.id,
    name: row.named ? { entityId: row.id, name: row.name, frequency: row.frequency, lastSeen: row.lastSeen } : null,
    measures: measuresOf(row),
  }));
}
