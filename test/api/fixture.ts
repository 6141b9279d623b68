/**
 * App databases for the API tests, written directly into the app tables (no pipeline), with
 * hand-picked base measures and user lists so every expected value can be worked out by hand;
 * an SQLite file or a PostgreSQL schema holding the same rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { print, type ExecutionResult } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { PUBLISHED_TABLES } from '../../pipeline/staging.ts';
import type { Database } from '../../src/db/database.ts';
import { openPostgresAppDatabase } from '../../src/db/postgres/app-database.ts';
import { createRunSchemas, runSchema } from '../../src/db/postgres/publication.ts';
import { openSqliteAppDatabase } from '../../src/db/sqlite/app-database.ts';
import type { BreakdownDimension, EntityLevel } from '../../src/db/tables/daily-metrics.ts';
import { LIST_COUNT_MEASURE, listColumn, metricColumn, USER_LISTS, type UserListName } from '../../src/db/tables/metric-columns.ts';
import type { BaseMeasures } from '../../src/metrics/formulas.ts';
import { createApi, type Api, type ApiOptions } from '../../src/server.ts';
import { freshPostgresUrl, type Backend } from '../fixtures/backends.ts';

/** Every Metrics field (userIds aside) of zero base measures: sums 0, ratios NULL (M27). */
export const ZERO_METRICS = {
  spend: 0, impressions: 0, clicks: 0, metaTrials: 0, metaPurchases: 0, trials: 0, purchases: 0,
  postTrialUsers: 0, convertedUsers: 0, trialRefundUsers: 0, purchaseRefundUsers: 0,
  trialConversionRateEstimated: null, trialConversionRateActual: null, trialRefundRateEstimated: null,
  trialRefundRateActual: null, purchaseRefundRateEstimated: null, purchaseRefundRateActual: null,
  actualRevenue: 0, actualRefunds: 0, netActualRevenue: 0, estimatedRevenue: 0, adjustedEstimatedRevenue: 0,
  profit: 0, roas: null, trialAccuracyRatio: null, purchaseAccuracyRatio: null, mixpanelCostPerTrial: null,
  mixpanelCostPerPurchase: null, metaCostPerTrial: null, metaCostPerPurchase: null, clickToTrialRate: null,
  dataQualityScore: null,
};

export interface DailyRow {
  level: EntityLevel;
  id: string;
  date: string;
  /** Base measures other than the list counts (those follow from `lists`, M15). */
  measures?: Partial<BaseMeasures>;
  lists?: Partial<Record<UserListName, string[]>>;
  /** Set for a `daily_metrics_breakdown` row (lists go to `breakdown_user_lists`, else `daily_user_lists`). */
  breakdown?: { dimension: BreakdownDimension; value: string };
}

export interface AppData {
  /** id_name_mapping: [level, id, canonical name | null, frequency | null, last seen | null]. */
  names: [EntityLevel, string, string | null, number | null, string | null][];
  /** id_name_history: [level, id, name, frequency, first seen, last seen]. */
  history?: [EntityLevel, string, string, number, string, string][];
  /** adset_campaign_mapping: [adset, campaign]. */
  adsetCampaigns: [string, string][];
  /** id_hierarchy_mapping: [ad, adset, campaign, confidence, first seen, last seen]. */
  links: [string, string, string, number, string | null, string | null][];
  rows: DailyRow[];
  /** Publishes run 1 (as of, time zone); omitted = no run published yet. */
  published?: { asOf: string; timezone: string };
}

/** Writes `data` through the database interface: the same statements on both backends. */
async function insertAppData(db: Database, data: AppData): Promise<void> {
  for (const row of data.names) await db.run('INSERT INTO id_name_mapping (level, entity_id, name, frequency, last_seen) VALUES (?, ?, ?, ?, ?)', row);
  for (const row of data.history ?? []) {
    await db.run('INSERT INTO id_name_history (level, entity_id, name, frequency, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?)', row);
  }
  for (const row of data.adsetCampaigns) {
    await db.run("INSERT INTO adset_campaign_mapping (adset_id, campaign_id, confidence, source) VALUES (?, ?, 1, 'meta')", row);
  }
  for (const row of data.links) {
    await db.run(
      `INSERT INTO id_hierarchy_mapping (ad_id, adset_id, campaign_id, confidence, first_seen, last_seen, source)
       VALUES (?, ?, ?, ?, ?, ?, 'meta')`,
      row,
    );
  }
  for (const row of data.rows) await insertDailyRow(db, row);
}

/** Run 1 succeeded and is the published one. */
async function publishRunOne(db: Database, published: NonNullable<AppData['published']>): Promise<void> {
  await db.run(
    `INSERT INTO pipeline_runs (id, status, started_at, finished_at, as_of, timezone, parameters)
     VALUES (1, 'succeeded', '2024-03-04T00:00:00.000Z', '2024-03-04T00:00:05.000Z', ?, ?, '{}')`,
    [published.asOf, published.timezone],
  );
  await db.run(`INSERT INTO published_dataset (id, run_id, as_of, timezone, published_at) VALUES (1, 1, ?, ?, '2024-03-04T00:00:06.000Z')`, [
    published.asOf,
    published.timezone,
  ]);
}

export async function writeAppData(path: string, data: AppData): Promise<void> {
  const { db } = openSqliteAppDatabase(path);
  try {
    await db.transaction(async (tx) => {
      await insertAppData(tx, data);
      if (data.published) await publishRunOne(tx, data.published);
    });
  } finally {
    await db.close();
  }
}

/**
 * The same data in a PostgreSQL app schema: a published run's tables live in that run's schema
 * (src/db/postgres/publication.ts); with nothing published, in the app schema itself.
 */
export async function writePostgresAppData(url: string, data: AppData): Promise<void> {
  const app = await openPostgresAppDatabase(url);
  const { schema } = app.postgres;
  try {
    if (data.published) await createRunSchemas(app.db, schema, 1, PUBLISHED_TABLES);
    await app.db.transaction(async (tx) => {
      if (data.published) await tx.exec(`SET LOCAL search_path TO ${runSchema(schema, 1)}, ${schema}`);
      await insertAppData(tx, data);
      if (data.published) await publishRunOne(tx, data.published);
    });
    // Run 1 was inserted with its id: the next run gets 2.
    await app.db.exec("SELECT setval(pg_get_serial_sequence('pipeline_runs', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM pipeline_runs), false)");
  } finally {
    await app.close();
  }
}

async function insertDailyRow(db: Database, row: DailyRow): Promise<void> {
  const keys: Record<string, unknown> = { level: row.level, entity_id: row.id, date: row.date, ...row.breakdown };
  const measures: Record<string, unknown> = {};
  const lists: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row.measures ?? {})) measures[metricColumn(name as keyof BaseMeasures)] = value;
  for (const list of USER_LISTS) {
    const users = row.lists?.[list] ?? [];
    lists[listColumn(list)] = JSON.stringify([...users].sort());
    measures[metricColumn(LIST_COUNT_MEASURE[list])] = users.length;
  }
  const insert = (table: string, columns: Record<string, unknown>) => {
    const names = Object.keys(columns);
    return db.run(`INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`, Object.values(columns));
  };
  await insert(row.breakdown ? 'daily_metrics_breakdown' : 'daily_metrics', { ...keys, ...measures });
  if (Object.values(row.lists ?? {}).some((users) => users.length > 0)) {
    await insert(row.breakdown ? 'breakdown_user_lists' : 'daily_user_lists', { ...keys, ...lists });
  }
}

export interface TestApi extends Api {
  /** Every SQL statement executed since the last `resetStatements()`. */
  statements: string[];
  resetStatements(): void;
  /** Runs a typed operation through `yoga.fetch`. */
  run<Result, Variables>(
    document: TypedDocumentNode<Result, Variables>,
    variables?: Variables,
  ): Promise<ExecutionResult<Result> & { status: number }>;
  /** Runs a query text through `yoga.fetch`. */
  runText(query: string, variables?: Record<string, unknown>): Promise<ExecutionResult & { status: number }>;
  cleanup(): Promise<void>;
}

/** An API over a fresh app database holding `data`, on either backend. */
export async function createTestApi(
  data: AppData,
  options: Omit<ApiOptions, 'dbPath' | 'onQuery'> = {},
  backend: Backend = 'sqlite',
): Promise<TestApi> {
  const dir = mkdtempSync(join(tmpdir(), 'api-test-'));
  let dbPath = join(dir, 'app.sqlite');
  if (backend === 'postgres') {
    dbPath = await freshPostgresUrl('api');
    await writePostgresAppData(dbPath, data);
  } else {
    await writeAppData(dbPath, data);
  }
  const statements: string[] = [];
  // Tests of computed values see every statement; the response cache has tests of its own.
  const api = await createApi({ responseCache: false, ...options, dbPath, onQuery: (sql) => statements.push(sql) });
  const runText = async (query: string, variables?: Record<string, unknown>) => {
    const response = await api.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return { ...((await response.json()) as ExecutionResult), status: response.status };
  };
  return {
    ...api,
    statements,
    resetStatements: () => void statements.splice(0),
    run: async (document, variables) =>
      (await runText(print(document), variables as Record<string, unknown>)) as never,
    runText,
    cleanup: async () => {
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
