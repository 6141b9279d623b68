/**
 * Step "hierarchy" (M5–M7): each ad's dominant (adset, campaign) pair and each adset's dominant
 * campaign from the Meta daily rows; ads, adsets and campaigns that only Mixpanel users name get
 * their parents from those users' ids and join the entity list.
 */
import type { RunSpace } from '../run-space.ts';

interface DominantParent {
  table: 'id_hierarchy_mapping' | 'adset_campaign_mapping';
  child: string;
  parents: string[];
  /** SELECT child, parents…, votes, first_seen, last_seen — one row per candidate. */
  candidates: string;
  /** Order after "most votes" that settles ties. */
  tieBreak: string;
  source: 'meta' | 'mixpanel';
}

/** Keeps each child's candidate with most votes; confidence = its share of the child's votes. */
async function insertDominantParents(run: RunSpace, { table, child, parents, candidates, tieBreak, source }: DominantParent): Promise<void> {
  const columns = [child, ...parents].join(', ');
  await run.db.exec(`INSERT INTO ${run.stageTable(table)} (${columns}, confidence, first_seen, last_seen, source)
    SELECT ${columns}, ${run.db.dialect.toDouble('votes')} / total_votes, first_seen, last_seen, '${source}'
    FROM (SELECT *, sum(votes) OVER (PARTITION BY ${child}) AS total_votes,
                 row_number() OVER (PARTITION BY ${child} ORDER BY votes DESC, ${tieBreak}) AS rank
          FROM (${candidates}) AS candidate) AS ranked
    WHERE rank = 1 ORDER BY ${child}`);
}

const notInMeta = (column: string, level: string) =>
  `${column} NOT IN (SELECT entity_id FROM meta_entity WHERE level = '${level}')`;

export async function computeHierarchy(run: RunSpace): Promise<void> {
  const code = run.db.dialect.byCodePoint;
  // M5: days under each complete pair; ties → latest day, smallest adset id, smallest campaign id.
  await insertDominantParents(run, {
    table: 'id_hierarchy_mapping',
    child: 'ad_id',
    parents: ['adset_id', 'campaign_id'],
    candidates: `SELECT ad_id, adset_id, campaign_id, count(*) AS votes, min(date) AS first_seen, max(date) AS last_seen
      FROM meta_daily WHERE ad_id IS NOT NULL AND adset_id IS NOT NULL AND campaign_id IS NOT NULL
      GROUP BY ad_id, adset_id, campaign_id`,
    tieBreak: `last_seen DESC, ${code('adset_id')}, ${code('campaign_id')}`,
    source: 'meta',
  });
  // M6: rows per campaign; rows without a campaign do not vote.
  await insertDominantParents(run, {
    table: 'adset_campaign_mapping',
    child: 'adset_id',
    parents: ['campaign_id'],
    candidates: `SELECT adset_id, campaign_id, count(*) AS votes, min(date) AS first_seen, max(date) AS last_seen
      FROM meta_daily WHERE adset_id IS NOT NULL AND campaign_id IS NOT NULL
      GROUP BY adset_id, campaign_id`,
    tieBreak: `last_seen DESC, ${code('campaign_id')}`,
    source: 'meta',
  });
  // M7: an ad Meta never reported: its attributed users' most frequent complete pair.
  await insertDominantParents(run, {
    table: 'id_hierarchy_mapping',
    child: 'ad_id',
    parents: ['adset_id', 'campaign_id'],
    candidates: `SELECT ad_id, adset_id, campaign_id, count(*) AS votes, NULL AS first_seen, NULL AS last_seen
      FROM mixpanel_user WHERE has_abi_attribution = 1 AND adset_id IS NOT NULL AND campaign_id IS NOT NULL
        AND ${notInMeta('ad_id', 'ad')}
      GROUP BY ad_id, adset_id, campaign_id`,
    tieBreak: `${code('adset_id')}, ${code('campaign_id')}`,
    source: 'mixpanel',
  });
  // M7: an adset Meta never reported: its attributed users' most frequent campaign.
  await insertDominantParents(run, {
    table: 'adset_campaign_mapping',
    child: 'adset_id',
    parents: ['campaign_id'],
    candidates: `SELECT adset_id, campaign_id, count(*) AS votes, NULL AS first_seen, NULL AS last_seen
      FROM mixpanel_user WHERE has_abi_attribution = 1 AND campaign_id IS NOT NULL AND ${notInMeta('adset_id', 'adset')}
      GROUP BY adset_id, campaign_id`,
    tieBreak: code('campaign_id'),
    source: 'mixpanel',
  });
  // M7: entities known only from attributed users exist too (without a name).
  await run.db.exec(`INSERT INTO ${run.stageTable('id_name_mapping')} (level, entity_id)
    SELECT 'ad', ad_id FROM mixpanel_user WHERE has_abi_attribution = 1 AND ad_id IS NOT NULL
    UNION SELECT 'adset', adset_id FROM mixpanel_user WHERE has_abi_attribution = 1 AND adset_id IS NOT NULL
    UNION SELECT 'campaign', campaign_id FROM mixpanel_user WHERE has_abi_attribution = 1 AND campaign_id IS NOT NULL
    ON CONFLICT DO NOTHING`);
}
