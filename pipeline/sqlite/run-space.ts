/**
 * The SQLite side of a pipeline run (see pipeline/run-space.ts): the run's own connection and a
 * second one in a worker thread (parallel-jobs.ts), the sources attached as `source_<n>` (a
 * PostgreSQL source's tables copied into a file first), scratch databases in a temporary folder
 * (scratch.ts), `stage_<table>` copies of the published tables swapped in by renames in one
 * transaction, and the reporting time zone as a table of UTC offsets.
 */
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { join } from 'node:path';
import type { AppDatabase } from '../../src/db/app-database.ts';
import type { Database } from '../../src/db/database.ts';
import { isPostgresUrl } from '../../src/db/postgres/url.ts';
import { SqliteDatabase } from '../../src/db/sqlite/database.ts';
import { copyPostgresTablesToSqlite } from '../source/copy.ts';
import { ALL_SOURCE_TABLES } from '../source/tables.ts';
import type { RunSetup, RunSpace, TimestampSpan } from '../run-space.ts';
import { PipelineInputError } from '../errors.ts';
import { heldTablesGone, PUBLISHED_TABLES } from '../staging.ts';
import { isUtc, offsetTransitions } from '../timezone.ts';
import { groupBy } from '../../src/db/tables/read-handle.ts';
import { ParallelJobs, prepareRunConnection, sourceSchema, sourceTableIn } from './parallel-jobs.ts';
import { createScratchSpace, scratchTable, workerScratchTable } from './scratch.ts';

const stageTable = (table: string) => `stage_${table}`;
/** A held run's kept stage tables (M33). */
const heldTable = (runId: number) => (table: string) => `held_${runId}_${table}`;

/** Drops the tables kept for held runs: superseded by a later held or published run. */
async function dropHeldTables(db: Database): Promise<void> {
  const held = await db.all<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name GLOB 'held_[0-9]*_*'");
  for (const { name } of held) await db.exec(`DROP TABLE \`${name}\``);
}

async function keepStageTablesHeld(db: Database, runId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await dropHeldTables(tx);
    for (const table of PUBLISHED_TABLES) await tx.exec(`ALTER TABLE \`${stageTable(table)}\` RENAME TO \`${heldTable(runId)(table)}\``);
  });
}

async function tableDefinition(db: Database, table: string): Promise<string> {
  const row = await db.get<{ sql: string }>("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", [table]);
  if (!row) throw new Error(`app database has no table ${table}; migrations were not applied`);
  return row.sql;
}

async function dropStageTables(db: Database): Promise<void> {
  for (const table of PUBLISHED_TABLES) await db.exec(`DROP TABLE IF EXISTS \`${stageTable(table)}\``);
}

/** Fresh, empty stage tables with the published tables' columns and keys (secondary indexes come at publish). */
export async function createStageTables(db: Database): Promise<void> {
  await dropStageTables(db);
  for (const table of PUBLISHED_TABLES) {
    // drizzle-kit writes `name`; SQLite rewrites it as "name" after a rename.
    const definition = await tableDefinition(db, table);
    const prefix = new RegExp(`^CREATE TABLE [\`"]${table}[\`"]`);
    if (!prefix.test(definition)) throw new Error(`unexpected definition of ${table}: ${definition.slice(0, 60)}`);
    await db.exec(definition.replace(prefix, `CREATE TABLE "${stageTable(table)}"`));
  }
}

/**
 * Replaces every published table by its stage table (or a held run's kept one: `from`); readers (WAL
 * snapshots) see the old or the new set. Tables kept for held runs are superseded and dropped.
 */
async function publishStageTables(db: Database, alsoInTransaction: (tx: Database) => Promise<void>, from = stageTable): Promise<void> {
  await db.transaction(async (tx) => {
    for (const table of PUBLISHED_TABLES) {
      const indexes = await tx.all<{ sql: string }>(
        "SELECT sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        [table],
      );
      await tx.exec(`DROP TABLE \`${table}\``);
      await tx.exec(`ALTER TABLE \`${from(table)}\` RENAME TO \`${table}\``);
      for (const index of indexes) await tx.exec(index.sql);
    }
    await dropHeldTables(tx);
    await alsoInTransaction(tx);
  });
}

export async function publishHeldSqliteRun(db: Database, runId: number, alsoInTransaction: (tx: Database) => Promise<void>): Promise<void> {
  const kept = await db.get("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", [heldTable(runId)('daily_metrics')]);
  if (!kept) throw new PipelineInputError(heldTablesGone(runId));
  await publishStageTables(db, alsoInTransaction, heldTable(runId));
}

/**
 * SQLite knows no IANA zones: other zones than UTC join a scratch table (read by both connections)
 * of the zone's offsets over the span of the data.
 */
async function localDaySql(db: Database, zone: string, span: TimestampSpan): Promise<(timestamp: string) => string> {
  if (isUtc(zone)) return (timestamp) => `substr(${timestamp}, 1, 10)`;
  await db.exec(`CREATE TABLE ${scratchTable('utc_offset')} (start_utc TEXT PRIMARY KEY, offset_minutes INTEGER NOT NULL) WITHOUT ROWID`);
  if (span.first !== null && span.last !== null) {
    const transitions = offsetTransitions(zone, span.first, span.last);
    await db.run(
      `INSERT INTO ${scratchTable('utc_offset')} SELECT value ->> 0, value ->> 1 FROM json_each(?)`,
      [JSON.stringify(transitions.map((t) => [t.startUtc, t.offsetMinutes]))],
    );
  }
  return (timestamp) =>
    `date(${timestamp}, (SELECT offset_minutes FROM utc_offset WHERE start_utc <= ${timestamp} ORDER BY start_utc DESC LIMIT 1) || ' minutes')`;
}

/**
 * Whether an attached source file enforces `key` on `table`: a unique index (a primary key's
 * included) on exactly those columns, or an INTEGER PRIMARY KEY (the rowid). A view enforces none.
 */
export async function sourceEnforcesKey(db: Database, schema: string, table: string, key: readonly string[]): Promise<boolean> {
  const wanted = key.map((column) => column.toLowerCase()).sort().join(',');
  const indexColumns = await db.all<{ indexName: string; column: string | null }>(
    `SELECT il.name AS "indexName", ii.name AS "column" FROM pragma_index_list(?, ?) il, pragma_index_info(il.name, ?) ii
     WHERE il."unique" AND NOT il.partial`,
    [table, schema, schema],
  );
  const indexes = [...groupBy(indexColumns, (row) => row.indexName).values()].map((rows) =>
    rows.map((row) => String(row.column).toLowerCase()).sort().join(','),
  );
  if (indexes.includes(wanted)) return true;
  const rowid = await db.all<{ name: string; type: string }>('SELECT name, type FROM pragma_table_info(?, ?) WHERE pk > 0', [table, schema]);
  return rowid.length === 1 && rowid[0]!.name.toLowerCase() === wanted && rowid[0]!.type.toUpperCase() === 'INTEGER';
}

/**
 * The SQLite file each source is attached from: a source file itself, or for a PostgreSQL schema a
 * file in the scratch folder into which the tables located there are copied.
 */
async function sourceFiles(setup: RunSetup, scratchDir: string): Promise<string[]> {
  return Promise.all(
    setup.sources.map(async (source, index) => {
      if (!isPostgresUrl(source)) return source;
      const copy = join(scratchDir, `${sourceSchema(index)}.sqlite`);
      await copyPostgresTablesToSqlite(source, copy, ALL_SOURCE_TABLES.filter((table) => setup.locations.get(getTableConfig(table).name) === index));
      return copy;
    }),
  );
}

/** Sets up the run's connections on an SQLite app database (its own connection becomes the run's). */
export async function openSqliteRunSpace(app: AppDatabase, setup: RunSetup): Promise<RunSpace> {
  const { db } = app;
  if (!(db instanceof SqliteDatabase)) throw new Error('an SQLite run space needs an SQLite app database');
  const scratch = createScratchSpace();
  let jobs: ParallelJobs | undefined;
  try {
    const connectionSetup = { appDbPath: app.location, sourcePaths: await sourceFiles(setup, scratch.dir), scratchDir: scratch.dir };
    jobs = new ParallelJobs(connectionSetup);
    prepareRunConnection(db.connection, connectionSetup);
  } catch (error) {
    await jobs?.close();
    scratch.remove();
    throw error;
  }
  const parallel = jobs;
  const copies = new Map<string, string>();
  return {
    db,
    sourceTable: (table) => copies.get(table) ?? sourceTableIn(setup.locations.get(table)!, table),
    sourceEnforcesKey: (table, key) => sourceEnforcesKey(db, sourceSchema(setup.locations.get(table)!), table, key),
    readSourceFrom: (table, copy) => void copies.set(table, copy),
    stageTable,
    scratchTable,
    workerScratchTable,
    workerScratchIndex: workerScratchTable,
    shared: (batch) => parallel.shared(db.connection, batch),
    inBackground: (batch) => parallel.inBackground(batch),
    analyze: async () => {},
    localDaySql: (zone, span) => localDaySql(db, zone, span),
    createStageTables: () => createStageTables(db),
    publish: (alsoInTransaction) => publishStageTables(db, alsoInTransaction),
    publishedTable: async (table) => `main."${table}"`,
    keepHeld: () => keepStageTablesHeld(db, setup.runId),
    discard: () => dropStageTables(db),
    close: async () => {
      await parallel.close();
      scratch.remove();
    },
  };
}
