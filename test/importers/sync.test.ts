/**
 * `npm run sync` (api.md "Operations", Sync) over simulated days against the local fake Meta and
 * Mixpanel servers: day 1 fetches everything from the first day; day 2 asks Meta again from the last
 * imported day minus 28 days and Mixpanel from the newest event's day minus one, and the source
 * tables end identical to one sync of everything into an empty source; a failed fetch or import
 * writes nothing of its source, starts no pipeline run and is a failed run with trigger `sync`.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSync, SyncFailedError, syncRanges, type SyncOptions } from '../../importers/sync.ts';
import { REQUIRED_SOURCE_TABLES } from '../../pipeline/source/tables.ts';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { openAppDatabase } from '../../src/db/app-database.ts';
import { freshPostgresUrl } from '../fixtures/backends.ts';
import { useTempDir } from '../fixtures/source-db.ts';
import { startFakeApis, type FakeApiSetup, type RecordedRequest } from './fake-apis.ts';
import { DAY_1, DAY_2, envFor, EVERYTHING, setupOf, type Day } from './sync-fixtures.ts';
import { runScript } from './helpers.ts';

const tempDir = useTempDir('sync-test-');

/** One simulated day: the fake answers as `day`, sync runs with `today`. */
async function syncDay(day: Day, today: string, paths: { into: string; appDbPath: string }, more: Partial<FakeApiSetup> = {}) {
  const apis = await startFakeApis(setupOf(day, more));
  const options: SyncOptions = {
    ...paths, metaAccount: 'act_123', mixpanelProject: '42', today, firstDay: '2025-06-01', timezone: 'UTC', env: envFor(apis), log: () => {},
  };
  try {
    const result = await runSync(options).catch((error: unknown) => error as Error);
    return { result, requests: apis.requests };
  } finally {
    await apis.close();
  }
}

const metaRanges = (requests: RecordedRequest[]) => [...new Set(requests.filter((r) => r.method === 'POST' && r.path.endsWith('/insights')).map((r) => r.form.get('time_range')))];
const exportRanges = (requests: RecordedRequest[]) =>
  [...new Set(requests.filter((r) => r.path === '/mixpanel-data/export').map((r) => `${r.query.get('from_date')} … ${r.query.get('to_date')}`))];

/** Every source table's rows, sorted, to compare two sources whole. */
function sourceTables(path: string): Record<string, string[]> {
  const db = new Database(path, { readonly: true });
  try {
    return Object.fromEntries(
      REQUIRED_SOURCE_TABLES.map((table) => {
        const name = getTableConfig(table).name;
        return [name, (db.prepare(`SELECT * FROM "${name}"`).all() as object[]).map((r) => JSON.stringify(r)).sort()];
      }),
    );
  } finally {
    db.close();
  }
}

async function runs(appDbPath: string) {
  const app = await openAppDatabase(appDbPath);
  try {
    return await app.db.all<{ id: number; status: string; trigger: string; error: string | null }>(
      `SELECT id, status, "trigger", error FROM pipeline_runs ORDER BY id`,
    );
  } finally {
    await app.close();
  }
}

const pathsIn = (dir: string) => ({ into: join(dir, 'source.sqlite'), appDbPath: join(dir, 'app.sqlite') });

describe('syncRanges', () => {
  it('starts an empty source at the first day; then Meta at the last day − 28, Mixpanel at the newest event day − 1 (api.md "Operations", Sync)', () => {
    const settings = { today: '2025-06-04', firstDay: '2025-05-01', restatementDays: 28 };
    expect(syncRanges({ metaDay: null, eventTime: null }, settings)).toEqual({
      meta: { since: '2025-05-01', until: '2025-06-04' },
      mixpanel: { from: '2025-05-01', to: '2025-06-04' },
    });
    expect(syncRanges({ metaDay: '2025-03-01', eventTime: '2025-03-01 00:30:00' }, settings)).toEqual({
      meta: { since: '2025-02-01', until: '2025-06-04' },
      mixpanel: { from: '2025-02-28', to: '2025-06-04' },
    });
  });
});

describe('npm run sync over simulated days', () => {
  it('day 1 fetches everything, day 2 only the restatement window and the overlap; the tables equal one sync of everything', async () => {
    const paths = pathsIn(tempDir());
    const day1 = await syncDay(DAY_1, '2025-06-03', paths);
    expect(day1.result).not.toBeInstanceOf(Error);
    expect(metaRanges(day1.requests)).toEqual(['{"since":"2025-06-01","until":"2025-06-03"}']);
    expect(exportRanges(day1.requests)).toEqual(['2025-06-01 … 2025-06-03']);

    const day2 = await syncDay(DAY_2, '2025-06-04', paths);
    expect(day2.result).not.toBeInstanceOf(Error);
    // Newest Meta day 06-03 − 28 days; newest event 06-03 10:00 UTC − 1 day.
    expect(metaRanges(day2.requests)).toEqual(['{"since":"2025-05-06","until":"2025-06-04"}']);
    expect(exportRanges(day2.requests)).toEqual(['2025-06-02 … 2025-06-04']);
    const engage = day2.requests.find((r) => r.path === '/mixpanel-query/engage')!;
    expect(engage.form.get('where')).toBe('properties["$last_seen"] >= "2025-06-02T00:00:00"');

    const fresh = pathsIn(tempDir());
    const once = await syncDay(EVERYTHING, '2025-06-04', fresh);
    expect(once.result).not.toBeInstanceOf(Error);
    const synced = sourceTables(paths.into);
    expect(synced).toEqual(sourceTables(fresh.into));
    expect(synced.ad_performance_daily).toHaveLength(5);
    expect(synced.ad_performance_daily!.find((r) => r.includes('"2025-06-02"'))).toContain('"spend":1.8');
    expect(synced.mixpanel_event).toHaveLength(3);

    expect(await runs(paths.appDbPath)).toEqual([
      { id: 1, status: 'succeeded', trigger: 'sync', error: null },
      { id: 2, status: 'succeeded', trigger: 'sync', error: null },
    ]);
  });

  it('a failed Meta report job writes nothing of Meta, starts no run, and is a failed run with trigger sync', async () => {
    const paths = pathsIn(tempDir());
    await syncDay(DAY_1, '2025-06-03', paths);
    const before = sourceTables(paths.into);
    const { result } = await syncDay(DAY_2, '2025-06-04', paths, { failingReports: ['region'] });
    expect(result).toBeInstanceOf(SyncFailedError);
    expect((result as SyncFailedError).failures).toEqual([
      'meta: insights by region: Meta report job rr-region ended with "Job Failed": Please reduce the amount of data',
    ]);
    const after = sourceTables(paths.into);
    for (const table of ['ad_performance_daily', 'ad_performance_daily_country', 'ad_performance_daily_region', 'ad_performance_daily_device']) {
      expect(after[table], table).toEqual(before[table]);
    }
    // Mixpanel fetched and imported fine: its new event is there.
    expect(after.mixpanel_event).toHaveLength(3);
    const recorded = await runs(paths.appDbPath);
    expect(recorded).toHaveLength(2);
    expect(recorded[1]).toEqual({ id: 2, status: 'failed', trigger: 'sync', error: (result as SyncFailedError).failures[0] });
  });

  it('an import that fails rolls back the whole source: no Mixpanel event of that day is kept', async () => {
    const paths = pathsIn(tempDir());
    await syncDay(DAY_1, '2025-06-03', paths);
    const before = sourceTables(paths.into);
    // Engage answers with records that are no profiles: the profiles file fails after the events imported.
    const { result } = await syncDay({ ...DAY_2, profiles: [{ name: 'not a profile' } as never] }, '2025-06-04', paths);
    expect(result).toBeInstanceOf(SyncFailedError);
    expect((result as SyncFailedError).failures).toHaveLength(1);
    expect((result as SyncFailedError).failures[0]).toMatch(/^mixpanel: import of .*engage-0001\.json failed: not a mixpanel-profiles export/);
    const after = sourceTables(paths.into);
    expect(after.mixpanel_event).toEqual(before.mixpanel_event);
    expect(after.mixpanel_user).toEqual(before.mixpanel_user);
    expect(after.ad_performance_daily).toHaveLength(5);
    expect((await runs(paths.appDbPath)).map((r) => [r.status, r.trigger])).toEqual([['succeeded', 'sync'], ['failed', 'sync']]);
  });

  it('a source database that cannot be opened fetches nothing and is a failed sync run', async () => {
    const dir = tempDir();
    const paths = { into: join(dir, 'missing-folder', 'source.sqlite'), appDbPath: join(dir, 'app.sqlite') };
    const { result, requests } = await syncDay(DAY_1, '2025-06-03', paths);
    expect(result).toBeInstanceOf(SyncFailedError);
    expect((result as SyncFailedError).failures).toEqual([`the source database: cannot create ${paths.into}: folder ${join(dir, 'missing-folder')} does not exist`]);
    expect(requests).toEqual([]);
    expect((await runs(paths.appDbPath)).map((r) => [r.status, r.trigger])).toEqual([['failed', 'sync']]);
  });

  it('the command exits non-zero with the reason on a failed fetch', async () => {
    const paths = pathsIn(tempDir());
    const apis = await startFakeApis(setupOf(DAY_1, { failingReports: ['country'] }));
    try {
      const result = await runScript('importers/sync-cli.ts', ['--db', paths.appDbPath, '--into', paths.into], {
        ...envFor(apis), META_AD_ACCOUNT: 'act_123', MIXPANEL_PROJECT_ID: '42', SYNC_FIRST_DAY: '2025-06-01', REPORT_TIMEZONE: 'UTC',
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('error: sync failed (run 1, no pipeline run started): meta: insights by country: Meta report job rr-country ended with "Job Failed"');
      expect((await runs(paths.appDbPath)).map((r) => [r.status, r.trigger])).toEqual([['failed', 'sync']]);
    } finally {
      await apis.close();
    }
  });

  it('[postgres] reads what the source holds and records the runs in PostgreSQL too', async () => {
    const paths = { into: await freshPostgresUrl('sync_source'), appDbPath: await freshPostgresUrl('sync_app') };
    const day1 = await syncDay(DAY_1, '2025-06-03', paths);
    expect(day1.result).not.toBeInstanceOf(Error);
    const day2 = await syncDay(DAY_2, '2025-06-04', paths, { failingReports: ['region'] });
    expect(day2.result).toBeInstanceOf(SyncFailedError);
    // The newest day and event were read back from the PostgreSQL source.
    expect(metaRanges(day2.requests)).toEqual(['{"since":"2025-05-06","until":"2025-06-04"}']);
    expect(exportRanges(day2.requests)).toEqual(['2025-06-02 … 2025-06-04']);
    expect((await runs(paths.appDbPath)).map((r) => [r.status, r.trigger])).toEqual([['succeeded', 'sync'], ['failed', 'sync']]);
  });
});
