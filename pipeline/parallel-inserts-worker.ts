/**
 * The second SQLite connection of a pipeline run (see parallel-inserts.ts), in a worker thread so
 * that it computes on the second core. It opens the app database like the run's own connection,
 * with the scratch database and its own job buffer attached.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { attachJobBuffer, runClaimedJobs, type WorkerReply, type WorkerRequest, type WorkerSetup } from './parallel-inserts.ts';
import { attachScratchFile, SCRATCH_SCHEMA } from './scratch.ts';

const { appDbPath, scratchPath, bufferPath, cacheKib } = workerData as WorkerSetup;
const db = new Database(appDbPath);
// The run's connection has set up WAL; writes of the two connections take turns.
db.pragma('busy_timeout = 60000');
db.pragma('temp_store = MEMORY');
db.pragma(`cache_size = -${cacheKib}`);
attachJobBuffer(db, bufferPath);
// Attached on the first request: the run creates the scratch database after starting this worker.
let scratchAttached = false;

parentPort!.on('message', ({ jobs, nextJob }: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    if (!scratchAttached) attachScratchFile(db, scratchPath, SCRATCH_SCHEMA);
    scratchAttached = true;
    reply = { type: 'done', rows: runClaimedJobs(db, jobs, nextJob) };
  } catch (error) {
    reply = { type: 'failed', error: (error as Error).message };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ type: 'ready' } satisfies WorkerReply);
