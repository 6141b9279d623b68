import Database from 'better-sqlite3';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SourceContractError, createTableSql, locateSourceTables } from '../../pipeline/source/contract.ts';
import * as source from '../../pipeline/source/tables.ts';

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

/** The message of the SourceContractError the validator throws. */
function contractError(paths: string[]): string {
  try {
    locateSourceTables(paths);
  } catch (error) {
    expect(error).toBeInstanceOf(SourceContractError);
    return (error as Error).message;
  }
  throw new Error('expected a SourceContractError');
}

describe('source contract (source-data.md)', () => {
  it('locates every table of a complete source file in that file', () => {
    const path = sourceFile(ALL_SOURCE_TABLES);
    expect(Object.fromEntries(locateSourceTables([path]))).toEqual(Object.fromEntries(ALL_SOURCE_TABLES.map((t) => [nameOf(t), 0])));
  });

  it('names a missing table and a missing column together, in one one-line error', () => {
    const withoutEvents = ALL_SOURCE_TABLES.filter((t) => t !== mixpanelEvent);
    const path = sourceFile(withoutEvents, 'ALTER TABLE ad_performance_daily DROP COLUMN clicks');
    const message = contractError([path]);
    expect(message).toBe(
      `source data does not match the contract: table ad_performance_daily (in ${path}) is missing column clicks; missing table mixpanel_event`,
    );
    expect(message).not.toContain('\n');
  });

  it('names every missing column of a table', () => {
    const path = sourceFile(
      ALL_SOURCE_TABLES,
      'ALTER TABLE user_product_metrics DROP COLUMN store',
      'ALTER TABLE user_product_metrics DROP COLUMN trial_conversion_rate',
    );
    expect(contractError([path])).toContain(`table user_product_metrics (in ${path}) is missing columns trial_conversion_rate, store`);
  });

  it('accepts a source split into a Meta file and a Mixpanel file', () => {
    const meta = sourceFile(META_TABLES);
    const mixpanel = sourceFile(MIXPANEL_TABLES);
    const locations = locateSourceTables([meta, mixpanel]);
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

  it('takes each table from the first file that has it, and checks that copy', () => {
    const first = sourceFile([...META_TABLES, mixpanelUser]);
    const second = sourceFile(MIXPANEL_TABLES);
    expect(locateSourceTables([first, second]).get('mixpanel_user')).toBe(0);
    const brokenFirst = sourceFile([...META_TABLES, mixpanelUser], 'ALTER TABLE mixpanel_user DROP COLUMN region');
    expect(contractError([brokenFirst, second])).toBe(
      `source data does not match the contract: table mixpanel_user (in ${brokenFirst}) is missing column region`,
    );
  });

  it('ignores extra tables and extra columns', () => {
    const path = sourceFile(
      ALL_SOURCE_TABLES,
      'CREATE TABLE etl_state (key TEXT PRIMARY KEY, value TEXT)',
      'ALTER TABLE mixpanel_user ADD COLUMN email TEXT',
      'ALTER TABLE ad_performance_daily ADD COLUMN reach INTEGER',
    );
    expect(locateSourceTables([path]).size).toBe(ALL_SOURCE_TABLES.length);
  });

  it('treats breakdown_value_mapping as optional', () => {
    const path = sourceFile(ALL_SOURCE_TABLES.filter((t) => t !== breakdownValueMapping));
    const locations = locateSourceTables([path]);
    expect(locations.has('breakdown_value_mapping')).toBe(false);
    expect(locations.size).toBe(ALL_SOURCE_TABLES.length - 1);
  });

  it('accepts a view in place of a table (a team adapts its own columns)', () => {
    const path = sourceFile(
      ALL_SOURCE_TABLES.filter((t) => t !== mixpanelEvent),
      `CREATE TABLE rc_events (id TEXT, user_id TEXT, name TEXT, ts TEXT, product TEXT, store TEXT, usd REAL)`,
      `CREATE VIEW mixpanel_event AS SELECT id AS event_uuid, user_id AS distinct_id, name AS event_name, ts AS event_time,
         product AS product_id, store, usd AS revenue_usd FROM rc_events`,
    );
    expect(locateSourceTables([path]).get('mixpanel_event')).toBe(0);
  });

  it('reads the sources without changing them', () => {
    const path = sourceFile(ALL_SOURCE_TABLES);
    const before = readFileSync(path);
    locateSourceTables([path]);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('a file that is not SQLite is a clear error naming it', () => {
    const path = join(dir, 'not-sqlite.db');
    writeFileSync(path, 'a CSV export, not a database\n'.repeat(10));
    expect(contractError([path])).toMatch(new RegExp(`^cannot (open|read) source database ${path.replace(/[.]/g, '\\.')}: `));
  });
});
