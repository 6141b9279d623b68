/**
 * A run the app database refuses to write (disk full) ends `failed` with a message naming the
 * database, its stage tables are dropped, the published run stays as it was, and the server still
 * starts and serves it (metrics.md "Runs: what may be published"). SQLite: `PRAGMA max_page_count`
 * on the run's connection gives SQLITE_FULL deterministically; PostgreSQL: a trigger on
 * `published_dataset` raises `disk_full` (SQLSTATE 53100) while the run publishes.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runPipeline } from '../../pipeline/run.ts';
import { PostgresDatabase, quoteIdentifier } from '../../src/db/postgres/connection.ts';
import { parsePostgresUrl } from '../../src/db/postgres/url.ts';
import { SqliteDatabase } from '../../src/db/sqlite/database.ts';
import { createApi } from '../../src/server.ts';
import { queryApp, tableDigests } from '../fixtures/app-reader.ts';
import { freshAppLocation, PUBLISHED_TABLES, writeFixtureSource } from '../fixtures/pipeline-run.ts';
import { attributedUser, initialPurchase, trialStarted, useTempDir, type SourceFixture } from '../fixtures/source-db.ts';

/** When set, the next SQLite app database opened may grow by only this many pages. */
const limit = vi.hoisted(() => ({ extraPages: null as number | null }));
vi.mock('../../src/db/app-database.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/db/app-database.ts')>();
  return {
    ...original,
    openAppDatabase: async (location: string) => {
      const app = await original.openAppDatabase(location);
      if (limit.extraPages !== null && app.db instanceof SqliteDatabase) {
        // Without free pages to reuse, the run's first tables must grow the file.
        await app.db.exec('VACUUM');
        const { pages } = (await app.db.get<{ pages: number }>('SELECT page_count AS pages FROM pragma_page_count()'))!;
        await app.db.exec(`PRAGMA max_page_count = ${pages + limit.extraPages}`);
      }
      return app;
    },
  };
});
afterEach(() => void (limit.extraPages = null));

const tempDir = useTempDir('write-failure-');
const inA1 = { ad: 'a1', adset: 's1', campaign: 'c1' };
const FIXTURE: SourceFixture = {
  meta: [{ adId: 'a1', adsetId: 's1', campaignId: 'c1', date: '2025-07-01', spend: 10 }],
  users: [attributedUser('u1', inA1), attributedUser('u2', inA1)],
  events: [
    trialStarted('u1', '2025-07-01T10:00:00Z', { productId: 'p1' }),
    initialPurchase('u2', '2025-07-01T11:00:00Z', { productId: 'p2', revenueUsd: 20 }),
  ],
};

/** The server starts on the app database and serves the published run. */
async function servedSpend(appDbPath: string) {
  const api = await createApi({ dbPath: appDbPath, responseCache: false });
  try {
    const response = await api.yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ dataStatus { asOf campaigns } overview(range: { start: "2025-07-01", end: "2025-07-01" }) { metrics { spend } } }' }),
    });
    return await response.json();
  } finally {
    await api.close();
  }
}
const SERVED = { data: { dataStatus: { asOf: '2025-07-01', campaigns: 1 }, overview: { metrics: { spend: 10 } } } };

describe('write failures [sqlite]', () => {
  it('SQLITE_FULL: the run fails naming the app database, its stage tables are dropped, the published run is served', async () => {
    const dir = tempDir();
    const appDbPath = await freshAppLocation(dir);
    const source = await writeFixtureSource(dir, FIXTURE);
    const published = await runPipeline({ sources: [source], appDbPath });
    const before = await tableDigests(appDbPath, PUBLISHED_TABLES);

    limit.extraPages = 2;
    await expect(runPipeline({ sources: [source], appDbPath })).rejects.toThrow('database or disk is full');
    limit.extraPages = null;
    const runs = await queryApp<{ id: number; status: string; error: string }>(appDbPath, 'SELECT id, status, error FROM pipeline_runs ORDER BY id');
    expect(runs.map(({ status }) => status)).toEqual(['succeeded', 'failed']);
    expect(runs[1]!.error).toBe(`the app database ${appDbPath} could not be written: database or disk is full`);
    expect(await queryApp(appDbPath, "SELECT name FROM sqlite_schema WHERE name LIKE 'stage\\_%' ESCAPE '\\'")).toEqual([]);
    expect(await tableDigests(appDbPath, PUBLISHED_TABLES)).toEqual(before);
    expect(await queryApp(appDbPath, 'SELECT run_id FROM published_dataset')).toEqual([{ run_id: published.runId }]);
    expect(await servedSpend(appDbPath)).toEqual(SERVED);
  });
});

describe('write failures [postgres]', () => {
  it('disk_full while publishing: the run fails naming the app database, its schemas are dropped, the published run is served', async () => {
    const dir = tempDir();
    const appDbPath = await freshAppLocation(dir, { backend: 'postgres' });
    const source = await writeFixtureSource(dir, FIXTURE, { backend: 'postgres' });
    const published = await runPipeline({ sources: [source], appDbPath });
    const before = await tableDigests(appDbPath, PUBLISHED_TABLES);

    const location = parsePostgresUrl(appDbPath);
    const schema = quoteIdentifier(location.schema);
    const admin = PostgresDatabase.open(location, { max: 1, applicationName: 'ads-metrics tests' });
    try {
      await admin.exec(`CREATE FUNCTION ${schema}.disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION 'could not extend file "base/16384/2619": No space left on device' USING ERRCODE = 'disk_full'; END $$;
        CREATE TRIGGER disk_full BEFORE INSERT OR UPDATE ON ${schema}.published_dataset FOR EACH ROW EXECUTE FUNCTION ${schema}.disk_full()`);
      await expect(runPipeline({ sources: [source], appDbPath })).rejects.toThrow('No space left on device');
      await admin.exec(`DROP TRIGGER disk_full ON ${schema}.published_dataset`);
      const runs = await queryApp<{ id: number; status: string; error: string }>(appDbPath, 'SELECT id, status, error FROM pipeline_runs ORDER BY id');
      expect(runs.map(({ status }) => status)).toEqual(['succeeded', 'failed']);
      expect(runs[1]!.error).toBe(
        `the app database ${location.display} could not be written: could not extend file "base/16384/2619": No space left on device`,
      );
      const leftovers = await admin.all('SELECT nspname FROM pg_namespace WHERE nspname LIKE ?', [`${location.schema}\\_%\\_${runs[1]!.id}`]);
      expect(leftovers).toEqual([]);
    } finally {
      await admin.close();
    }
    expect(await tableDigests(appDbPath, PUBLISHED_TABLES)).toEqual(before);
    expect(await queryApp(appDbPath, 'SELECT run_id FROM published_dataset')).toEqual([{ run_id: published.runId }]);
    expect(await servedSpend(appDbPath)).toEqual(SERVED);
  });
});
