/**
 * A run's scratch space: a directory in the system's temporary folder holding the databases that
 * both of the run's connections (see parallel-jobs.ts) attach. `scratch` holds intermediate tables
 * written by the run's connection, `events` the events collected by the second connection, and each
 * connection has its own job buffer. Nothing in it needs to survive a crash, so it is written
 * without a journal or syncs, and it is removed when the run ends.
 */
import type Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SCRATCH_SCHEMA = 'scratch';
export const EVENTS_SCHEMA = 'events';
export const JOB_BUFFER_SCHEMA = 'job_buffer';

/** A table of the scratch database, for CREATE statements (readers use the bare name). */
export const scratchTable = (name: string) => `${SCRATCH_SCHEMA}.${name}`;

export type Connection = 'run' | 'worker';

export interface ScratchSpace {
  dir: string;
  remove: () => void;
}

export function createScratchSpace(): ScratchSpace {
  const dir = mkdtempSync(join(tmpdir(), 'ads-metrics-pipeline-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Attaches the shared scratch databases and the connection's own job buffer. */
export function attachScratchSpace(db: Database.Database, dir: string, connection: Connection): void {
  const files: Array<[schema: string, file: string]> = [
    [SCRATCH_SCHEMA, 'scratch.sqlite'],
    [EVENTS_SCHEMA, 'events.sqlite'],
    [JOB_BUFFER_SCHEMA, `${connection}-job-buffer.sqlite`],
  ];
  for (const [schema, file] of files) {
    db.prepare(`ATTACH DATABASE ? AS ${schema}`).run(join(dir, file));
    db.pragma(`${schema}.journal_mode = OFF`);
    db.pragma(`${schema}.synchronous = OFF`);
  }
}
