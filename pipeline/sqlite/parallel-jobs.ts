/**
 * Two SQLite connections for one pipeline run, so that heavy statements use both cores: the run's
 * own connection and a second one in a worker thread (parallel-jobs-worker.ts), both on the app
 * database with the sources and the scratch space (scratch.ts) attached. Jobs read only what both
 * can see (sources, scratch tables, committed stage tables).
 *
 * A batch of jobs is either shared — each connection claims the next job from a shared counter, so
 * callers list the longest first — or left to the worker while the run goes on. An insert job's rows
 * are computed into the connection's own buffer database, which holds no lock on the app database,
 * then appended in one short write: the two connections' writes take turns (WAL allows one writer
 * at a time) while their computing overlaps.
 */
import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { isInsertJob, type InsertJob, type Job, type JobResults } from '../jobs.ts';
import { attachScratchSpace } from './scratch.ts';

export interface WorkerSetup extends RunConnectionSetup {
  appDbPath: string;
}

export interface RunConnectionSetup {
  sourcePaths: readonly string[];
  scratchDir: string;
}

const CACHE_KIB = 262144; // 256 MiB per connection

/** The schema a source file is attached as, by its index among the sources. */
export const sourceSchema = (index: number) => `source_${index}`;

/** Where a source table is read from: `source_<n>."table"`, n the index of its file among the sources. */
export const sourceTableIn = (fileIndex: number, table: string) => `${sourceSchema(fileIndex)}."${table}"`;

/** What both of a run's connections have besides the app database's own settings: bulk-work settings, the sources and the scratch space. */
export function prepareRunConnection(db: Database.Database, { sourcePaths, scratchDir }: RunConnectionSetup): void {
  db.pragma('temp_store = MEMORY');
  db.pragma(`cache_size = -${CACHE_KIB}`);
  sourcePaths.forEach((path, index) => db.prepare(`ATTACH DATABASE ? AS ${sourceSchema(index)}`).run(path));
  attachScratchSpace(db, scratchDir);
}
export interface WorkerRequest {
  jobs: Job[];
  /** Shared: index of the next unclaimed job. */
  nextJob: Int32Array;
}
export type WorkerReply =
  | { type: 'done'; rowsInserted: number; firstRows: Array<[number, Record<string, unknown>]> }
  | { type: 'failed'; error: string };

/** Where a connection computes an insert job's rows: in memory (TEMP), holding no lock on the app database. */
const bufferOf = (table: string) => `temp."buffer_${table}"`;

const bufferColumns = (job: InsertJob) => [...new Set([...job.columns, ...(job.alsoInto?.columns ?? [])])];

/** Claims jobs until none is left and runs each on `db`. */
export function runClaimedJobs(db: Database.Database, jobs: Job[], nextJob: Int32Array): JobResults {
  // Buffers hold plain values in insert order: keys and generated columns are the target's business.
  for (const job of new Map(jobs.filter(isInsertJob).map((job) => [job.table, job])).values()) {
    db.exec(`DROP TABLE IF EXISTS ${bufferOf(job.table)}; CREATE TABLE ${bufferOf(job.table)} (${bufferColumns(job).join(', ')})`);
  }
  const results: JobResults = { rowsInserted: 0, firstRows: new Map() };
  for (let index = Atomics.add(nextJob, 0, 1); index < jobs.length; index = Atomics.add(nextJob, 0, 1)) {
    const job = jobs[index]!;
    if (isInsertJob(job)) {
      const buffer = bufferOf(job.table);
      const columns = job.columns.join(', ');
      db.exec(`DELETE FROM ${buffer}`);
      db.prepare(`INSERT INTO ${buffer} (${bufferColumns(job).join(', ')}) ${job.select}`).run();
      const copy = (table: string, copied: string, where = 'true') =>
        db.prepare(`INSERT INTO main."${table}" (${copied}) SELECT ${copied} FROM ${buffer} WHERE ${where}`).run().changes;
      results.rowsInserted += copy(job.table, columns);
      if (job.alsoInto) results.rowsInserted += copy(job.alsoInto.table, job.alsoInto.columns.join(', '), job.alsoInto.where);
    } else if ('query' in job) {
      const row = db.prepare(job.query).get() as Record<string, unknown> | undefined;
      if (row) results.firstRows.set(index, row);
    } else {
      db.exec(job.exec);
    }
  }
  return results;
}

const newJobCounter = () => new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));

/** Worker threads do not inherit tsx's `--import` hooks, so the worker registers them before loading its module. */
const WORKER_BOOTSTRAP = `import('tsx/esm/api')
  .then(({ register }) => register())
  .then(() => import(${JSON.stringify(new URL('./parallel-jobs-worker.ts', import.meta.url).href)}))`;

export class ParallelJobs {
  private readonly worker: Worker;
  /** Settles the worker's replies, which come in the order of the batches sent. */
  private replies: Array<(reply: WorkerReply | Error) => void> = [];

  /** Starts the worker now: its start-up (≈ 0.3 s) overlaps the run's first statements. */
  constructor(setup: WorkerSetup) {
    this.worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: setup });
    this.worker.on('message', (reply: WorkerReply) => this.replies.shift()?.(reply));
    this.worker.on('error', (error) => this.failPending(error));
    this.worker.on('exit', (code) => this.failPending(new Error(`the pipeline's second connection stopped (exit code ${code})`)));
  }

  private failPending(error: Error): void {
    for (const settle of this.replies.splice(0)) settle(error);
  }

  /**
   * Posts a batch to the worker at once (before the caller's own share starts, or the caller would
   * claim every job first); resolves with the worker's share of the results. The worker takes
   * batches in order, and a batch posted while it is starting waits in its message queue.
   */
  private send(jobs: Job[], nextJob: Int32Array): Promise<JobResults> {
    const reply = new Promise<WorkerReply>((resolve, reject) =>
      this.replies.push((settled) => (settled instanceof Error ? reject(settled) : resolve(settled))),
    );
    this.worker.postMessage({ jobs, nextJob } satisfies WorkerRequest);
    return reply.then((settled) => {
      if (settled.type === 'failed') throw new Error(settled.error);
      return { rowsInserted: settled.rowsInserted, firstRows: new Map(settled.firstRows) };
    });
  }

  /** Runs the jobs on the worker alone; the caller goes on meanwhile and awaits the result later. */
  inBackground(jobs: Job[]): Promise<JobResults> {
    const results = this.send(jobs, newJobCounter());
    // If the run fails before awaiting it, the rejection that follows must not go unhandled.
    results.catch(() => undefined);
    return results;
  }

  /** Runs the jobs on both connections and returns when all are done. */
  async shared(db: Database.Database, jobs: Job[]): Promise<JobResults> {
    const nextJob = newJobCounter();
    const worker = this.send(jobs, nextJob);
    let own: JobResults;
    try {
      own = runClaimedJobs(db, jobs, nextJob);
    } catch (error) {
      // Leave no job to the worker, and let it finish the one it has before the run cleans up.
      Atomics.store(nextJob, 0, jobs.length);
      await worker.catch(() => undefined);
      throw error;
    }
    const theirs = await worker;
    return { rowsInserted: own.rowsInserted + theirs.rowsInserted, firstRows: new Map([...own.firstRows, ...theirs.firstRows]) };
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
