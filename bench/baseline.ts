/**
 * The baseline (issue 6, part 5): what this system replaces. The answers of (a)–(c) computed at
 * request time straight from the source tables, the way the old dashboard did: per entity level one
 * query joining mixpanel_user and mixpanel_event with the Meta table, distinct users by
 * COUNT(DISTINCT), money and spend summed over the range, then the shared formulas.
 *
 * It is a lower bound of the old cost: it skips what makes the exact rules expensive (latest trial
 * per user M9, post-trial and conversion lists M11–M14, parent fill-in M8), so its trial and purchase
 * counts can differ from ours; spend is the same definition (M20) and is cross-checked. To be fair it
 * runs on a copy of the source with indexes for every access path it uses, in this process (no HTTP,
 * no GraphQL), and with statements prepared once.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync } from 'node:fs';
import { eventNamesFromEnv } from '../src/config.ts';
import type { EntityLevel } from '../src/db/tables/daily-metrics.ts';
import { groupBy } from '../src/db/tables/read-handle.ts';
import { computeMetrics, metricValue, zeroMeasures, type BaseMeasures } from '../src/metrics/formulas.ts';
import { addDays, lastDays, type DateRange, type QueryName, type QueryTargets } from './queries.ts';
import { summarize, timeMs, type LatencySummary } from './stats.ts';

/** Indexes an old dashboard database would have had for these queries. */
const BASELINE_INDEXES = [
  'CREATE INDEX IF NOT EXISTS baseline_event_time ON mixpanel_event (event_time, event_name)',
  'CREATE INDEX IF NOT EXISTS baseline_event_user ON mixpanel_event (distinct_id, event_time)',
  'CREATE INDEX IF NOT EXISTS baseline_user_campaign ON mixpanel_user (abi_campaign_id)',
  'CREATE INDEX IF NOT EXISTS baseline_user_adset ON mixpanel_user (abi_ad_set_id)',
  'CREATE INDEX IF NOT EXISTS baseline_user_ad ON mixpanel_user (abi_ad_id)',
  'CREATE INDEX IF NOT EXISTS baseline_meta_date ON ad_performance_daily (date)',
  'CREATE INDEX IF NOT EXISTS baseline_meta_country_campaign ON ad_performance_daily_country (campaign_id, date)',
  'CREATE INDEX IF NOT EXISTS baseline_meta_country_date ON ad_performance_daily_country (date)',
];

/** The indexed copy of a source database, made once beside it (the original stays as the generator wrote it). */
export function ensureBaselineDatabase(sourcePath: string): string {
  const path = sourcePath.replace(/\.sqlite$/, '-baseline.sqlite');
  if (existsSync(path)) return path;
  const partial = `${path}.partial`;
  copyFileSync(sourcePath, partial);
  const sqlite = new Database(partial);
  try {
    for (const statement of BASELINE_INDEXES) sqlite.exec(statement);
    sqlite.exec('ANALYZE');
  } finally {
    sqlite.close();
  }
  renameSync(partial, path);
  return path;
}

const LEVEL_COLUMNS: Record<EntityLevel, { meta: string; user: string }> = {
  campaign: { meta: 'campaign_id', user: 'abi_campaign_id' },
  adset: { meta: 'adset_id', user: 'abi_ad_set_id' },
  ad: { meta: 'ad_id', user: 'abi_ad_id' },
};

interface Grouping {
  level: EntityLevel;
  byDay: boolean;
  byCountry: boolean;
  oneEntity: boolean;
}

/** The base measures the baseline computes, as SQL column aliases. */
const BASELINE_MEASURES = ['spend', 'impressions', 'clicks', 'metaTrials', 'metaPurchases', 'trials', 'purchases', 'actualRevenue', 'actualRefunds', 'estimatedRevenue'] as const;

interface BaselineRow extends Record<(typeof BASELINE_MEASURES)[number], number> {
  id: string;
  day: string;
  value: string;
}

/** One statement: per entity (and day, and country, as asked) the base measures over a range. */
function baselineSql({ level, byDay, byCountry, oneEntity }: Grouping): string {
  const columns = LEVEL_COLUMNS[level];
  const metaId = `m.${columns.meta}`;
  const userId = `u.${columns.user}`;
  const metaDay = byDay ? 'm.date' : `''`;
  const eventDay = byDay ? 'substr(e.event_time, 1, 10)' : `''`;
  const metaCountry = byCountry ? `coalesce(nullif(upper(trim(m.country)), ''), 'UNKNOWN')` : `''`;
  const userCountry = byCountry ? `coalesce(nullif(upper(trim(u.country)), ''), 'UNKNOWN')` : `''`;
  return `
WITH meta AS (
  SELECT ${metaId} AS id, ${metaDay} AS day, ${metaCountry} AS value,
    total(m.spend) AS spend, total(m.impressions) AS impressions, total(m.clicks) AS clicks,
    total(m.meta_trials) AS metaTrials, total(m.meta_purchases) AS metaPurchases
  FROM ${byCountry ? 'ad_performance_daily_country' : 'ad_performance_daily'} m
  WHERE m.date BETWEEN @start AND @end AND ${metaId} IS NOT NULL ${oneEntity ? `AND ${metaId} = @id` : ''}
  GROUP BY 1, 2, 3
), events AS (
  SELECT ${userId} AS id, ${eventDay} AS day, ${userCountry} AS value,
    e.distinct_id, e.event_name, e.product_id, e.revenue_usd
  FROM mixpanel_event e JOIN mixpanel_user u ON u.distinct_id = e.distinct_id
  WHERE e.event_time >= @start AND e.event_time < @endExclusive
    AND e.event_name IN (SELECT value FROM json_each(@trial) UNION ALL SELECT value FROM json_each(@conversion) UNION ALL SELECT value FROM json_each(@purchase) UNION ALL SELECT value FROM json_each(@refund))
    AND u.has_abi_attribution = 1 AND ${userId} IS NOT NULL ${oneEntity ? `AND ${userId} = @id` : ''}
), mixpanel AS (
  SELECT id, day, value,
    COUNT(DISTINCT CASE WHEN event_name IN (SELECT value FROM json_each(@trial)) THEN distinct_id END) AS trials,
    COUNT(DISTINCT CASE WHEN event_name IN (SELECT value FROM json_each(@purchase)) THEN distinct_id END) AS purchases,
    total(CASE WHEN event_name IN (SELECT value FROM json_each(@conversion) UNION ALL SELECT value FROM json_each(@purchase)) THEN revenue_usd END) AS actualRevenue,
    total(CASE WHEN event_name IN (SELECT value FROM json_each(@refund)) AND revenue_usd < 0 THEN -revenue_usd END) AS actualRefunds
  FROM events GROUP BY 1, 2, 3
), estimated AS (
  SELECT p.id, p.day, p.value, total(upm.current_value) AS estimatedRevenue
  FROM (SELECT DISTINCT id, day, value, distinct_id, product_id FROM events WHERE event_name IN (SELECT value FROM json_each(@trial) UNION ALL SELECT value FROM json_each(@purchase))) p
  JOIN user_product_metrics upm ON upm.distinct_id = p.distinct_id AND upm.product_id = p.product_id
  GROUP BY 1, 2, 3
), keys AS (SELECT id, day, value FROM meta UNION SELECT id, day, value FROM mixpanel)
SELECT k.id, k.day, k.value,
  coalesce(meta.spend, 0) AS spend, coalesce(meta.impressions, 0) AS impressions, coalesce(meta.clicks, 0) AS clicks,
  coalesce(meta.metaTrials, 0) AS metaTrials, coalesce(meta.metaPurchases, 0) AS metaPurchases,
  coalesce(mixpanel.trials, 0) AS trials, coalesce(mixpanel.purchases, 0) AS purchases,
  coalesce(mixpanel.actualRevenue, 0) AS actualRevenue, coalesce(mixpanel.actualRefunds, 0) AS actualRefunds,
  coalesce(estimated.estimatedRevenue, 0) AS estimatedRevenue
FROM keys k
LEFT JOIN meta USING (id, day, value)
LEFT JOIN mixpanel USING (id, day, value)
LEFT JOIN estimated USING (id, day, value)`;
}

function toMeasures(row: BaselineRow): BaseMeasures {
  const measures = zeroMeasures();
  for (const name of BASELINE_MEASURES) measures[name] = row[name];
  return measures;
}

type Metrics = ReturnType<typeof computeMetrics>;
type SparkPoint = { date: string; value: number | null };
type BreakdownValue = { value: string; metrics: Metrics };

interface BaselineNode {
  id: string;
  metrics: Metrics;
  sparkline: SparkPoint[];
  breakdown?: BreakdownValue[];
  children?: BaselineNode[];
}

/** Request-time answers from one source database; statements are prepared once per shape. */
export class RequestTimeDashboard {
  private readonly sqlite: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly eventNames = eventNamesFromEnv();

  constructor(baselineDbPath: string) {
    this.sqlite = new Database(baselineDbPath, { readonly: true });
  }

  close(): void {
    this.sqlite.close();
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.sqlite.prepare(sql)));
    return statement;
  }

  private measures(grouping: Grouping, range: DateRange, id?: string): BaselineRow[] {
    const { trialStarted, trialConverted, initialPurchase, refund } = this.eventNames;
    return this.statement(baselineSql(grouping)).all({
      start: range.start,
      end: range.end,
      endExclusive: addDays(range.end, 1),
      // Each kind is a list of names (metrics.md M3), bound as JSON arrays.
      trial: JSON.stringify(trialStarted),
      conversion: JSON.stringify(trialConverted),
      purchase: JSON.stringify(initialPurchase),
      refund: JSON.stringify(refund),
      ...(id === undefined ? {} : { id }),
    }) as BaselineRow[];
  }

  private totals(level: EntityLevel, range: DateRange, id?: string): Map<string, BaseMeasures> {
    const rows = this.measures({ level, byDay: false, byCountry: false, oneEntity: id !== undefined }, range, id);
    return new Map(rows.map((row) => [row.id, toMeasures(row)]));
  }

  /** ROAS per day of the `days` days ending at range.end, zero-filled (NULL ratio on empty days). */
  private roasSparklines(level: EntityLevel, range: DateRange, days: number, id?: string): Map<string, SparkPoint[]> {
    const sparkRange = lastDays(range.end, days);
    const rows = this.measures({ level, byDay: true, byCountry: false, oneEntity: id !== undefined }, sparkRange, id);
    const dates = Array.from({ length: days }, (_, i) => addDays(sparkRange.start, i));
    return new Map(
      [...groupBy(rows, (row) => row.id)].map(([entityId, entityRows]) => {
        const measuresByDay = new Map(entityRows.map((row) => [row.day, toMeasures(row)]));
        return [entityId, dates.map((date) => ({ date, value: metricValue('roas', measuresByDay.get(date) ?? zeroMeasures()) }))];
      }),
    );
  }

  private countryBreakdowns(range: DateRange, id?: string): Map<string, BreakdownValue[]> {
    const rows = this.measures({ level: 'campaign', byDay: false, byCountry: true, oneEntity: id !== undefined }, range, id);
    return new Map(
      [...groupBy(rows, (row) => row.id)].map(([campaignId, campaignRows]) => [
        campaignId,
        campaignRows.map((row) => ({ value: row.value, metrics: computeMetrics(toMeasures(row)) })),
      ]),
    );
  }

  /** (a) all campaigns → adsets → ads active in the range (Meta rows), 14-day ROAS sparklines, country breakdown per campaign. */
  dashboard(range: DateRange): BaselineNode[] {
    const levels: EntityLevel[] = ['campaign', 'adset', 'ad'];
    const totals = new Map(levels.map((level) => [level, this.totals(level, range)]));
    const sparklines = new Map(levels.map((level) => [level, this.roasSparklines(level, range, 14)]));
    const breakdowns = this.countryBreakdowns(range);
    const node = (level: EntityLevel, id: string): BaselineNode => ({
      id,
      metrics: computeMetrics(totals.get(level)?.get(id) ?? zeroMeasures()),
      sparkline: sparklines.get(level)?.get(id) ?? [],
    });
    const links = this
      .statement(
        `SELECT DISTINCT campaign_id AS campaignId, adset_id AS adsetId, ad_id AS adId FROM ad_performance_daily
         WHERE date BETWEEN ? AND ? AND campaign_id IS NOT NULL AND adset_id IS NOT NULL ORDER BY 1, 2, 3`,
      )
      .all(range.start, range.end) as { campaignId: string; adsetId: string; adId: string }[];
    const campaigns = new Map<string, BaselineNode>();
    const adsets = new Map<string, BaselineNode>();
    for (const link of links) {
      let campaign = campaigns.get(link.campaignId);
      if (!campaign) {
        campaign = { ...node('campaign', link.campaignId), breakdown: breakdowns.get(link.campaignId) ?? [], children: [] };
        campaigns.set(link.campaignId, campaign);
      }
      const adsetKey = `${link.campaignId}/${link.adsetId}`;
      let adset = adsets.get(adsetKey);
      if (!adset) {
        adset = { ...node('adset', link.adsetId), children: [] };
        adsets.set(adsetKey, adset);
        campaign.children!.push(adset);
      }
      adset.children!.push(node('ad', link.adId));
    }
    return [...campaigns.values()];
  }

  /** (b) one ad over the range with its 14-day ROAS sparkline. */
  entity(adId: string, range: DateRange): BaselineNode {
    return {
      id: adId,
      metrics: computeMetrics(this.totals('ad', range, adId).get(adId) ?? zeroMeasures()),
      sparkline: this.roasSparklines('ad', range, 14, adId).get(adId) ?? [],
    };
  }

  /** (c) one campaign's country breakdown over the range. */
  breakdown(campaignId: string, range: DateRange): BreakdownValue[] {
    return this.countryBreakdowns(range, campaignId).get(campaignId) ?? [];
  }
}

export type BaselineQueryName = Extract<QueryName, 'dashboard' | 'entity' | 'breakdown'>;

export interface BaselineFigures {
  repetitions: Record<BaselineQueryName, number>;
  latency: Record<BaselineQueryName, LatencySummary>;
  /** Total spend of the dashboard answer; must equal the API's (same rule M20). */
  dashboardSpend: number;
}

export async function measureBaseline(baselineDbPath: string, targets: QueryTargets, repetitions: Record<BaselineQueryName, number>): Promise<BaselineFigures> {
  const dashboard = new RequestTimeDashboard(baselineDbPath);
  try {
    const answers: Record<BaselineQueryName, () => unknown> = {
      dashboard: () => dashboard.dashboard(targets.last30Days),
      entity: () => dashboard.entity(targets.adId, targets.last30Days),
      breakdown: () => dashboard.breakdown(targets.campaignId, targets.last90Days),
    };
    const latency = {} as Record<BaselineQueryName, LatencySummary>;
    for (const name of Object.keys(answers) as BaselineQueryName[]) {
      process.stderr.write(`  baseline: ${name} (1 warm-up + ${repetitions[name]})\n`);
      answers[name]();
      const samples: number[] = [];
      for (let i = 0; i < repetitions[name]; i++) samples.push((await timeMs(answers[name])).ms);
      latency[name] = summarize(samples);
    }
    const dashboardSpend = dashboard.dashboard(targets.last30Days).reduce((sum, campaign) => sum + campaign.metrics.spend, 0);
    return { repetitions, latency, dashboardSpend };
  } finally {
    dashboard.close();
  }
}
