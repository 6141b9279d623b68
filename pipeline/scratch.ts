/**
 * A run's scratch space: a directory in the system's temporary folder holding the scratch database
 * (intermediate tables that both of the run's connections read, see parallel-jobs.ts) and each
 * connection's job buffer. Nothing in it needs to survive a crash, so it is written without a
 * journal or syncs, and it is removed when the run ends.
 */
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SCRATCH_SCHEMA = 'scratch';

/** A table of the scratch database, for CREATE statements (readers use the bare name). */
export const scratchTable = (name: string) => `${SCRATCH_SCHEMA}.${name}`;

export interface ScratchSpace {
  databasePath: string;
  runBufferPath: string;
  workerBufferPath: string;
  remove: () => void;
}

export function createScratchSpace(): ScratchSpace {
  const dir = mkdtempSync(join(tmpdir(), 'ads-metrics-pipeline-'));
  return {
    databasePath: join(dir, 'scratch.sqlite'),
    runBufferPath: join(dir, 'run-buffer.sqlite'),
    workerBufferPath: join(dir, 'worker-buffer.sqlite'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Attaches a scratch-space file as `schema`, without journal or syncs. */
export function attachScratchFile(db: Database.Database, path: string, schema: string): void {
  db.prepare(`ATTACH DATABASE ? AS ${schema}`).run(path);
  db.pragma(`${schema}.journal_mode = OFF`);
  db.pragma(`${schema}.synchronous = OFF`);
}
