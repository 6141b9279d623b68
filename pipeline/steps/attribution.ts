/**
 * Step "attribution" (M8, M2, M3): the attributed users with their ids at each level (missing
 * adset/campaign ids filled from the hierarchy) and canonical country/region, and the events that
 * the rules use — trial starts, conversions, initial purchases and refunds of those users — with
 * each event's day in the reporting time zone.
 */
import type Database from 'better-sqlite3';
import type { EventNames } from '../../src/config.ts';
import { canonicalValue } from '../breakdown-values.ts';
import { stageTable } from '../staging.ts';
import { ONCE_PER_ROW } from './sources.ts';

export function attributeUsers(db: Database.Database): void {
  db.exec(`CREATE TEMP TABLE attributed_user (
      distinct_id TEXT PRIMARY KEY, ad_id TEXT, adset_id TEXT, campaign_id TEXT, country TEXT NOT NULL, region TEXT NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO attributed_user
    SELECT distinct_id, ad_id, adset_id, coalesce(campaign_id, (SELECT campaign_id FROM ${stageTable('adset_campaign_mapping')} WHERE adset_id = filled.adset_id)),
           ${canonicalValue('country', 'mixpanel', 'country')}, ${canonicalValue('region', 'mixpanel', 'region')}
    FROM (SELECT u.distinct_id, u.ad_id, coalesce(u.adset_id, h.adset_id) AS adset_id, u.campaign_id, u.country, u.region
          FROM mixpanel_user u LEFT JOIN ${stageTable('id_hierarchy_mapping')} h ON h.ad_id = u.ad_id
          WHERE u.has_abi_attribution = 1) AS filled
    ORDER BY distinct_id;
    DELETE FROM attributed_user WHERE ad_id IS NULL AND adset_id IS NULL AND campaign_id IS NULL;`);
}

export function collectEvents(db: Database.Database, localDay: (timestamp: string) => string, names: EventNames): void {
  db.exec(`CREATE TEMP TABLE event (
      distinct_id TEXT NOT NULL, kind TEXT NOT NULL, ts TEXT NOT NULL, day TEXT NOT NULL,
      event_uuid TEXT, product_id TEXT, device TEXT NOT NULL, revenue REAL NOT NULL)`);
  db.prepare(`INSERT INTO event
    SELECT distinct_id, kind, ts, ${localDay('ts')}, event_uuid, product_id, device, revenue
    FROM (SELECT e.distinct_id,
                 CASE e.event_name WHEN @trialStarted THEN 'trial' WHEN @trialConverted THEN 'conversion'
                                   WHEN @initialPurchase THEN 'purchase' ELSE 'refund' END AS kind,
                 e.ts, e.event_uuid, e.product_id, ${canonicalValue('device', 'mixpanel', 'e.store')} AS device,
                 coalesce(e.revenue_usd, 0) AS revenue
          FROM mixpanel_event e JOIN attributed_user u ON u.distinct_id = e.distinct_id
          WHERE e.event_name IN (@trialStarted, @trialConverted, @initialPurchase) OR (e.event_name = @refund AND e.revenue_usd < 0)
          ${ONCE_PER_ROW})
    WHERE ts IS NOT NULL`).run(names);
  db.exec('CREATE INDEX event_by_user ON event (distinct_id, kind, ts)');
}
