/**
 * The second SQLite connection of a pipeline run (see parallel-jobs.ts), in a worker thread so that
 * it computes on the second core. It opens the app database like the run's own connection, with
 * the same sources and scratch space attached.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { runClaimedJobs, type WorkerReply, type WorkerRequest, type WorkerSetup } from './parallel-jobs.ts';
import { attachScratchSpace } from './scratch.ts';
import { attachSourceFiles } from './steps/sources.ts';

const { appDbPath, sourcePaths, scratchDir, cacheKib } = workerData as WorkerSetup;
const db = new Database(appDbPath);
// The run's connection has set up WAL; the two connections' writes take turns.
db.pragma('busy_timeout = 60000');
db.pragma('temp_store = MEMORY');
db.pragma(`cache_size = -${cacheKib}`);
attachSourceFiles(db, sourcePaths);
attachScratchSpace(db, scratchDir);

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
