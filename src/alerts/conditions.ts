/**
 * The alert conditions of api.md "Operations", Alerts, read from the app database: the last finished
 * run failed or was held (metrics.md M33; any status other than succeeded or interrupted that ends a
 * run is reported by name), a source of the published run is STALE, and the account's data quality
 * score (M26 on the M29 totals) over the last 7 complete days (up to as-of − 7, M11) is below the
 * threshold.
 */
import type { SqlReader } from '../db/database.ts';
import { levelTotal } from '../db/tables/daily-metrics-reads.ts';
import { publishedDataset } from '../db/tables/pipeline-runs-reads.ts';
import { freshnessNow, FRESHNESS_SOURCES, type FreshnessThresholds } from '../freshness/freshness.ts';
import { metricValue } from '../metrics/formulas.ts';
import { addDays } from '../schema/date.ts';

export interface ConditionCheck {
  condition: string;
  /** Details while it holds (the alert's), null when it does not. */
  holding: { text: string; details: Record<string, unknown> } | null;
}

export const DEFAULT_QUALITY_BELOW = 0.8;
const COMPLETE_DAYS = 7;
/** Days before the as-of day whose post-trial lists are final (M11). */
const POST_TRIAL_DAYS = 7;

/** Every condition, holding or not; `live` reads run records, `published` the published tables (one snapshot). */
export async function checkConditions(
  live: SqlReader,
  published: SqlReader,
  settings: { freshnessThresholds: FreshnessThresholds; qualityBelow: number },
): Promise<ConditionCheck[]> {
  const lastRun = await live.get<{ id: number; status: string; error: string | null; trigger: string }>(
    `SELECT id, status, error, "trigger" AS "trigger" FROM pipeline_runs WHERE status NOT IN ('running', 'interrupted') ORDER BY id DESC LIMIT 1`,
  );
  const checks: ConditionCheck[] = [
    {
      condition: 'run-failed',
      holding:
        lastRun?.status === 'failed'
          ? { text: `Pipeline run ${lastRun.id} failed: ${lastRun.error ?? 'no reason recorded'}`, details: { runId: lastRun.id, trigger: lastRun.trigger, error: lastRun.error } }
          : null,
    },
    {
      condition: 'run-held',
      holding:
        lastRun?.status === 'held'
          ? { text: `Pipeline run ${lastRun.id} was held, not published: ${lastRun.error ?? 'see its held measures'}`, details: { runId: lastRun.id, trigger: lastRun.trigger } }
          : null,
    },
  ];
  const dataset = await publishedDataset(published);
  const freshness = dataset ? freshnessNow(dataset.sourceFreshness ?? '{}', settings.freshnessThresholds) : [];
  for (const source of FRESHNESS_SOURCES) {
    const stale = freshness.find((entry) => entry.source === source && entry.status === 'STALE');
    checks.push({
      condition: `stale:${source}`,
      holding: stale
        ? {
            text: `${source} data is stale: newest ${stale.newest ?? 'none'}${stale.ageSeconds === null ? '' : `, ${Math.floor(stale.ageSeconds / 3600)} h old`}`,
            details: { source, newest: stale.newest, ageSeconds: stale.ageSeconds },
          }
        : null,
    });
  }
  let quality: ConditionCheck['holding'] = null;
  if (dataset) {
    const end = addDays(dataset.asOf, -POST_TRIAL_DAYS);
    const range = { start: addDays(end, -(COMPLETE_DAYS - 1)), end };
    const score = metricValue('dataQualityScore', await levelTotal(published, 'campaign', range));
    if (score !== null && score < settings.qualityBelow) {
      quality = {
        text: `Data quality score ${score.toFixed(3)} over ${range.start}..${range.end} is below ${settings.qualityBelow}: Meta and Mixpanel disagree`,
        details: { score, range, below: settings.qualityBelow },
      };
    }
  }
  checks.push({ condition: 'quality', holding: quality });
  return checks;
}
