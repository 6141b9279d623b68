/**
 * Step "attribution" (M8, M2, M3): the attributed users with their ids at each level (missing
 * adset/campaign ids filled from the hierarchy) and canonical country/region, and the events that
 * the rules use — trial starts, conversions, initial purchases and refunds of those users — with
 * each event's day in the reporting time zone.
 */
import type { EventNames } from '../../src/config.ts';
import { canonicalValue } from '../breakdown-values.ts';
import type { ExecJob } from '../jobs.ts';
import type { RunSpace } from '../run-space.ts';
import type { ValueChecks } from '../source/values.ts';
import { literal } from '../sql.ts';

export async function attributeUsers(run: RunSpace): Promise<void> {
  const { dialect } = run.db;
  const country = canonicalValue(dialect, 'country', 'mixpanel', 'filled.country', 'country_mapped');
  const region = canonicalValue(dialect, 'region', 'mixpanel', 'filled.region', 'region_mapped');
  await run.db.exec(`CREATE TEMP TABLE attributed_user (
      distinct_id TEXT PRIMARY KEY, ad_id TEXT, adset_id TEXT, campaign_id TEXT, country TEXT NOT NULL, region TEXT NOT NULL
    ) ${dialect.keyedTableOptions};
    INSERT INTO attributed_user
    SELECT filled.distinct_id, filled.ad_id, filled.adset_id, coalesce(filled.campaign_id, adset_campaign.campaign_id), ${country.value}, ${region.value}
    FROM (SELECT u.distinct_id, u.ad_id, coalesce(u.adset_id, h.adset_id) AS adset_id, u.campaign_id, u.country, u.region
          FROM mixpanel_user u LEFT JOIN ${run.stageTable('id_hierarchy_mapping')} h ON h.ad_id = u.ad_id
          WHERE u.has_abi_attribution = 1) AS filled
    LEFT JOIN ${run.stageTable('adset_campaign_mapping')} adset_campaign ON adset_campaign.adset_id = filled.adset_id
    ${country.join}
    ${region.join}
    ORDER BY filled.distinct_id;
    DELETE FROM attributed_user WHERE ad_id IS NULL AND adset_id IS NULL AND campaign_id IS NULL;`);
  await run.analyze(['attributed_user']);
}

/**
 * The events that the rules use — trial starts, conversions, initial purchases and refunds of users
 * with an attribution (M8) — with each event's day in the reporting time zone (M2, M3). A job for
 * the second connection, which reads only sources and scratch tables, so that it runs while this
 * connection names entities and attributes users (users without any id are left out by later joins).
 * Events with an unusable value are left out (M31; the sources step counted them).
 */
export function collectEventsJob(run: RunSpace, localDay: (timestamp: string) => string, names: EventNames, checks: ValueChecks): ExecJob {
  const { dialect } = run.db;
  const from = run.sourceTable;
  const event = run.workerScratchTable('event');
  const device = canonicalValue(dialect, 'device', 'mixpanel', 'e.store', 'device_mapped');
  return {
    exec: `CREATE TABLE ${event} (
        distinct_id TEXT NOT NULL, kind TEXT NOT NULL, ts TEXT NOT NULL, day TEXT NOT NULL,
        event_uuid TEXT, product_id TEXT, device TEXT NOT NULL, revenue ${dialect.doubleType} NOT NULL);
      INSERT INTO ${event}
      SELECT distinct_id, kind, ts, ${localDay('ts')}, event_uuid, product_id, device, revenue
      FROM (SELECT e.distinct_id,
                   CASE WHEN e.event_name IN (${names.trialStarted.map(literal).join(', ')}) THEN 'trial'
                        WHEN e.event_name IN (${names.trialConverted.map(literal).join(', ')}) THEN 'conversion'
                        WHEN e.event_name IN (${names.initialPurchase.map(literal).join(', ')}) THEN 'purchase' ELSE 'refund' END AS kind,
                   ${dialect.utcTimestamp('e.event_time')} AS ts, e.event_uuid, e.product_id,
                   ${device.value} AS device, coalesce(e.revenue_usd, 0) AS revenue, e.revenue_usd
            FROM ${from('mixpanel_event')} e ${device.join}
            WHERE (e.event_name IN (${[...names.trialStarted, ...names.trialConverted, ...names.initialPurchase].map(literal).join(', ')})
                   OR (e.event_name IN (${names.refund.map(literal).join(', ')}) AND e.revenue_usd < 0))
              AND e.distinct_id IN (SELECT distinct_id FROM ${from('mixpanel_user')} WHERE has_abi_attribution = 1)
            ${dialect.computeOnce}) AS events
      WHERE ${checks.rowProblem('mixpanel_event', (column) => (column === 'event_time' ? 'ts' : column))} IS NULL;
      CREATE INDEX ${run.workerScratchIndex('event_by_user')} ON event (distinct_id, kind, ts);`,
  };
}
