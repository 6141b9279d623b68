/**
 * source-data.md "Keys": every source table's primary key holds even where the source
 * does not enforce it. Rows repeating a key with identical values are one row (used once, counted
 * per table); a key repeated with different values fails the run before publishing, naming the
 * table, one such key and how many keys conflict.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../pipeline/run.ts';
import { sourceSchema } from '../../pipeline/sqlite/parallel-jobs.ts';
import { sourceEnforcesKey } from '../../pipeline/sqlite/run-space.ts';
import type { SourceTableName } from '../../pipeline/source/tables.ts';
import { SqliteDatabase } from '../../src/db/sqlite/database.ts';
import { queryApp, tableDigests } from '../fixtures/app-reader.ts';
import { BACKENDS, type Backend } from '../fixtures/backends.ts';
import { freshAppLocation, PUBLISHED_TABLES, runCli, runFixture, writeFixtureSource, type FixtureRun } from '../fixtures/pipeline-run.ts';
import {
  attributedUser,
  cancellation,
  execOnSource,
  initialPurchase,
  trialStarted,
  useTempDir,
  type SourceFixture,
} from '../fixtures/source-db.ts';

const tempDir = useTempDir('source-keys-test-');

const a1 = { adId: 'a1', adsetId: 's1', campaignId: 'c1' };
const inA1 = { ad: 'a1', adset: 's1', campaign: 'c1' };

/** Two rows (two keys) in every source table, the optional mapping table included. */
const FIXTURE = {
  meta: [
    { ...a1, date: '2025-07-01', adName: 'Ad one', spend: 10 },
    { ...a1, date: '2025-07-02', adName: 'Ad one', spend: 20 },
  ],
  metaCountry: [
    { ...a1, date: '2025-07-01', country: 'US', spend: 10 },
    { ...a1, date: '2025-07-02', country: 'US', spend: 20 },
  ],
  metaRegion: [
    { ...a1, date: '2025-07-01', region: 'California', spend: 10 },
    { ...a1, date: '2025-07-02', region: 'California', spend: 20 },
  ],
  metaDevice: [
    { ...a1, date: '2025-07-01', device: 'iphone', spend: 10 },
    { ...a1, date: '2025-07-02', device: 'android_smartphone', spend: 20 },
  ],
  users: [attributedUser('u1', inA1, { country: 'US' }), attributedUser('u2', inA1, { country: 'usa' })],
  events: [
    trialStarted('u1', '2025-07-01T10:00:00Z', { productId: 'p1', store: 'APP_STORE', eventUuid: 'e1' }),
    initialPurchase('u2', '2025-07-02T10:00:00Z', { productId: 'p2', store: 'PLAY_STORE', revenueUsd: 20, eventUuid: 'e2' }),
    cancellation('u2', '2025-07-03T10:00:00Z', { productId: 'p2', store: 'PLAY_STORE', revenueUsd: -5, eventUuid: 'e3' }),
  ],
  userProducts: [
    { distinctId: 'u1', productId: 'p1', currentValue: 30, trialConversionRate: 0.5 },
    { distinctId: 'u2', productId: 'p2', currentValue: 40 },
  ],
  mapping: [
    { dimension: 'country', source: 'mixpanel', sourceValue: 'usa', value: 'US' },
    { dimension: 'country', source: 'meta', sourceValue: 'united states', value: 'US' },
  ],
} satisfies SourceFixture;

type FixtureField = keyof SourceFixture;

/** For each table: its fixture rows, the key as the error names it for the first row, and a change to a non-key column. */
const TABLES: Array<{ table: SourceTableName; field: FixtureField; firstKey: string; change: Record<string, unknown> }> = [
  { table: 'ad_performance_daily', field: 'meta', firstKey: '(ad_id, date) = ("a1", "2025-07-01")', change: { spend: 10.5 } },
  {
    table: 'ad_performance_daily_country',
    field: 'metaCountry',
    firstKey: '(ad_id, date, country) = ("a1", "2025-07-01", "US")',
    change: { clicks: 3 },
  },
  {
    table: 'ad_performance_daily_region',
    field: 'metaRegion',
    firstKey: '(ad_id, date, region) = ("a1", "2025-07-01", "California")',
    change: { adName: 'Renamed' },
  },
  {
    table: 'ad_performance_daily_device',
    field: 'metaDevice',
    firstKey: '(ad_id, date, device) = ("a1", "2025-07-01", "iphone")',
    change: { impressions: 100 },
  },
  { table: 'mixpanel_user', field: 'users', firstKey: 'distinct_id = "u1"', change: { country: 'FR' } },
  { table: 'mixpanel_event', field: 'events', firstKey: 'event_uuid = "e1"', change: { store: 'STRIPE' } },
  { table: 'user_product_metrics', field: 'userProducts', firstKey: '(distinct_id, product_id) = ("u1", "p1")', change: { currentValue: 31 } },
  {
    table: 'breakdown_value_mapping',
    field: 'mapping',
    firstKey: '(dimension, source, source_value) = ("country", "meta", "united states")',
    change: { value: 'GB' },
  },
];

const DATA_TABLES = PUBLISHED_TABLES.filter((table) => table !== 'published_dataset');
const rowsOf = (field: FixtureField) => FIXTURE[field as keyof typeof FIXTURE] as Record<string, unknown>[];

/*
 * On PostgreSQL the identical repeats are read in place from a schema whose tables have no key, and
 * the conflicting ones from an SQLite file the run copies in (without keys): both ways a source
 * can repeat a key there.
 */
describe.each(BACKENDS)('[%s]', (backend: Backend) => {
  let clean: FixtureRun;
  beforeAll(async () => {
    clean = await runFixture(tempDir(), FIXTURE, {}, { backend, withoutKeys: TABLES.map(({ table }) => table) });
  });

  describe('identical repeats of a key', () => {
    it.each(TABLES)('$table without its key: rows repeated with identical values are used once and counted; the self-checks pass', async ({ table, field }) => {
      const [first, second] = rowsOf(field);
      const repeated = { ...FIXTURE, [field]: [...rowsOf(field), second, first, second] };
      const run = await runFixture(tempDir(), repeated, {}, { backend, withoutKeys: [table] });
      expect(run.summary.ignoredRepeats).toEqual({ [table]: 3 });
      expect(await run.digests(DATA_TABLES)).toEqual(await clean.digests(DATA_TABLES));
      expect(await run.query('SELECT ignored_repeats, status FROM pipeline_runs')).toEqual([
        { ignored_repeats: JSON.stringify({ [table]: 3 }), status: 'succeeded' },
      ]);
    });

    it('events loaded twice into a keyless table behind a view count once: M16 revenue 20 and M17 refunds 5, not doubled', async () => {
      const dir = tempDir();
      const source = await writeFixtureSource(dir, { ...FIXTURE, events: [...FIXTURE.events, ...FIXTURE.events] }, {
        backend,
        withoutKeys: ['mixpanel_event'],
      });
      await execOnSource(source, 'ALTER TABLE mixpanel_event RENAME TO rc_events; CREATE VIEW mixpanel_event AS SELECT * FROM rc_events');
      const appDbPath = await freshAppLocation(dir, { backend });
      const summary = await runPipeline({ sources: [source], appDbPath });
      expect(summary.ignoredRepeats).toEqual({ mixpanel_event: 3 });
      const day = async (date: string) =>
        (await queryApp(appDbPath, `SELECT purchases, actual_revenue, actual_refunds FROM daily_metrics WHERE level = 'ad' AND entity_id = 'a1' AND date = ?`, date))[0];
      expect(await day('2025-07-02')).toEqual({ purchases: 1, actual_revenue: 20, actual_refunds: 0 });
      expect(await day('2025-07-03')).toEqual({ purchases: 0, actual_revenue: 0, actual_refunds: 5 });
      expect(await tableDigests(appDbPath, DATA_TABLES)).toEqual(await clean.digests(DATA_TABLES));

      const cli = await runCli(['--source', source, '--db', appDbPath]);
      expect(cli.code, cli.stderr).toBe(0);
      expect(cli.stdout).toContain('  repeats mixpanel_event: 3 rows repeated a key with identical values, used once\n');
    });

    it('tables without their keys and without repeats give what the same tables with keys give, and report no repeats', async () => {
      const keyed = await runFixture(tempDir(), FIXTURE, {}, { backend });
      expect(clean.summary.ignoredRepeats).toEqual({});
      expect(keyed.summary.ignoredRepeats).toEqual({});
      expect(await clean.digests(DATA_TABLES)).toEqual(await keyed.digests(DATA_TABLES));
    });
  });

  describe('conflicting repeats of a key', () => {
    const fromFile = { backend, postgresSources: 'file' } as const;

    it.each(TABLES)('$table: two keys repeated with different values fail the run before publishing, naming one key and the count', async ({ table, field, firstKey, change }) => {
      const baseline = await runFixture(tempDir(), FIXTURE, {}, fromFile);
      const published = await baseline.digests(PUBLISHED_TABLES);
      const [first, second] = rowsOf(field);
      const conflicting = { ...FIXTURE, [field]: [...rowsOf(field), { ...first, ...change }, { ...second, ...change }, first] };
      const source = await writeFixtureSource(tempDir(), conflicting, { ...fromFile, withoutKeys: [table] }, 'conflicting.sqlite');
      const error = await runPipeline({ sources: [source], appDbPath: baseline.appDbPath }).then(
        () => expect.fail('the run should have failed'),
        (rejection: Error) => rejection,
      );
      expect(error.message).toBe(`source table ${table} repeats 2 keys with different values, e.g. ${firstKey}: the source is ambiguous`);
      expect(await baseline.digests(PUBLISHED_TABLES)).toEqual(published);
      expect(await baseline.query('SELECT status, error FROM pipeline_runs ORDER BY id')).toEqual([
        { status: 'succeeded', error: null },
        { status: 'failed', error: error.message },
      ]);
    });

    it('one conflicting key is counted as one; the CLI prints the one line and exits non-zero', async () => {
      const dir = tempDir();
      const [first] = FIXTURE.users;
      const source = await writeFixtureSource(dir, { ...FIXTURE, users: [...FIXTURE.users, { ...first!, region: 'Texas' }] }, {
        backend,
        withoutKeys: ['mixpanel_user'],
      });
      const cli = await runCli(['--source', source, '--db', await freshAppLocation(dir, { backend })]);
      expect(cli.code).not.toBe(0);
      expect(cli.stderr).toBe('error: source table mixpanel_user repeats 1 key with different values, e.g. distinct_id = "u1": the source is ambiguous\n');
    });
  });
});

// SQLite only: how an SQLite file declares keys (rowid tables, partial indexes); the PostgreSQL
// side of the same check (pg_index) is exercised by the keyless schemas above.
describe('which keys a source enforces (the check that lets a table be read as it is)', () => {
  it('a primary key or a unique index on exactly the key columns, or an INTEGER PRIMARY KEY; not a view, a partial or a wider index, or no key', async () => {
    const path = join(tempDir(), 'keys.sqlite');
    const source = new Database(path);
    source.exec(`
      CREATE TABLE with_primary_key (a TEXT, b TEXT, c TEXT, PRIMARY KEY (b, a));
      CREATE TABLE with_unique_index (a TEXT, b TEXT, c TEXT);
      CREATE UNIQUE INDEX unique_ab ON with_unique_index (a, b);
      CREATE TABLE with_rowid_key (a INTEGER PRIMARY KEY, c TEXT);
      CREATE TABLE with_wider_index (a TEXT, b TEXT, c TEXT, UNIQUE (a, b, c));
      CREATE TABLE with_partial_index (a TEXT, b TEXT, c TEXT);
      CREATE UNIQUE INDEX partial_ab ON with_partial_index (a, b) WHERE c IS NOT NULL;
      CREATE TABLE without_key (a TEXT, b TEXT, c TEXT);
      CREATE VIEW a_view AS SELECT * FROM with_primary_key;`);
    source.close();
    const connection = new Database(':memory:');
    connection.prepare(`ATTACH DATABASE ? AS ${sourceSchema(0)}`).run(path);
    const db = new SqliteDatabase(connection);
    const tables = ['with_primary_key', 'with_unique_index', 'with_rowid_key', 'with_wider_index', 'with_partial_index', 'without_key', 'a_view'];
    const answers: Record<string, boolean> = {};
    for (const table of tables) answers[table] = await sourceEnforcesKey(db, sourceSchema(0), table, table === 'with_rowid_key' ? ['a'] : ['a', 'b']);
    connection.close();
    expect(answers).toEqual({
      with_primary_key: true,
      with_unique_index: true,
      with_rowid_key: true,
      with_wider_index: false,
      with_partial_index: false,
      without_key: false,
      a_view: false,
    });
  });
});
