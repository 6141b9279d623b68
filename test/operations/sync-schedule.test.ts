/**
 * api.md "Operations", Schedules and Sync: SYNC_SCHEDULE runs `sync` from the server instead of the
 * pipeline (trigger `sync`, one run per scheduled time, as PIPELINE_SCHEDULE), against the local fake
 * Meta and Mixpanel; what a sync needs is refused at start-up in one line.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleSettingsFromEnv } from '../../src/schedule/schedules.ts';
import { createApi } from '../../src/server.ts';
import { queryApp } from '../fixtures/app-reader.ts';
import { useTempDir } from '../fixtures/source-db.ts';
import { startFakeApis, type FakeApis } from '../importers/fake-apis.ts';
import { DAY_1, envFor, setupOf } from '../importers/sync-fixtures.ts';

const tempDir = useTempDir('sync-schedule-');

describe('SYNC_SCHEDULE', { timeout: 120_000 }, () => {
  let apis: FakeApis;
  let env: NodeJS.ProcessEnv;
  const saved = { ...process.env };
  beforeAll(async () => {
    apis = await startFakeApis(setupOf(DAY_1));
    env = { ...envFor(apis), META_AD_ACCOUNT: 'act_123', MIXPANEL_PROJECT_ID: '42', SYNC_FIRST_DAY: '2025-06-01', REPORT_TIMEZONE: 'UTC' };
    // The sync runs in the server's pipeline process, which inherits this environment.
    Object.assign(process.env, env);
  });
  afterAll(async () => {
    for (const name of Object.keys(env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    await apis.close();
  });

  it('is refused at start-up, in one line, without what a sync fetches', () => {
    expect(() => scheduleSettingsFromEnv({ SYNC_SCHEDULE: '0 6 * * *' }, 'UTC')).toThrow('set META_AD_ACCOUNT to the ad account to fetch, act_<digits>');
    expect(() => scheduleSettingsFromEnv({ ...env, SYNC_SCHEDULE: 'every morning' }, 'UTC')).toThrow(/^invalid SYNC_SCHEDULE "every morning": /);
    expect(scheduleSettingsFromEnv({ ...env, SYNC_SCHEDULE: '0 6 * * *' }, 'UTC')).toEqual({ pipelineSchedule: null, syncSchedule: '0 6 * * *' });
  });

  it('a tick fetches and imports into the source and runs the pipeline with trigger sync', async () => {
    const dir = tempDir();
    const source = join(dir, 'source.sqlite');
    const app = join(dir, 'app.sqlite');
    const api = await createApi({ dbPath: app, sources: [source], schedules: scheduleSettingsFromEnv({ ...env, SYNC_SCHEDULE: '*/3 * * * * *' }, 'UTC'), responseCache: false });
    const runs = () => queryApp<{ id: number; status: string; trigger: string; parameters: string }>(app, `SELECT id, status, "trigger" AS "trigger", parameters FROM pipeline_runs ORDER BY id`);
    try {
      const deadline = Date.now() + 60_000;
      while (!(await runs().catch(() => [])).some((run) => run.status !== 'running') && Date.now() < deadline) await sleep(300);
    } finally {
      await api.close();
    }
    const first = (await runs())[0]!;
    expect(first).toMatchObject({ status: 'succeeded', trigger: 'sync' });
    const scheduledFor = new Date((JSON.parse(first.parameters) as { scheduledFor: string }).scheduledFor);
    expect([scheduledFor.getUTCSeconds() % 3, scheduledFor.getUTCMilliseconds()]).toEqual([0, 0]);
    const db = new Database(source, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM ad_performance_daily').get()).toEqual({ n: 4 });
      expect(db.prepare('SELECT count(*) AS n FROM mixpanel_event').get()).toEqual({ n: 2 });
    } finally {
      db.close();
    }
  });
});
