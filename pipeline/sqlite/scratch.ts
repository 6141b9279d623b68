/**
 * A run's scratch space: a directory in the system's temporary folder holding the databases that
 * both of the run's connections (see parallel-jobs.ts) attach. Each connection writes intermediate
 * tables into its own scratch database (`scratch`, `worker_scratch`), so that one never waits for
 * the other's lock, and both read both. Nothing in it needs to survive a crash, so it is written
 * without a journal or syncs, and it is removed when the run ends (or, after a crash, by the next run).
 */
import type Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRunOwnerAlive } from '../run-owner.ts';

const SCRATCH_SCHEMA = { run: 'scratch', worker: 'worker_scratch' } as const;

/** A table of the scratch database the run's connection writes, for CREATE statements (readers use the bare name). */
export const scratchTable = (name: string) => `${SCRATCH_SCHEMA.run}.${name}`;
/** A table of the scratch database the second connection writes. */
export const workerScratchTable = (name: string) => `${SCRATCH_SCHEMA.worker}.${name}`;

export interface ScratchSpace {
  dir: string;
  remove: () => void;
}

const DIR_PREFIX = 'ads-metrics-pipeline-';

/** A new scratch space, named after this process so that a later run can tell when it was abandoned. */
export function createScratchSpace(): ScratchSpace {
  removeAbandonedScratchSpaces();
  const dir = mkdtempSync(join(tmpdir(), `${DIR_PREFIX}${process.pid}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A killed run cannot remove its scratch space (up to the size of its data): the next run does. */
function removeAbandonedScratchSpaces(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const pid = Number(name.slice(DIR_PREFIX.length).split('-')[0]);
    if (Number.isSafeInteger(pid) && pid > 0 && !isRunOwnerAlive({ pid, identity: null })) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

/** Attaches both scratch databases. */
export function attachScratchSpace(db: Database.Database, dir: string): void {
  for (const connection of ['run', 'worker'] as const) {
    const schema = SCRATCH_SCHEMA[connection];
    db.prepare(`ATTACH DATABASE ? AS ${schema}`).run(join(dir, `${connection}-scratch.sqlite`));
    db.pragma(`${schema}.journal_mode = OFF`);
    db.pragma(`${schema}.synchronous = OFF`);
  }
}
