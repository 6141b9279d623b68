/**
 * The second connection that runs half of the heavy statements. Every job runs
 * exactly once whichever connection claims it, the worker sees the sources, the scratch database and
 * the committed app tables, its failures reach the run, and a run leaves no scratch files behind.
 * SQLite only: the worker thread and scratch files are the SQLite run space's; a PostgreSQL run
 * shares its jobs between two sessions of the server (every PostgreSQL pipeline suite runs them).
 */
import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ParallelJobs, prepareRunConnection } from '../../pipeline/sqlite/parallel-jobs.ts';
import { createScratchSpace, scratchTable, type ScratchSpace } from '../../pipeline/sqlite/scratch.ts';
import { applyConnectionSettings } from '../../src/db/sqlite/database.ts';
import type { InsertJob } from '../../pipeline/jobs.ts';
import { runPipeline } from '../../pipeline/run.ts';
import { runFixture } from '../fixtures/pipeline-run.ts';
import { useTempDir, writeSourceDb } from '../fixtures/source-db.ts';

const tempDir = useTempDir('parallel-jobs-');

interface Pair {
  db: Database.Database;
  jobs: ParallelJobs;
  scratch: ScratchSpace;
}
let open: Pair | undefined;
afterEach(async () => {
  await open?.jobs.close();
  open?.db.close();
  open?.scratch.remove();
  open = undefined;
});

/** An app database with a target table, a source with one table, and both connections set up. */
function connectionPair(): Pair {
  const dir = tempDir();
  const source = new Database(join(dir, 'source.sqlite'));
  source.exec(`CREATE TABLE numbers (n INTEGER); INSERT INTO numbers VALUES (1), (2), (3)`);
  source.close();
  const appDbPath = join(dir, 'app.sqlite');
  const db = new Database(appDbPath);
  applyConnectionSettings(db);
  db.exec('CREATE TABLE target (job INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (job, n))');
  const scratch = createScratchSpace();
  const setup = { appDbPath, sourcePaths: [join(dir, 'source.sqlite')], scratchDir: scratch.dir };
  prepareRunConnection(db, setup);
  db.exec(`CREATE TABLE ${scratchTable('factor')} (f INTEGER); INSERT INTO factor VALUES (10)`);
  const jobs = new ParallelJobs(setup);
  open = { db, jobs, scratch };
  return open;
}

/** Job j inserts (j, n × factor) for each source number n: rows that say which job wrote them. */
const insertJob = (job: number): InsertJob => ({
  table: 'target',
  columns: ['job', 'n'],
  select: `SELECT ${job}, n * (SELECT f FROM factor) FROM source_0.numbers ORDER BY n`,
});

describe('parallel jobs on two connections', () => {
  it('runs every shared insert job exactly once, appending its rows to the app table', async () => {
    const { db, jobs } = connectionPair();
    const result = await jobs.shared(db, Array.from({ length: 12 }, (_, job) => insertJob(job)));
    expect(result.rowsInserted).toBe(36);
    const rows = db.prepare('SELECT job, group_concat(n) AS ns FROM target GROUP BY job ORDER BY job').all();
    expect(rows).toEqual(Array.from({ length: 12 }, (_, job) => ({ job, ns: '10,20,30' })));
  });

  it('runs background jobs on the worker alone: sources, scratch and committed app tables are visible to it', async () => {
    const { db, jobs } = connectionPair();
    db.exec('INSERT INTO target VALUES (99, 1)');
    const result = await jobs.inBackground([
      insertJob(1),
      { query: 'SELECT count(*) AS targetRows FROM target' },
      { query: 'SELECT n FROM source_0.numbers WHERE n > 5' },
    ]);
    expect(result.rowsInserted).toBe(3);
    // The count runs after job 1's rows were appended; the last query found nothing.
    expect([...result.firstRows]).toEqual([[1, { targetRows: 4 }]]);
  });

  it('reports a failing statement of the worker with its SQLite message, and stays usable', async () => {
    const { db, jobs } = connectionPair();
    await expect(jobs.inBackground([{ query: 'SELECT * FROM no_such_table' }])).rejects.toThrow('no such table: no_such_table');
    const again = await jobs.shared(db, [insertJob(1), insertJob(2)]);
    expect(again.rowsInserted).toBe(6);
  });

  it('a failing shared job fails the batch after the worker has let go of the database', async () => {
    const { db, jobs } = connectionPair();
    const duplicate = insertJob(1);
    await expect(jobs.shared(db, [insertJob(1), duplicate, insertJob(2)])).rejects.toThrow(/UNIQUE constraint failed/);
    // The second connection is idle again: this connection can write at once.
    db.exec('DELETE FROM target');
    expect(db.prepare('SELECT count(*) AS n FROM target').get()).toEqual({ n: 0 });
  });
});

describe('scratch space', () => {
  it('a pipeline run removes its scratch directory, whether it succeeds or fails in a step', async () => {
    const tmp = tempDir();
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    const scratchDirs = () => readdirSync(tmp).filter((name) => name.startsWith('ads-metrics-pipeline-'));
    try {
      const run = await runFixture(tempDir(), { meta: [{ date: '2025-07-01', adId: 'a1', adsetId: 's1', campaignId: 'c1', spend: 5 }] });
      expect(run.summary.rowsPerTable.daily_metrics).toBe(3);
      expect(scratchDirs()).toEqual([]);
      // No dated row at all: the sources step fails (M1) after the scratch space was made.
      const emptySource = writeSourceDb(join(tempDir(), 'empty.sqlite'), {});
      await expect(runPipeline({ sources: [emptySource], appDbPath: join(tempDir(), 'app.sqlite') })).rejects.toThrow(/no dated rows/);
      expect(scratchDirs()).toEqual([]);
    } finally {
      process.env.TMPDIR = previous;
    }
  });
});
