/**
 * api.md "Operations", Schedules: PIPELINE_SCHEDULE runs the pipeline from the server with trigger
 * `schedule`; two replicas sharing one app database start one run per scheduled time; a replica that
 * is gone does not take the schedule with it; a tick that finds a run in progress is skipped and
 * counted. Both backends (SQLite: two servers on one file; PostgreSQL: two on one schema).
 */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../pipeline/demo-data/generate.ts';
import { generateDemoDataToPostgres } from '../../pipeline/demo-data/to-postgres.ts';
import { openAppDatabase } from '../../src/db/app-database.ts';
import { createApi, type Api } from '../../src/server.ts';
import { queryApp } from '../fixtures/app-reader.ts';
import { BACKENDS, freshPostgresUrl, type Backend } from '../fixtures/backends.ts';
import { useTempDir } from '../fixtures/source-db.ts';

const tempDir = useTempDir();

async function freshLocations(backend: Backend) {
  if (backend === 'postgres') {
    const source = await freshPostgresUrl('schedule_source');
    await generateDemoDataToPostgres({ out: source, scale: 'small', seed: 11 });
    return { source, app: await freshPostgresUrl('schedule_app') };
  }
  const dir = tempDir();
  const source = join(dir, 'source.sqlite');
  generateDemoData({ out: source, scale: 'small', seed: 11 });
  return { source, app: join(dir, 'app.sqlite') };
}

interface ScheduledRun extends Record<string, unknown> {
  id: number;
  status: string;
  trigger: string;
  parameters: string;
}
const scheduledRuns = async (app: string) =>
  (await queryApp<ScheduledRun>(app, `SELECT id, status, "trigger" AS "trigger", parameters FROM pipeline_runs ORDER BY id`)).map((run) => ({
    ...run,
    scheduledFor: (JSON.parse(run.parameters) as { scheduledFor?: string }).scheduledFor,
  }));

async function untilNoRunIsRunning(app: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while ((await scheduledRuns(app)).some((run) => run.status === 'running') && Date.now() < deadline) await sleep(200);
}

describe.each(BACKENDS)('PIPELINE_SCHEDULE on two replicas [%s]', { timeout: 180_000 }, (backend) => {
  let locations: { source: string; app: string };
  const replicas: Api[] = [];
  const start = (pipelineSchedule: string) =>
    createApi({ dbPath: locations.app, sources: [locations.source], schedules: { pipelineSchedule }, responseCache: false });

  beforeAll(async () => {
    locations = await freshLocations(backend);
  }, 120_000);
  afterAll(async () => {
    for (const replica of replicas.splice(0)) await replica.close();
  });

  it('each scheduled time starts exactly one run (trigger schedule), and the survivor keeps the schedule when a replica is gone', async () => {
    // Every 5 s: a tick while a run is still going (a loaded machine) is skipped, so not every time has a run.
    replicas.push(await start('*/5 * * * * *'), await start('*/5 * * * * *'));
    await sleep(11_000);
    await replicas.shift()!.close();
    const closedAt = new Date().toISOString();
    const deadline = Date.now() + 60_000;
    while (!(await scheduledRuns(locations.app)).some((run) => run.scheduledFor! > closedAt) && Date.now() < deadline) await sleep(500);
    for (const replica of replicas.splice(0)) await replica.close();
    await untilNoRunIsRunning(locations.app, 60_000);

    const runs = await scheduledRuns(locations.app);
    const times = runs.map((run) => run.scheduledFor);
    expect(runs.every((run) => run.trigger === 'schedule')).toBe(true);
    expect(new Set(times).size).toBe(runs.length);
    expect(times.every((time) => time !== undefined && new Date(time).getUTCSeconds() % 5 === 0 && new Date(time).getUTCMilliseconds() === 0)).toBe(true);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(times.filter((time) => time! > closedAt).length).toBeGreaterThanOrEqual(1);
    expect(runs.map((run) => run.status)).toEqual(runs.map(() => 'succeeded'));
  });

  it('a tick that finds a run in progress starts nothing and is counted as skipped', async () => {
    const holder = await openAppDatabase(locations.app);
    const hold = await holder.holdRunLock();
    // A run in progress in this (live) process, holding the run lock.
    await hold!.db.run(
      `INSERT INTO pipeline_runs (status, started_at, parameters, pid, owner_identity) VALUES ('running', ?, '{}', ?, NULL)`,
      [new Date().toISOString(), process.pid],
    );
    const before = (await scheduledRuns(locations.app)).length;
    const replica = await start('* * * * * *');
    try {
      await sleep(2_500);
      const metrics = await (await replica.yoga.fetch('http://localhost/metrics')).text();
      const skipped = Number(/^ads_metrics_schedule_ticks_skipped_total\{schedule="pipeline"\} (\d+)$/m.exec(metrics)?.[1]);
      expect(skipped).toBeGreaterThanOrEqual(2);
      expect((await scheduledRuns(locations.app)).length).toBe(before);
    } finally {
      await replica.close();
      await hold!.db.run(`UPDATE pipeline_runs SET status = 'failed' WHERE status = 'running'`);
      await hold!.release();
      await holder.close();
    }
  });
});
