/**
 * M33 publish guard: before publishing, a run compares its account totals (M29: campaign level)
 * per day with the published run's, over the days both cover. A measure that was above 0 on at
 * least 7 of those days and is 0 on all of them now, or one whose total moves by more than
 * MAX_RESTATEMENT_SHARE of the published total, holds the run instead of publishing it. Meta
 * restates recent days and late events move users between days, so small changes pass.
 */
import type { BaseMeasure } from '../src/metrics/formulas.ts';
import { metricColumn } from '../src/db/tables/metric-columns.ts';
import type { RunSpace } from './run-space.ts';

/** The four measures M33 compares. */
export const GUARDED_MEASURES = ['spend', 'trials', 'purchases', 'actualRevenue'] as const satisfies readonly BaseMeasure[];

/** Days a measure must have been above 0 for its vanishing to hold the run. */
const DAYS_BEFORE_VANISHING_COUNTS = 7;

export interface HeldMeasure {
  measure: (typeof GUARDED_MEASURES)[number];
  publishedTotal: number;
  runTotal: number;
  /** |run − published| / published total (null when the published total is 0). */
  share: number | null;
  /** `vanished`: above 0 on at least 7 days, 0 on all now; `moved`: past the share. */
  reason: 'vanished' | 'moved';
}

/** What `pipeline_runs.held` records (JSON) for a held run. */
export interface PublishHold {
  /** The days both runs cover. */
  from: string;
  to: string;
  days: number;
  maxRestatementShare: number;
  measures: HeldMeasure[];
}

/**
 * The measures that moved past the guard, or null when the run may publish. The days both cover are
 * the overlap of each run's first to last day with a campaign row; inside it a day one run has no
 * row for counts as 0 there.
 */
export async function checkRestatements(run: RunSpace, maxShare: number): Promise<PublishHold | null> {
  const published = await run.publishedTable('daily_metrics');
  if (published === null) return null;
  const stage = run.stageTable('daily_metrics');
  const columns = GUARDED_MEASURES.map(metricColumn);
  const side = (table: string, which: 'published' | 'run') =>
    `SELECT date, ${columns.map((column) => (which === 'published' ? `${column} AS p_${column}, 0 AS r_${column}` : `0 AS p_${column}, ${column} AS r_${column}`)).join(', ')}
     FROM ${table} WHERE level = 'campaign'`;
  const { total } = run.db.dialect;
  const row = await run.db.get<Record<string, number | string | null>>(
    `WITH spans AS (SELECT min(date) AS first, max(date) AS last FROM ${published} WHERE level = 'campaign'
                    UNION ALL SELECT min(date), max(date) FROM ${stage} WHERE level = 'campaign'),
          per_day AS (SELECT date, ${columns.map((column) => `${total(`p_${column}`)} AS p_${column}, ${total(`r_${column}`)} AS r_${column}`).join(', ')}
                      FROM (${side(published, 'published')} UNION ALL ${side(stage, 'run')}) AS both_runs
                      WHERE date >= (SELECT max(first) FROM spans) AND date <= (SELECT min(last) FROM spans)
                      GROUP BY date)
     SELECT count(*) AS days, min(date) AS first, max(date) AS last,
            ${columns
              .map(
                (column) =>
                  `${total(`p_${column}`)} AS p_${column}, ${total(`r_${column}`)} AS r_${column},
                   count(*) FILTER (WHERE p_${column} > 0) AS p_days_${column}, count(*) FILTER (WHERE r_${column} > 0) AS r_days_${column}`,
              )
              .join(', ')}
     FROM per_day`,
  );
  const days = Number(row?.days ?? 0);
  if (!row || days === 0) return null;
  const measures = GUARDED_MEASURES.flatMap((measure): HeldMeasure[] => {
    const column = metricColumn(measure);
    const publishedTotal = Number(row[`p_${column}`]);
    const runTotal = Number(row[`r_${column}`]);
    const share = publishedTotal > 0 ? Math.abs(runTotal - publishedTotal) / publishedTotal : null;
    const vanished = Number(row[`p_days_${column}`]) >= DAYS_BEFORE_VANISHING_COUNTS && Number(row[`r_days_${column}`]) === 0;
    if (vanished) return [{ measure, publishedTotal, runTotal, share, reason: 'vanished' }];
    // A measure that was 0 throughout and appears is no restatement of published numbers.
    if (share !== null && share > maxShare) return [{ measure, publishedTotal, runTotal, share, reason: 'moved' }];
    return [];
  });
  return measures.length === 0 ? null : { from: String(row.first), to: String(row.last), days, maxRestatementShare: maxShare, measures };
}

const amount = (n: number) => Number(n.toFixed(2)).toLocaleString('en-US');

/** The one line recorded as the held run's `error`, printed by the CLI. */
export function describeHold(runId: number, hold: PublishHold): string {
  const moved = hold.measures
    .map(({ measure, publishedTotal, runTotal, share, reason }) =>
      `${metricColumn(measure)} ${amount(publishedTotal)} → ${amount(runTotal)}` +
      (reason === 'vanished' ? ' (0 on every day)' : ` (${Math.round(share! * 100)} %)`),
    )
    .join(', ');
  return (
    `run ${runId} held by the publish guard (M33): over ${hold.from}..${hold.to} (${hold.days} day${hold.days === 1 ? '' : 's'}) ${moved}; ` +
    `publish it with --publish-held ${runId} or fix the sources`
  );
}
