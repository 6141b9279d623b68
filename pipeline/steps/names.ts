/**
 * Step "names" (M4): every observed name per level and id with its row count and first/last day,
 * and the canonical name (most rows; ties: latest day, then smallest in code-point order).
 * Also records which ids Meta knows, for M7.
 */
import { ENTITY_LEVELS } from '../../src/db/tables/daily-metrics.ts';
import type { RunSpace } from '../run-space.ts';
import { META_TABLES } from './sources.ts';

export async function computeNames(run: RunSpace): Promise<void> {
  const { db } = run;
  const { dialect } = db;
  const metaRows = META_TABLES.map(
    ({ copy }) => `SELECT ad_id, adset_id, campaign_id, ad_name, adset_name, campaign_name, date FROM ${copy}`,
  ).join('\nUNION ALL ');
  const observations = ENTITY_LEVELS.map(
    (level) =>
      `SELECT '${level}' AS level, ${level}_id AS entity_id, NULLIF(${dialect.trim(`${level}_name`)}, '') AS name, frequency, first_seen, last_seen
       FROM id_name_combination`,
  ).join('\nUNION ALL ');

  // The Meta rows repeat a few id-and-name combinations over many days and values: counting each
  // combination once first leaves few rows to split by level. NULL-name groups keep ids that never
  // carry a name.
  await db.exec(`CREATE TEMP TABLE name_count AS
    WITH id_name_combination AS MATERIALIZED (
      SELECT ad_id, adset_id, campaign_id, ad_name, adset_name, campaign_name,
             count(*) AS frequency, min(date) AS first_seen, max(date) AS last_seen
      FROM (${metaRows}) AS meta_row GROUP BY ad_id, adset_id, campaign_id, ad_name, adset_name, campaign_name)
    SELECT level, entity_id, name, sum(frequency) AS frequency, min(first_seen) AS first_seen, max(last_seen) AS last_seen
    FROM (${observations}) AS observation WHERE entity_id IS NOT NULL
    GROUP BY level, entity_id, name`);
  await db.exec(`CREATE TEMP TABLE meta_entity (level TEXT NOT NULL, entity_id TEXT NOT NULL, PRIMARY KEY (level, entity_id)) ${dialect.keyedTableOptions};
    INSERT INTO meta_entity SELECT DISTINCT level, entity_id FROM name_count`);

  await db.exec(`INSERT INTO ${run.stageTable('id_name_history')} (level, entity_id, name, frequency, first_seen, last_seen)
    SELECT level, entity_id, name, frequency, first_seen, last_seen FROM name_count WHERE name IS NOT NULL
    ORDER BY level, entity_id, name`);
  await db.exec(`INSERT INTO ${run.stageTable('id_name_mapping')} (level, entity_id, name, frequency, last_seen)
    SELECT e.level, e.entity_id, best.name, best.frequency, best.last_seen
    FROM meta_entity e
    LEFT JOIN (
      SELECT level, entity_id, name, frequency, last_seen,
             row_number() OVER (PARTITION BY level, entity_id ORDER BY frequency DESC, last_seen DESC, ${dialect.byCodePoint('name')} ASC) AS rank
      FROM name_count WHERE name IS NOT NULL
    ) best ON best.level = e.level AND best.entity_id = e.entity_id AND best.rank = 1
    ORDER BY e.level, e.entity_id`);
}
