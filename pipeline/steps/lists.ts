/**
 * Step "lists" (M9–M14, M18, M19): one row per attributed user with a trial or a purchase, saying
 * on which day and with which store the user enters each list, and the user-product value and
 * estimated rates it brings. The daily and breakdown steps group these rows per entity and day.
 */
import type { ExecJob } from '../jobs.ts';
import type { RunSpace } from '../run-space.ts';
import { literal } from '../sql.ts';

/** M11: a trial day is post-trial when it is at least 7 days before the as-of day. */
export const POST_TRIAL_DAYS = 7;

/**
 * Each user's latest trial and latest purchase event (M9/M10; equal times are settled by event id):
 * jobs for the second connection, which runs them right after collecting the events, while this
 * connection is still attributing users.
 */
export function latestEventJobs(run: RunSpace): ExecJob[] {
  return (['trial', 'purchase'] as const).map((kind) => ({
    exec: `CREATE TABLE ${run.workerScratchTable(`latest_${kind}`)} AS
      SELECT distinct_id, ts, day, product_id, device FROM (
        SELECT *, row_number() OVER (PARTITION BY distinct_id ORDER BY ts DESC, ${run.db.dialect.byCodePoint('event_uuid')} DESC) AS rank
        FROM event WHERE kind = '${kind}') AS ranked
      WHERE rank = 1`,
  }));
}

export async function computeUserLists(run: RunSpace, asOf: string): Promise<void> {
  const { db } = run;
  const cutoff = literal(new Date(Date.parse(`${asOf}T00:00:00Z`) - POST_TRIAL_DAYS * 86_400_000).toISOString().slice(0, 10));

  await run.analyze(['event', 'latest_trial', 'latest_purchase']);
  // "Same product" matches NULL with NULL (M12–M14), hence IS NOT DISTINCT FROM rather than =.
  // Conversions and refunds are found for all users at once (joins, sets), not by a lookup per user.
  await db.exec(`CREATE TABLE ${run.scratchTable('user_fact')} AS
    WITH conversion AS (
      SELECT t.distinct_id, t.product_id AS trial_product, min(c.ts) AS converted_ts
      FROM latest_trial t JOIN event c ON c.distinct_id = t.distinct_id
      WHERE t.day <= ${cutoff} AND c.kind = 'conversion' AND c.ts >= t.ts AND c.product_id IS NOT DISTINCT FROM t.product_id
      GROUP BY t.distinct_id, t.product_id),
    trial_refunded AS (
      SELECT c.distinct_id
      FROM conversion c JOIN event r ON r.distinct_id = c.distinct_id
      WHERE r.kind = 'refund' AND r.ts >= c.converted_ts AND r.product_id IS NOT DISTINCT FROM c.trial_product),
    purchase_refunded AS (
      SELECT p.distinct_id
      FROM latest_purchase p JOIN event r ON r.distinct_id = p.distinct_id
      WHERE r.kind = 'refund' AND r.ts >= p.ts AND r.product_id IS NOT DISTINCT FROM p.product_id),
    fact AS (
      SELECT u.*, t.day AS trial_day, t.product_id AS trial_product, t.device AS trial_device,
             p.day AS purchase_day, p.product_id AS purchase_product, p.device AS purchase_device,
             t.day <= ${cutoff} AS is_post_trial, c.converted_ts
      FROM attributed_user u
      LEFT JOIN latest_trial t ON t.distinct_id = u.distinct_id
      LEFT JOIN latest_purchase p ON p.distinct_id = u.distinct_id
      LEFT JOIN conversion c ON c.distinct_id = u.distinct_id
      WHERE t.distinct_id IS NOT NULL OR p.distinct_id IS NOT NULL)
    SELECT f.distinct_id, f.ad_id, f.adset_id, f.campaign_id, f.country, f.region,
           f.trial_day, f.trial_device, f.is_post_trial,
           f.converted_ts IS NOT NULL AS is_converted,
           f.distinct_id IN (SELECT distinct_id FROM trial_refunded) AS is_trial_refund,
           coalesce(trial_upm.current_value, 0) AS trial_value,
           trial_upm.trial_conversion_rate, trial_upm.trial_converted_to_refund_rate,
           f.purchase_day, f.purchase_device,
           f.distinct_id IN (SELECT distinct_id FROM purchase_refunded) AS is_purchase_refund,
           -- M18: a pair that is both the trial and the purchase pair of one day's row counts once (trial side).
           CASE WHEN f.trial_day = f.purchase_day AND f.trial_product = f.purchase_product THEN 0
                ELSE coalesce(purchase_upm.current_value, 0) END AS purchase_value,
           purchase_upm.initial_purchase_to_refund_rate
    FROM fact f
    LEFT JOIN user_product_metrics trial_upm ON trial_upm.distinct_id = f.distinct_id AND trial_upm.product_id = f.trial_product
    LEFT JOIN user_product_metrics purchase_upm ON purchase_upm.distinct_id = f.distinct_id AND purchase_upm.product_id = f.purchase_product
    ORDER BY f.distinct_id`);

  // M16/M17: revenue and refund events with the user's ids and values.
  await db.exec(`CREATE TABLE ${run.scratchTable('money_event')} AS
    SELECT u.ad_id, u.adset_id, u.campaign_id, u.country, u.region, e.device, e.day,
           CASE WHEN e.kind IN ('conversion', 'purchase') THEN e.revenue ELSE 0 END AS revenue,
           CASE WHEN e.kind = 'refund' THEN abs(e.revenue) ELSE 0 END AS refund
    FROM event e JOIN attributed_user u ON u.distinct_id = e.distinct_id
    WHERE e.kind IN ('conversion', 'purchase', 'refund')`);
  // Consumed: free its memory before the aggregations.
  await db.exec('DROP TABLE attributed_user');
  await run.analyze(['user_fact', 'money_event']);
}
