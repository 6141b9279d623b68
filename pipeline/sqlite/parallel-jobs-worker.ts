/**
 * The second SQLite connection of a pipeline run (see parallel-jobs.ts), in a worker thread so that
 * it computes on the second core. It opens the app database like the run's own connection, with
 * the same sources and scratch space attached.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { applyConnectionSettings } from '../../src/db/sqlite/database.ts';
import { prepareRunConnection, runClaimedJobs, type WorkerReply, type WorkerRequest, type WorkerSetup } from './parallel-jobs.ts';

const setup = workerData as WorkerSetup;
const db = new Database(setup.appDbPath);
applyConnectionSettings(db);
prepareRunConnection(db, setup);

parentPort!.on('message', ({ jobs, nextJob }: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const { rowsInserted, firstRows } = runClaimedJobs(db, jobs, nextJob);
    reply = { type: 'done', rowsInserted, firstRows: [...firstRows] };
  } catch (error) {
    reply = { type: 'failed', error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
