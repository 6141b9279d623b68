/**
 * `--into postgres://…` (source-data.md "Importing real exports", api.md "Storage backends"): the
 * same files give the same rows and the same counts as an SQLite import.
 */
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../importers/command.ts';
import { IMPORT_TABLES } from '../../importers/tables.ts';
import { PostgresDatabase } from '../../src/db/postgres/connection.ts';
import { freshPostgresUrl } from '../fixtures/backends.ts';
import { useTempDir } from '../fixtures/source-db.ts';
import { jsonLines } from './helpers.ts';

const tempDir = useTempDir('import-pg-');
const event = (id: string, distinctId: string, revenue?: number) => ({
  event: 'RC Initial purchase',
  properties: { time: 1700000000.25, distinct_id: distinctId, $insert_id: id, product_id: 'p', ...(revenue === undefined ? {} : { revenue }) },
});
const FILES: Record<string, string> = {
  'events/a.jsonl': jsonLines(event('1', 'u1', 9.99), event('2', 'u2'), event('1', 'u1', 4.99), { event: 'RC Trial started', properties: { time: 1700000001, distinct_id: 'u3' } }),
  'events/b.jsonl.gz': jsonLines(event('2', 'u2'), event('3', 'u3', -9.99)),
  // The 18-digit id is written as a JSON number (a JavaScript literal would round it).
  'meta/page.json': `{"data": [
    {"ad_id": 238546957592005481, "date_start": "2025-06-01", "spend": "1.5", "impressions": "10", "country": "US", "actions": [{"action_type": "start_trial_mobile_app", "value": "2"}]},
    {"ad_id": "1", "date_start": "2025-06-01", "spend": "2", "region": "Utah"},
    {"ad_id": "1", "date_start": "2025-06-01", "spend": "3"}]}`,
  'profiles/people.jsonl': jsonLines({ distinct_id: 'u1', properties: { 'abi_~ad_id': '1', $created: '2025-06-01T10:00:00' } }),
  'values/upm.csv': 'distinct_id,product_id,current_value,trial_conversion_rate\nu1,p,10,0.5\nu2,p,3,\n',
};
const IMPORTS: [string, string][] = [
  ['mixpanel-events', 'events'],
  ['meta-insights', 'meta'],
  ['mixpanel-profiles', 'profiles'],
  ['user-product-metrics', 'values'],
];
const ORDERED = (table: string) => {
  const { columns } = IMPORT_TABLES.get(table as never)!;
  return `SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY ${columns.map((_, i) => i + 1).join(', ')}`;
};

describe('import into PostgreSQL [postgres]', () => {
  let dir: string;
  let url: string;
  let pg: PostgresDatabase;
  const counts = { sqlite: [] as unknown[], postgres: [] as unknown[] };

  beforeAll(async () => {
    dir = tempDir();
    for (const [name, content] of Object.entries(FILES)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), name.endsWith('.gz') ? gzipSync(content) : content);
    }
    url = await freshPostgresUrl('import');
    pg = PostgresDatabase.open(url, { max: 1 });
    for (const [into, key] of [[join(dir, 'source.sqlite'), 'sqlite'], [url, 'postgres']] as const) {
      for (const [kind, folder] of IMPORTS) {
        const summaries = await runImport([kind, join(dir, folder), '--into', into], { env: {} });
        counts[key].push(...summaries.map((s) => ({ written: s.written, perTable: s.writtenPerTable, error: s.error })));
      }
    }
  });
  afterAll(() => pg?.close());

  it('writes the same rows as the SQLite import, in every table', async () => {
    const sqlite = new Database(join(dir, 'source.sqlite'), { readonly: true });
    try {
      for (const table of IMPORT_TABLES.keys()) {
        const expected = sqlite.prepare(ORDERED(table)).raw().all();
        const actual = (await pg.all<Record<string, unknown>>(ORDERED(table))).map((row) => Object.values(row));
        expect({ table, rows: actual }).toEqual({ table, rows: expected });
      }
    } finally {
      sqlite.close();
    }
    expect((await pg.all(`SELECT ad_id, country, meta_trials FROM ad_performance_daily_country`))).toEqual([{ ad_id: '238546957592005481', country: 'US', meta_trials: 2 }]);
  });

  it('counts new, replaced and unchanged rows as the SQLite import does (a later record with the same key in one batch included)', () => {
    expect(counts.postgres).toEqual(counts.sqlite);
    // a.jsonl: events 1 and 2, the trial (event_uuid derived), then event 1 again with other revenue.
    expect(counts.postgres[0]).toMatchObject({ written: { inserted: 3, replaced: 1, unchanged: 0 } });
    expect(counts.postgres[1]).toMatchObject({ written: { inserted: 1, replaced: 0, unchanged: 1 } });
  });

  it('re-importing leaves the tables as they were', async () => {
    const before = await pg.all(ORDERED('mixpanel_event'));
    const summaries = await runImport(['mixpanel-events', join(dir, 'events'), '--into', url], { env: {} });
    expect(summaries.map((s) => s.written)).toEqual([
      // Event 1 comes with 9.99 (replacing the stored 4.99), then with 4.99 again: identical tables in the end.
      { inserted: 0, replaced: 2, unchanged: 2 },
      { inserted: 0, replaced: 0, unchanged: 2 },
    ]);
    expect(await pg.all(ORDERED('mixpanel_event'))).toEqual(before);
  });

  it('writes nothing of a file of the wrong kind', async () => {
    const summaries = await runImport(['meta-insights', join(dir, 'events'), '--into', url], { env: {} });
    expect(summaries.map((s) => s.error?.slice(0, 30))).toEqual(['not a meta-insights export (In', 'not a meta-insights export (In']);
    expect(await pg.all('SELECT count(*)::int AS n FROM ad_performance_daily')).toEqual([{ n: 1 }]);
  });
});
