import Database from 'better-sqlite3';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SourceContractError, createTableSql, locateSourceTables, sourceName } from '../../pipeline/source/contract.ts';
import * as source from '../../pipeline/source/tables.ts';
import { PostgresDatabase } from '../../src/db/postgres/connection.ts';
import { parsePostgresUrl } from '../../src/db/postgres/url.ts';
import { BACKENDS, freshPostgresUrl, type Backend } from '../fixtures/backends.ts';

const dir = mkdtempSync(join(tmpdir(), 'source-contract-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { ALL_SOURCE_TABLES, breakdownValueMapping, mixpanelEvent, mixpanelUser } = source;
const META_TABLES = [source.adPerformanceDaily, source.adPerformanceDailyCountry, source.adPerformanceDailyRegion, source.adPerformanceDailyDevice];
const MIXPANEL_TABLES = [mixpanelUser, mixpanelEvent, source.userProductMetrics, breakdownValueMapping];
const nameOf = (table: SQLiteTable) => getTableConfig(table).name;

let files = 0;
/** A source file with the given tables as the contract defines them, then any extra SQL. */
function sourceFile(tables: readonly SQLiteTable[], ...extraSql: string[]): string {
  const path = join(dir, `source-${++files}.db`);
  const db = new Database(path);
  for (const table of tables) db.exec(createTableSql(table));
  for (const sql of extraSql) db.exec(sql);
  db.close();
  return path;
}

/** A PostgreSQL schema with the given tables as the contract defines them, then any extra SQL. */
async function sourceSchema(tables: readonly SQLiteTable[], ...extraSql: string[]): Promise<string> {
  const url = await freshPostgresUrl('source');
  const db = PostgresDatabase.open(url, { max: 1 });
  try {
    for (const table of tables) await db.exec(createTableSql(table, parsePostgresUrl(url).schema));
    for (const sql of extraSql) await db.exec(sql);
  } finally {
    await db.close();
  }
  return url;
}

const SOURCE_BUILDERS: Record<Backend, (tables: readonly SQLiteTable[], ...extraSql: string[]) => Promise<string> | string> = {
  sqlite: sourceFile,
  postgres: sourceSchema,
};

/** The message of the SourceContractError the validator throws. */
async function contractError(sources: string[]): Promise<string> {
  try {
    await locateSourceTables(sources);
  } catch (error) {
    expect(error).toBeInstanceOf(SourceContractError);
    return (error as Error).message;
  }
  throw new Error('expected a SourceContractError');
}

describe.each(BACKENDS)('source contract (source-data.md) [%s]', (backend) => {
  const sourceAt = SOURCE_BUILDERS[backend];

  it('locates every table of a complete source in that source', async () => {
    const path = await sourceAt(ALL_SOURCE_TABLES);
    expect(Object.fromEntries(await locateSourceTables([path]))).toEqual(Object.fromEntries(ALL_SOURCE_TABLES.map((t) => [nameOf(t), 0])));
  });

  it('names a missing table and a missing column together, in one one-line error', async () => {
    const withoutEvents = ALL_SOURCE_TABLES.filter((t) => t !== mixpanelEvent);
    const path = await sourceAt(withoutEvents, 'ALTER TABLE ad_performance_daily DROP COLUMN clicks');
    const message = await contractError([path]);
    expect(message).toBe(
      `source data does not match the contract: table ad_performance_daily (in ${sourceName(path)}) is missing column clicks; missing table mixpanel_event`,
    );
    expect(message).not.toContain('\n');
  });

  it('names every missing column of a table', async () => {
    const path = await sourceAt(
      ALL_SOURCE_TABLES,
      'ALTER TABLE user_product_metrics DROP COLUMN store',
      'ALTER TABLE user_product_metrics DROP COLUMN trial_conversion_rate',
    );
    expect(await contractError([path])).toContain(`table user_product_metrics (in ${sourceName(path)}) is missing columns trial_conversion_rate, store`);
  });

  it('accepts a source split into a Meta part and a Mixpanel part', async () => {
    const meta = await sourceAt(META_TABLES);
    const mixpanel = await sourceAt(MIXPANEL_TABLES);
    const locations = await locateSourceTables([meta, mixpanel]);
    expect(Object.fromEntries(locations)).toEqual({
      ad_performance_daily: 0,
      ad_performance_daily_country: 0,
      ad_performance_daily_region: 0,
      ad_performance_daily_device: 0,
      mixpanel_user: 1,
      mixpanel_event: 1,
      user_product_metrics: 1,
      breakdown_value_mapping: 1,
    });
  });

  it('takes each table from the first source that has it, and checks that copy', async () => {
    const first = await sourceAt([...META_TABLES, mixpanelUser]);
    const second = await sourceAt(MIXPANEL_TABLES);
    expect((await locateSourceTables([first, second])).get('mixpanel_user')).toBe(0);
    const brokenFirst = await sourceAt([...META_TABLES, mixpanelUser], 'ALTER TABLE mixpanel_user DROP COLUMN region');
    expect(await contractError([brokenFirst, second])).toBe(
      `source data does not match the contract: table mixpanel_user (in ${sourceName(brokenFirst)}) is missing column region`,
    );
  });

  it('ignores extra tables and extra columns', async () => {
    const path = await sourceAt(
      ALL_SOURCE_TABLES,
      'CREATE TABLE etl_state (key TEXT PRIMARY KEY, value TEXT)',
      'ALTER TABLE mixpanel_user ADD COLUMN email TEXT',
      'ALTER TABLE ad_performance_daily ADD COLUMN reach INTEGER',
    );
    expect((await locateSourceTables([path])).size).toBe(ALL_SOURCE_TABLES.length);
  });

  it('treats breakdown_value_mapping as optional', async () => {
    const path = await sourceAt(ALL_SOURCE_TABLES.filter((t) => t !== breakdownValueMapping));
    const locations = await locateSourceTables([path]);
    expect(locations.has('breakdown_value_mapping')).toBe(false);
    expect(locations.size).toBe(ALL_SOURCE_TABLES.length - 1);
  });

  it('accepts a view in place of a table (a team adapts its own columns)', async () => {
    const path = await sourceAt(
      ALL_SOURCE_TABLES.filter((t) => t !== mixpanelEvent),
      `CREATE TABLE rc_events (id TEXT, user_id TEXT, name TEXT, ts TEXT, product TEXT, store TEXT, usd REAL)`,
      `CREATE VIEW mixpanel_event AS SELECT id AS event_uuid, user_id AS distinct_id, name AS event_name, ts AS event_time,
         product AS product_id, store, usd AS revenue_usd FROM rc_events`,
    );
    expect((await locateSourceTables([path])).get('mixpanel_event')).toBe(0);
  });
});

describe('SQLite source files', () => {
  it('reads the sources without changing them', async () => {
    const path = sourceFile(ALL_SOURCE_TABLES);
    const before = readFileSync(path);
    await locateSourceTables([path]);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('a file that is not SQLite is a clear error naming it', async () => {
    const path = join(dir, 'not-sqlite.db');
    writeFileSync(path, 'a CSV export, not a database\n'.repeat(10));
    expect(await contractError([path])).toMatch(new RegExp(`^cannot (open|read) source database ${path.replace(/[.]/g, '\\.')}: `));
  });
});

describe('PostgreSQL sources [postgres]', () => {
  it('takes tables from a schema and a file in one run (any mix)', async () => {
    const meta = sourceFile(META_TABLES);
    const mixpanel = await sourceSchema(MIXPANEL_TABLES);
    expect(Object.fromEntries(await locateSourceTables([mixpanel, meta]))).toMatchObject({ ad_performance_daily: 1, mixpanel_event: 0 });
  });

  it('a schema that does not exist is a clear error naming it, without the password', async () => {
    const url = (await sourceSchema([])).replace(/schema=\w+/, 'schema=no_such_schema');
    const message = await contractError([url]);
    expect(message).toBe(`source database ${sourceName(url)} has no schema no_such_schema`);
    expect(message).toContain(':***@');
  });

  it('a server that does not answer is a clear error naming it', async () => {
    const url = 'postgres://someone:secret@127.0.0.1:1/warehouse?schema=meta';
    expect(await contractError([url])).toMatch(/^cannot read source database postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/warehouse\?schema=meta: .*ECONNREFUSED/);
  });
});
