/**
 * What a pipeline run needs that differs in structure, not just in SQL, between the backends (one
 * implementation per backend behind this interface, as Payload's database adapters do): the run's
 * connections and how heavy statements are shared between them, where source, scratch and stage
 * tables live, the stage tables' creation and the atomic publish, and the reporting-zone day of a
 * timestamp. The steps write one SQL text for both backends over a RunSpace; the SQLite side is
 * pipeline/sqlite/run-space.ts.
 */
import type { Database } from '../src/db/database.ts';
import type { AppDatabase } from '../src/db/app-database.ts';
import type { Job, JobResults } from './jobs.ts';
import type { SourceTableLocations } from './source/contract.ts';
import { isPostgresAppDatabase } from '../src/db/postgres/app-database.ts';
import { openPostgresRunSpace, publishHeldPostgresRun } from './postgres/run-space.ts';
import { openSqliteRunSpace, publishHeldSqliteRun } from './sqlite/run-space.ts';

/** Where a source table is read from, e.g. `source_0."mixpanel_event"`. */
export type SourceTableRef = (table: string) => string;

/** UTC span of the valid event timestamps, as the pipeline normalises them (`dialect.utcTimestamp`). */
export interface TimestampSpan {
  first: string | null;
  last: string | null;
}

export interface RunSpace {
  /**
   * The run's own connection, one session throughout (its TEMP tables and views are its own): it
   * records the run, runs the steps' statements and publishes.
   */
  readonly db: Database;
  /** Where a source table is read from: where the source has it, or the copy named by readSourceFrom. */
  readonly sourceTable: SourceTableRef;
  /**
   * Whether the source holding `table` enforces a unique key on exactly the columns `key` (then it
   * cannot repeat one: source-data.md "Keys", steps/keys.ts).
   */
  sourceEnforcesKey(table: string, key: readonly string[]): Promise<boolean>;
  /** From now on, the steps read the source table `table` from the scratch table `copy` instead. */
  readSourceFrom(table: string, copy: string): void;
  /** Stage copy of a published table, which the steps fill and `publish` makes visible. */
  stageTable(table: string): string;
  /**
   * A scratch table written by the run's own connection / by the second connection, named so in
   * CREATE statements; both connections read either by its bare name.
   */
  scratchTable(name: string): string;
  workerScratchTable(name: string): string;
  /** The name of an index on a second-connection scratch table, in CREATE INDEX (PostgreSQL: unqualified). */
  workerScratchIndex(name: string): string;

  /** Runs the jobs on every connection of the run, each claiming the next (list the longest first). */
  shared(jobs: Job[]): Promise<JobResults>;
  /** Runs the jobs on the second connection while the run's own goes on; await the result later. */
  inBackground(jobs: Job[]): Promise<JobResults>;
  /**
   * Gathers planner statistics on tables just written. PostgreSQL plans joins from them and a
   * CREATE TABLE … AS leaves none (a plan for a table it thinks small can take minutes); SQLite's
   * plans here come from the indexes, so it has nothing to do.
   */
  analyze(tables: string[]): Promise<void>;

  /** SQL giving the reporting-zone day (M2) of a normalised UTC timestamp expression, for timestamps in `span`. */
  localDaySql(zone: string, span: TimestampSpan): Promise<(timestamp: string) => string>;

  /** Fresh, empty stage tables with the published tables' columns and keys. */
  createStageTables(): Promise<void>;
  /** Makes the stage tables the published ones and runs `alsoInTransaction`, all or nothing. */
  publish(alsoInTransaction: (tx: Database) => Promise<void>): Promise<void>;
  /** Where the run's connection reads the published copy of `table` (M33 compares with it); null before any publish. */
  publishedTable(table: string): Promise<string | null>;
  /**
   * Keeps the stage tables of a run the publish guard held (M33), so that publishHeldRun can publish
   * them as they are; the tables of an older held run are dropped.
   */
  keepHeld(): Promise<void>;
  /** After a failed run: removes what the run left in the app database. */
  discard(): Promise<void>;
  /** Ends the second connection and removes the scratch space (the run's own connection stays open). */
  close(): Promise<void>;
}

export interface RunSetup {
  /** The claimed run (names the PostgreSQL run's schemas). */
  runId: number;
  /** The source databases in the order given, and which of them holds each source table. */
  sources: readonly string[];
  locations: SourceTableLocations;
}

/**
 * Publishes the kept tables of held run `runId` (M33) and runs `alsoInTransaction`, all or nothing.
 * Throws PipelineInputError when they are no longer kept (a later run was held or published).
 */
export function publishHeldRun(app: AppDatabase, runId: number, alsoInTransaction: (tx: Database) => Promise<void>): Promise<void> {
  return isPostgresAppDatabase(app) ? publishHeldPostgresRun(app, runId, alsoInTransaction) : publishHeldSqliteRun(app.db, runId, alsoInTransaction);
}

/** Sets up a claimed run's space on the app database's backend. */
export function openRunSpace(app: AppDatabase, setup: RunSetup): Promise<RunSpace> {
  return isPostgresAppDatabase(app) ? openPostgresRunSpace(app, setup) : openSqliteRunSpace(app, setup);
}
