/**
 * Runs a list of INSERT … SELECT jobs on two SQLite connections at once, so that the heavy
 * aggregations use both cores: the run's own connection and a second one in a worker thread
 * (parallel-inserts-worker.ts), both on the app database. Jobs read only tables that both can see
 * (scratch and stage tables); each connection claims the next job from a shared counter, so callers
 * list the longest first. A connection computes a job's rows into its own buffer database, which
 * holds no lock on the app database, then appends them to the target in one short write: the two
 * connections' writes take turns (WAL allows one writer at a time) while the computing overlaps.
 */
import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import { attachScratchFile } from './scratch.ts';

export interface InsertJob {
  /** Target table in the app database (`main`). */
  table: string;
  columns: string[];
  /** SELECT giving the rows, in the order they should be appended. */
  select: string;
}

export interface WorkerSetup {
  appDbPath: string;
  scratchPath: string;
  bufferPath: string;
  cacheKib: number;
}
export interface WorkerRequest {
  jobs: InsertJob[];
  /** Shared: index of the next unclaimed job. */
  nextJob: Int32Array;
}
export type WorkerReply = { type: 'ready' } | { type: 'done'; rows: number } | { type: 'failed'; error: string };

/** Where a connection computes a job's rows before appending them (a scratch-space file). */
export const attachJobBuffer = (db: Database.Database, path: string) => attachScratchFile(db, path, 'job_buffer');
const BUFFER_SCHEMA = 'job_buffer';

/** Claims jobs until none is left, runs each, and returns the number of rows appended. */
export function runClaimedJobs(db: Database.Database, jobs: InsertJob[], nextJob: Int32Array): number {
  // Buffers hold plain values in insert order: keys and generated columns are the target's business.
  for (const job of new Map(jobs.map((job) => [job.table, job])).values()) {
    db.exec(`DROP TABLE IF EXISTS ${BUFFER_SCHEMA}."${job.table}"; CREATE TABLE ${BUFFER_SCHEMA}."${job.table}" (${job.columns.join(', ')})`);
  }
  let rows = 0;
  for (let index = Atomics.add(nextJob, 0, 1); index < jobs.length; index = Atomics.add(nextJob, 0, 1)) {
    const job = jobs[index]!;
    const buffer = `${BUFFER_SCHEMA}."${job.table}"`;
    const columns = job.columns.join(', ');
    db.exec(`DELETE FROM ${buffer}`);
    db.prepare(`INSERT INTO ${buffer} (${columns}) ${job.select}`).run();
    rows += db.prepare(`INSERT INTO main."${job.table}" (${columns}) SELECT ${columns} FROM ${buffer}`).run().changes;
  }
  return rows;
}

/** Worker threads do not inherit tsx's `--import` hooks, so the worker registers them before loading its module. */
const WORKER_BOOTSTRAP = `import('tsx/esm/api')
  .then(({ register }) => register())
  .then(() => import(${JSON.stringify(new URL('./parallel-inserts-worker.ts', import.meta.url).href)}))`;

export class ParallelInserts {
  private readonly worker: Worker;
  private replies: Array<(reply: WorkerReply | Error) => void> = [];
  private readonly ready: Promise<WorkerReply>;

  /** Starts the worker now: its start-up (≈ 0.3 s) overlaps the steps that come before any job. */
  constructor(setup: WorkerSetup) {
    this.worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: setup });
    this.worker.on('message', (reply: WorkerReply) => this.replies.shift()?.(reply));
    this.worker.on('error', (error) => this.failPending(error));
    this.worker.on('exit', (code) => this.failPending(new Error(`the pipeline's second connection stopped (exit code ${code})`)));
    this.ready = this.nextReply();
  }

  private nextReply(): Promise<WorkerReply> {
    return new Promise((resolve, reject) =>
      this.replies.push((reply) => (reply instanceof Error ? reject(reply) : resolve(reply))),
    );
  }

  private failPending(error: Error): void {
    for (const settle of this.replies.splice(0)) settle(error);
  }

  private async expect<T extends WorkerReply['type']>(reply: Promise<WorkerReply>, type: T) {
    const settled = await reply;
    if (settled.type === 'failed') throw new Error(settled.error);
    if (settled.type !== type) throw new Error(`the pipeline's second connection answered '${settled.type}', expected '${type}'`);
    return settled as Extract<WorkerReply, { type: T }>;
  }

  /** Runs every job once on `db` (with its job buffer attached) and the worker; returns the rows appended. */
  async run(db: Database.Database, jobs: InsertJob[]): Promise<number> {
    await this.expect(this.ready, 'ready');
    const nextJob = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    const workerDone = this.nextReply();
    this.worker.postMessage({ jobs, nextJob } satisfies WorkerRequest);
    let rows: number;
    try {
      rows = runClaimedJobs(db, jobs, nextJob);
    } catch (error) {
      // Leave no job to the worker, and let it finish the one it has before the run cleans up.
      Atomics.store(nextJob, 0, jobs.length);
      await workerDone.catch(() => undefined);
      throw error;
    }
    return rows + (await this.expect(workerDone, 'done')).rows;
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
