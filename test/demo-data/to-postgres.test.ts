/**
 * `npm run demo-data -- --out postgres://…` (api.md, Storage backends): the same rows as the
 * SQLite file of the same seed, in the URL's schema, replacing what was there.
 */
import Database from 'better-sqlite3';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../pipeline/demo-data/generate.ts';
import { ALL_SOURCE_TABLES } from '../../pipeline/source/tables.ts';
import { PostgresDatabase } from '../../src/db/postgres/connection.ts';
import { freshPostgresUrl } from '../fixtures/backends.ts';

const CLI = fileURLToPath(new URL('../../pipeline/demo-data/cli.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'demo-data-pg-test-'));
const file = join(dir, 'seed-3.sqlite');

const byJson = (rows: unknown[][]) => rows.map((row) => JSON.stringify(row)).sort();

describe('demo data written to PostgreSQL [postgres]', () => {
  let url: string;
  let pg: PostgresDatabase;
  let output: string;
  beforeAll(async () => {
    url = await freshPostgresUrl('demo_data');
    pg = PostgresDatabase.open(url, { max: 1 });
    // Something there before: replaced, not appended to.
    await pg.exec('CREATE TABLE mixpanel_user (distinct_id text PRIMARY KEY)');
    await pg.exec("INSERT INTO mixpanel_user VALUES ('left over')");
    generateDemoData({ out: file, scale: 'small', seed: 3 });
    output = (await promisify(execFile)('npx', ['tsx', CLI, '--out', url, '--scale', 'small', '--seed', '3'])).stdout;
  });
  afterAll(async () => {
    await pg?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints one line naming the URL without its password', () => {
    expect(output).toMatch(/^wrote postgres:\/\/postgres:\*\*\*@[^ ]+\?schema=t_demo_data_\w+ \(scale small, seed 3\) in [\d.]+ s, [\d.]+ MB: ad_performance_daily [\d,]+, /);
  });

  it.each(ALL_SOURCE_TABLES.map((table) => [getTableConfig(table).name, table] as const))('%s has the rows of the SQLite file', async (name, table) => {
    const columns = getTableConfig(table).columns.map((c) => `"${c.name}"`).join(', ');
    const sqlite = new Database(file, { readonly: true });
    const expected = sqlite.prepare(`SELECT ${columns} FROM "${name}"`).raw().all() as unknown[][];
    sqlite.close();
    const actual = (await pg.all<Record<string, unknown>>(`SELECT ${columns} FROM "${name}"`)).map((row) => Object.values(row));
    expect(actual.length).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
    expect(byJson(actual)).toEqual(byJson(expected));
  });

  it('uses double precision for amounts (PostgreSQL real would round them)', async () => {
    const type = await pg.get<{ type: string }>(
      "SELECT data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'mixpanel_event' AND column_name = 'revenue_usd'",
    );
    expect(type?.type).toBe('double precision');
  });
});
