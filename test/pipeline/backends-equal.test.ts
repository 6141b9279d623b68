/**
 * Numbers identical across backends: on the demo data, the pipeline run on SQLite and the
 * same run inside PostgreSQL (sources read in place from a schema) write the same rows to every
 * published table — floating sums equal to 1e-9 relative, user lists equal as lists — and the API
 * gives equal dashboard, entity, breakdown and overview answers over both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../pipeline/demo-data/generate.ts';
import { generateDemoDataToPostgres } from '../../pipeline/demo-data/to-postgres.ts';
import { runPipeline } from '../../pipeline/run.ts';
import { PUBLISHED_TABLES } from '../../pipeline/staging.ts';
import type { SnapshotReader } from '../../src/db/database.ts';
import { BreakdownDocument, DashboardDocument, EntityDocument, OverviewDocument } from '../../src/generated/graphql.ts';
import { createApi, type Api } from '../../src/server.ts';
import { freshPostgresUrl } from '../fixtures/backends.ts';

const dir = mkdtempSync(join(tmpdir(), 'backends-equal-'));
const sqliteApp = join(dir, 'app.sqlite');
const RANGE = { start: '2025-06-01', end: '2025-06-30' };
let sqlite: Api;
let postgres: Api;

beforeAll(async () => {
  const timezone = 'America/New_York';
  const onPostgres = async () => {
    const sourceSchema = await freshPostgresUrl('equal_source');
    await generateDemoDataToPostgres({ out: sourceSchema, scale: 'demo', seed: 1 });
    const postgresApp = await freshPostgresUrl('equal_app');
    await runPipeline({ sources: [sourceSchema], appDbPath: postgresApp, timezone });
    return postgresApp;
  };
  const onSqlite = async () => {
    const sourceFile = join(dir, 'source.sqlite');
    generateDemoData({ out: sourceFile, scale: 'demo', seed: 1 });
    await runPipeline({ sources: [sourceFile], appDbPath: sqliteApp, timezone });
  };
  // Side by side: the PostgreSQL run's statements execute in the server's processes, so its waits
  // overlap the SQLite run's work here (started first, as the SQLite side blocks while generating).
  const [postgresApp] = await Promise.all([onPostgres(), onSqlite()]);
  sqlite = await createApi({ dbPath: sqliteApp, responseCache: false });
  postgres = await createApi({ dbPath: postgresApp, responseCache: false });
}, 600_000);

afterAll(async () => {
  await sqlite?.close();
  await postgres?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Where two values differ as the rules compare them: numbers beyond 1e-9 relative, JSON lists as
 * lists, objects key by key. Plain comparisons, not one expect per value: the breakdown table has
 * millions of values.
 */
function differences(actual: unknown, expected: unknown, path: () => string, found: string[] = []): string[] {
  if (found.length >= 5) return found;
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > 1e-9 * Math.max(Math.abs(expected), Math.abs(actual))) found.push(`${path()}: ${actual} ≠ ${expected}`);
  } else if (typeof expected === 'string' && typeof actual === 'string' && expected.startsWith('[') && actual !== expected) {
    if (JSON.stringify(JSON.parse(actual)) !== JSON.stringify(JSON.parse(expected))) found.push(`${path()}: ${actual} ≠ ${expected}`);
  } else if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object') {
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) {
      differences((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], () => `${path()}.${key}`, found);
    }
  } else if (actual !== expected) {
    found.push(`${path()}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
  }
  return found;
}

const expectSame = (actual: unknown, expected: unknown, path: string) => expect(differences(actual, expected, () => path)).toEqual([]);

/** Every row of a published table, in one order (the text columns' code-point order). */
async function publishedRows(api: Api, table: string): Promise<Record<string, unknown>[]> {
  const reader: SnapshotReader = api.database.snapshots().open();
  try {
    const rows = await reader.all<Record<string, unknown>>(`SELECT * FROM ${table}`);
    const keyed = rows.map((row) => ({
      row,
      key: JSON.stringify(Object.values(row).filter((value) => typeof value === 'string' && !value.startsWith('['))),
    }));
    return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ row }) => row);
  } finally {
    await reader.release();
  }
}

async function answer<Result, Variables>(api: Api, document: TypedDocumentNode<Result, Variables>, variables: Variables) {
  const response = await api.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const result = (await response.json()) as { data?: Result; errors?: unknown };
  expect(result.errors).toBeUndefined();
  return result.data!;
}

describe('SQLite and PostgreSQL give the same numbers on the demo data [postgres]', { timeout: 180_000 }, () => {
  it.each(PUBLISHED_TABLES)('%s has the same rows', async (table) => {
    const expected = await publishedRows(sqlite, table);
    const actual = await publishedRows(postgres, table);
    expect(expected.length).toBeGreaterThan(0);
    expect(actual.length).toBe(expected.length);
    expectSame(actual, expected, table);
  });

  it('the dashboard, an entity, a breakdown and the overview answer the same', async () => {
    const dashboard = await answer(sqlite, DashboardDocument, { range: RANGE });
    expectSame(await answer(postgres, DashboardDocument, { range: RANGE }), dashboard, 'dashboard');
    const campaign = dashboard.campaigns[0]!.id;
    for (const by of ['COUNTRY', 'REGION', 'DEVICE'] as const) {
      const variables = { level: 'CAMPAIGN' as const, id: campaign, range: RANGE, by };
      expectSame(await answer(postgres, EntityDocument, variables), await answer(sqlite, EntityDocument, variables), `entity ${by}`);
      expectSame(await answer(postgres, BreakdownDocument, variables), await answer(sqlite, BreakdownDocument, variables), `breakdown ${by}`);
    }
    const overview = { range: RANGE, days: 30 };
    expectSame(await answer(postgres, OverviewDocument, overview), await answer(sqlite, OverviewDocument, overview), 'overview');
  });
});
