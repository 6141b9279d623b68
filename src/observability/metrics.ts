/**
 * The Prometheus metrics of api.md "Operations" (prom-client). Request metrics are counted as
 * requests pass (request-plugin.ts); the pipeline's are read from the run history when scraped, so
 * every replica reports the same runs, including those of the CLI and of other replicas.
 * Every label value comes from a fixed list in the code or from names the code itself writes.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { SkippedRows } from '../../pipeline/source/values.ts';
import type { SqlReader } from '../db/database.ts';
import { freshnessNow, type FreshnessThresholds } from '../freshness/freshness.ts';
import { QUERY_LIMIT_NAMES, type QueryLimitName } from '../schema/errors.ts';
import { operationLabels } from './operation-names.ts';

/** The error codes a label may name (api.md "Errors" and yoga's own); any other is `OTHER`. */
const ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'PIPELINE_BUSY',
  'PIPELINE_NOT_CONFIGURED',
  'NO_DATA',
  'QUERY_TOO_COMPLEX',
  'PERSISTED_QUERY_NOT_FOUND',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'INTERNAL_SERVER_ERROR',
]);
export const errorCodeLabel = (code: unknown): string => (typeof code === 'string' && ERROR_CODES.has(code) ? code : 'OTHER');

export const SCHEDULES = ['pipeline', 'sync'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

const PREFIX = 'ads_metrics_';

export class ApiMetrics {
  readonly registry = new Registry();
  readonly requestDuration = new Histogram({
    name: `${PREFIX}graphql_request_duration_seconds`,
    help: 'GraphQL requests, by operation (the page and GraphiQL examples by name, anything else "other").',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: `${PREFIX}graphql_errors_total`,
    help: 'GraphQL errors answered, by extensions.code.',
    labelNames: ['code'],
    registers: [this.registry],
  });
  readonly refusals = new Counter({
    name: `${PREFIX}query_refusals_total`,
    help: 'Requests refused or stopped by a query limit, by limit.',
    labelNames: ['limit'],
    registers: [this.registry],
  });
  readonly responseCache = new Counter({
    name: `${PREFIX}response_cache_requests_total`,
    help: 'Requests looked up in the response cache, by result.',
    labelNames: ['result'],
    registers: [this.registry],
  });
  readonly skippedTicks = new Counter({
    name: `${PREFIX}schedule_ticks_skipped_total`,
    help: 'Scheduled times that started no run because a run was in progress, by schedule.',
    labelNames: ['schedule'],
    registers: [this.registry],
  });
  private readonly runs = new Counter({
    name: `${PREFIX}pipeline_runs_total`,
    help: 'Pipeline runs recorded in the app database, by status and trigger.',
    labelNames: ['status', 'trigger'],
    registers: [this.registry],
  });
  private readonly stepDuration = new Gauge({
    name: `${PREFIX}pipeline_step_duration_seconds`,
    help: 'Seconds each step took in the last finished run.',
    labelNames: ['step'],
    registers: [this.registry],
  });
  private readonly lastSuccess = new Gauge({
    name: `${PREFIX}pipeline_last_success_timestamp_seconds`,
    help: 'When the last succeeded run finished (Unix time).',
    registers: [this.registry],
  });
  private readonly freshness = new Gauge({
    name: `${PREFIX}data_freshness_seconds`,
    help: "Seconds from the newest source data of the published run to now, by source.",
    labelNames: ['source'],
    registers: [this.registry],
  });
  private readonly skippedRows = new Counter({
    name: `${PREFIX}source_rows_skipped_total`,
    help: 'Source rows the last finished run left out, by table and reason.',
    labelNames: ['table', 'reason'],
    registers: [this.registry],
  });
  private readonly publishedRows = new Gauge({
    name: `${PREFIX}published_rows`,
    help: 'Rows of each table of the published run.',
    labelNames: ['table'],
    registers: [this.registry],
  });

  constructor(private readonly freshnessThresholds: FreshnessThresholds) {
    collectDefaultMetrics({ register: this.registry });
    // prom-client names these gauges `_total`, which `promtool check metrics` rejects for non-counters.
    for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
      this.registry.removeSingleMetric(name);
    }
    // Series that exist before their first event, so rate() and alert rules see them from the start.
    for (const operation of operationLabels()) this.requestDuration.zero({ operation });
    for (const limit of QUERY_LIMIT_NAMES) this.refusals.inc({ limit }, 0);
    for (const result of ['hit', 'miss']) this.responseCache.inc({ result }, 0);
    for (const schedule of SCHEDULES) this.skippedTicks.inc({ schedule }, 0);
  }

  refused(limit: QueryLimitName): void {
    this.refusals.inc({ limit });
  }

  /** The metrics in the Prometheus text format, the run history's read now from `db`. */
  async scrape(db: SqlReader): Promise<string> {
    await this.readRunHistory(db);
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private async readRunHistory(db: SqlReader): Promise<void> {
    const [counts, lastFinished, lastSuccess, published] = await Promise.all([
      db.all<{ status: string; trigger: string; runs: number }>(
        'SELECT status, "trigger" AS "trigger", count(*) AS runs FROM pipeline_runs GROUP BY status, "trigger"',
      ),
      db.get<{ stepTimings: string; skippedRows: string }>(
        `SELECT step_timings AS "stepTimings", skipped_rows AS "skippedRows" FROM pipeline_runs
         WHERE status <> 'running' ORDER BY id DESC LIMIT 1`,
      ),
      db.get<{ finishedAt: string | null }>(`SELECT max(finished_at) AS "finishedAt" FROM pipeline_runs WHERE status = 'succeeded'`),
      db.get<{ rowsPerTable: string; sourceFreshness: string }>(
        `SELECT pipeline_runs.rows_per_table AS "rowsPerTable", pipeline_runs.source_freshness AS "sourceFreshness"
         FROM published_dataset JOIN pipeline_runs ON pipeline_runs.id = published_dataset.run_id WHERE published_dataset.id = 1`,
      ),
    ]);
    this.runs.reset();
    for (const { status, trigger, runs } of counts) this.runs.inc({ status, trigger }, Number(runs));
    this.stepDuration.reset();
    this.skippedRows.reset();
    if (lastFinished) {
      for (const [step, seconds] of Object.entries(JSON.parse(lastFinished.stepTimings) as Record<string, number>)) this.stepDuration.set({ step }, seconds);
      // table → column → reason → rows (pipeline/source/values.ts); the label names the column and the reason.
      for (const [table, columns] of Object.entries(JSON.parse(lastFinished.skippedRows) as SkippedRows)) {
        for (const [column, reasons] of Object.entries(columns)) {
          for (const [reason, rows] of Object.entries(reasons)) this.skippedRows.inc({ table, reason: `${column}: ${reason}` }, rows);
        }
      }
    }
    this.lastSuccess.reset();
    if (lastSuccess?.finishedAt) this.lastSuccess.set(Date.parse(lastSuccess.finishedAt) / 1000);
    this.publishedRows.reset();
    this.freshness.reset();
    if (published) {
      for (const [table, rows] of Object.entries(JSON.parse(published.rowsPerTable) as Record<string, number>)) this.publishedRows.set({ table }, rows);
      for (const { source, ageSeconds } of freshnessNow(published.sourceFreshness, this.freshnessThresholds)) {
        if (ageSeconds !== null) this.freshness.set({ source }, ageSeconds);
      }
    }
  }
}
