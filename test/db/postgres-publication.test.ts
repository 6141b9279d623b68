/**
 * The PostgreSQL side of atomic publication and of one run at a time (api.md, Storage backends,
 * Replicas): per-run schemas behind a published-run pointer, one snapshot per request, replicas
 * told within 2 s, an advisory lock held by the run's session, runs of dead sessions interrupted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresDatabase } from '../../src/db/postgres/connection.ts';
import { createRunSchemas, dropUnusedRunSchemas, notifyPublished, runSchema, scratchSchema } from '../../src/db/postgres/publication.ts';
import { PublishedRunWatcher } from '../../src/db/postgres/published-run-watcher.ts';
import { INTERRUPTED, RunLock } from '../../src/db/postgres/run-lock.ts';
import { PostgresSnapshotReaders } from '../../src/db/postgres/snapshot-readers.ts';
import { parsePostgresUrl, type PostgresLocation } from '../../src/db/postgres/url.ts';
import { freshPostgresUrl } from '../fixtures/backends.ts';
import { waitUntil } from '../fixtures/wait.ts';

/** The app tables these pieces touch, as the migrations create them (trimmed to what is used). */
const APP_TABLES = `
  CREATE TABLE pipeline_runs (id serial PRIMARY KEY, status text NOT NULL, finished_at text, error text);
  CREATE TABLE published_dataset (id integer PRIMARY KEY, run_id integer NOT NULL, as_of text NOT NULL, timezone text NOT NULL, published_at text NOT NULL);
  CREATE TABLE daily_metrics (entity_id text PRIMARY KEY, spend double precision NOT NULL);
  CREATE INDEX daily_metrics_spend ON daily_metrics (spend);`;

let location: PostgresLocation;
let db: PostgresDatabase;
beforeAll(async () => {
  location = parsePostgresUrl(await freshPostgresUrl('publication'));
  db = PostgresDatabase.open(location, { max: 4 });
  await db.exec(APP_TABLES);
});
afterAll(() => db?.close());

/** Records a succeeded run whose published table holds one row with `spend`, and publishes it. */
async function publishedRun(spend: number): Promise<number> {
  const run = await db.get<{ id: number }>("INSERT INTO pipeline_runs (status) VALUES ('running') RETURNING id");
  const runId = run!.id;
  await createRunSchemas(db, location.schema, runId, ['daily_metrics']);
  await db.run(`INSERT INTO "${runSchema(location.schema, runId)}".daily_metrics VALUES ('c1', ?)`, [spend]);
  await db.transaction(async (tx) => {
    await tx.run("UPDATE pipeline_runs SET status = 'succeeded' WHERE id = ?", [runId]);
    await tx.run(
      `INSERT INTO published_dataset (id, run_id, as_of, timezone, published_at) VALUES (1, ?, '2024-01-31', 'UTC', '2024-02-01')
       ON CONFLICT (id) DO UPDATE SET run_id = excluded.run_id`,
      [runId],
    );
    await notifyPublished(tx, location.schema, runId);
  });
  return runId;
}

const schemasOf = async () =>
  (await db.all<{ name: string }>('SELECT nspname AS name FROM pg_namespace WHERE starts_with(nspname, ?) ORDER BY 1', [`${location.schema}_`])).map(
    (row) => row.name.slice(location.schema.length + 1),
  );

describe('publication [postgres]', () => {
  it('gives each run a schema with the published tables empty, keys and indexes included, and a scratch schema', async () => {
    await createRunSchemas(db, location.schema, 999, ['daily_metrics']);
    const indexes = await db.all<{ name: string }>('SELECT indexdef AS name FROM pg_indexes WHERE schemaname = ? ORDER BY 1', [runSchema(location.schema, 999)]);
    expect(indexes.map((row) => row.name.replace(/ ON .*? USING/, ' ON … USING'))).toEqual([
      'CREATE INDEX daily_metrics_spend_idx ON … USING btree (spend)',
      'CREATE UNIQUE INDEX daily_metrics_pkey ON … USING btree (entity_id)',
    ]);
    expect(await schemasOf()).toEqual(['run_999', 'scratch_999']);
    await db.exec(`DROP SCHEMA "${runSchema(location.schema, 999)}" CASCADE; DROP SCHEMA "${scratchSchema(location.schema, 999)}" CASCADE`);
  });

  it('serves each request from the run published when it began, to its end', async () => {
    const readers = new PostgresSnapshotReaders(location, { max: 4 });
    try {
      const before = readers.open();
      expect(await before.all('SELECT * FROM daily_metrics')).toEqual([]);
      await before.release();

      await publishedRun(10);
      const during = readers.open();
      expect(await during.get('SELECT spend FROM daily_metrics')).toEqual({ spend: 10 });
      await publishedRun(20);
      // Same request: still the first run; its history rows too are as of its start.
      expect(await during.get('SELECT spend FROM daily_metrics')).toEqual({ spend: 10 });
      expect(await during.get("SELECT count(*) AS n FROM pipeline_runs WHERE status = 'succeeded'")).toEqual({ n: 1 });
      await during.release();
      await during.release();

      const after = readers.open();
      const [a, b] = await Promise.all([after.get('SELECT spend FROM daily_metrics'), after.get('SELECT count(*) AS n FROM daily_metrics')]);
      expect([a, b]).toEqual([{ spend: 20 }, { n: 1 }]);
      await after.release();
      await expect(after.all('SELECT 1')).rejects.toThrow('this request has finished reading');
    } finally {
      await readers.close();
    }
  });

  it('tells a watching replica of a new run well within 2 s', async () => {
    const seen: Array<number | null> = [];
    const watcher = await PublishedRunWatcher.start(location, db, (runId) => seen.push(runId));
    try {
      const initial = watcher.current;
      expect(initial).not.toBeNull();
      // Give the LISTEN connection a moment to be up, as a replica's would be long before.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const publishedAt = Date.now();
      const runId = await publishedRun(30);
      await waitUntil(`the watcher to see run ${runId}`, () => watcher.current, (current) => current === runId, { timeoutMs: 5000, intervalMs: 10 });
      expect(watcher.current).toBe(runId);
      expect(Date.now() - publishedAt).toBeLessThan(2000);
      expect(seen).toEqual([initial, runId]);
    } finally {
      await watcher.stop();
    }
  });

  it('drops superseded and abandoned run schemas, keeping the published run, the one before and the run in progress', async () => {
    const published = (await db.get<{ runId: number }>('SELECT run_id AS "runId" FROM published_dataset'))!.runId;
    const abandoned = (await db.get<{ id: number }>("INSERT INTO pipeline_runs (status) VALUES ('interrupted') RETURNING id"))!.id;
    await createRunSchemas(db, location.schema, abandoned, ['daily_metrics']);
    const inProgress = (await db.get<{ id: number }>("INSERT INTO pipeline_runs (status) VALUES ('running') RETURNING id"))!.id;
    await createRunSchemas(db, location.schema, inProgress, ['daily_metrics']);
    await dropUnusedRunSchemas(db, location.schema, inProgress);
    expect(await schemasOf()).toEqual([`run_${published - 1}`, `run_${published}`, `run_${inProgress}`, `scratch_${inProgress}`].sort());
    await db.run("UPDATE pipeline_runs SET status = 'failed' WHERE id = ?", [inProgress]);
  });
});

describe('one run at a time [postgres]', () => {
  it('lets one session hold the run lock; a run whose session ended is interrupted', async () => {
    const lock = new RunLock(location.schema);
    const runner = await db.session();
    const other = await db.session();
    try {
      expect(await lock.isHeld(db)).toBe(false);
      expect(await lock.tryTake(runner)).toBe(true);
      expect(await lock.tryTake(other)).toBe(false);
      expect(await lock.isHeld(db)).toBe(true);
      // The runner settles what came before it, then records its own run.
      await db.run("INSERT INTO pipeline_runs (status) VALUES ('running')");
      expect(await lock.settleAbandonedRuns(runner, '2024-01-01T00:00:00.000Z')).toBeNull();
      const runId = (await runner.get<{ id: number }>("INSERT INTO pipeline_runs (status) VALUES ('running') RETURNING id"))!.id;
      // Anyone else sees that run in progress, and cannot mark it.
      expect(await lock.settleAbandonedRuns(db, '2024-01-01T00:00:01.000Z')).toBe(runId);
      // The runner's process dies: its server session ends, the lock is free.
      await db.get('SELECT pg_terminate_backend(?)', [(await runner.get<{ pid: number }>('SELECT pg_backend_pid() AS pid'))!.pid]);
      await waitUntil('the run lock to be free once its session ended', () => lock.isHeld(db), (held) => !held, { timeoutMs: 2000, intervalMs: 20 });
      expect(await lock.settleAbandonedRuns(db, '2024-01-01T00:00:02.000Z')).toBeNull();
      expect(await db.get('SELECT status, error, finished_at FROM pipeline_runs WHERE id = ?', [runId])).toEqual({
        status: 'interrupted',
        error: INTERRUPTED,
        finished_at: '2024-01-01T00:00:02.000Z',
      });
      expect(await lock.tryTake(other)).toBe(true);
      await lock.release(other);
      expect(await lock.isHeld(db)).toBe(false);
    } finally {
      await runner.close().catch(() => {});
      await other.close();
    }
  });

  it('keys the lock by app schema: another installation in the same database runs at the same time', async () => {
    const session = await db.session();
    const elsewhere = await db.session();
    try {
      expect(await new RunLock(location.schema).tryTake(session)).toBe(true);
      expect(await new RunLock(`${location.schema}_other`).tryTake(elsewhere)).toBe(true);
    } finally {
      await session.close();
      await elsewhere.close();
    }
  });
});
