/**
 * Copies source tables between databases, so that a run can join every source table where its app
 * database is (api.md: any mix of sources): an SQLite file or a PostgreSQL schema read in batches
 * (a large table never sits in memory whole), written into a PostgreSQL schema or an SQLite file
 * as the contract's tables.
 */
import Database from 'better-sqlite3';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { PostgresDatabase, quoteIdentifier } from '../../src/db/postgres/connection.ts';
import { isPostgresUrl, parsePostgresUrl } from '../../src/db/postgres/url.ts';
import { columnType, createTableSql, SourceContractError } from './contract.ts';

const ROWS_PER_BATCH = 20_000;

/** Rows of a table as value arrays in the contract's column order. */
type Rows = unknown[][];

interface TableReader {
  batches(table: SQLiteTable): AsyncIterable<Rows>;
  close(): Promise<void>;
}

interface TableWriter {
  /** Creates the table, with the contract's primary key or without it (a source may repeat a key). */
  create(table: SQLiteTable, keyed: boolean): Promise<void>;
  write(table: SQLiteTable, rows: Rows): Promise<void>;
}

const columnList = (table: SQLiteTable) =>
  getTableConfig(table)
    .columns.map((c) => quoteIdentifier(c.name))
    .join(', ');

function sqliteFileReader(path: string): TableReader {
  const sqlite = new Database(path, { readonly: true, fileMustExist: true });
  return {
    async *batches(table) {
      const rows = sqlite.prepare(`SELECT ${columnList(table)} FROM ${quoteIdentifier(getTableConfig(table).name)}`).raw().iterate();
      let batch: Rows = [];
      for (const row of rows as Iterable<unknown[]>) {
        batch.push(row);
        if (batch.length === ROWS_PER_BATCH) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
    close: async () => void sqlite.close(),
  };
}

/** Reads through a server-side cursor, in a READ ONLY transaction: the source is never written. */
function postgresSchemaReader(url: string): TableReader {
  const location = parsePostgresUrl(url);
  const source = PostgresDatabase.open(location, { max: 1, applicationName: 'ads-metrics source copy' });
  return {
    async *batches(table) {
      const session = await source.session();
      try {
        await session.exec('BEGIN READ ONLY');
        await session.exec(
          `DECLARE source_rows NO SCROLL CURSOR FOR SELECT ${columnList(table)}
           FROM ${quoteIdentifier(location.schema)}.${quoteIdentifier(getTableConfig(table).name)}`,
        );
        const names = getTableConfig(table).columns.map((c) => c.name);
        for (;;) {
          const rows = await session.all<Record<string, unknown>>(`FETCH ${ROWS_PER_BATCH} FROM source_rows`);
          if (rows.length > 0) yield rows.map((row) => names.map((name) => row[name] ?? null));
          if (rows.length < ROWS_PER_BATCH) break;
        }
        await session.exec('COMMIT');
      } finally {
        await session.close();
      }
    },
    close: () => source.close(),
  };
}

/** One INSERT … SELECT FROM unnest(arrays) per batch: a parameter per column instead of one per value. */
function postgresSchemaWriter(target: PostgresDatabase, schema: string): TableWriter {
  return {
    create: (table, keyed) => target.exec(createTableSql(table, schema, { keys: keyed })),
    async write(table, rows) {
      const { name, columns } = getTableConfig(table);
      const arrays = columns.map((c) => `?::${columnType(c, true)}[]`).join(', ');
      await target.run(
        `INSERT INTO ${quoteIdentifier(schema)}.${quoteIdentifier(name)} (${columnList(table)}) SELECT * FROM unnest(${arrays})`,
        columns.map((_, index) => rows.map((row) => row[index])),
      );
    },
  };
}

function sqliteFileWriter(target: Database.Database): TableWriter {
  return {
    create: async (table, keyed) => void target.exec(createTableSql(table, undefined, { keys: keyed })),
    async write(table, rows) {
      const { name, columns } = getTableConfig(table);
      const insert = target.prepare(`INSERT INTO ${quoteIdentifier(name)} (${columnList(table)}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of rows) insert.run(row);
    },
  };
}

async function copyTables(reader: TableReader, writer: TableWriter, tables: readonly SQLiteTable[], keyed: boolean): Promise<Record<string, number>> {
  const copied: Record<string, number> = {};
  for (const table of tables) {
    await writer.create(table, keyed);
    let rows = 0;
    try {
      for await (const batch of reader.batches(table)) {
        await writer.write(table, batch);
        rows += batch.length;
      }
    } catch (error) {
      // E.g. text in a numeric column of an SQLite file, which PostgreSQL's typed copy cannot hold (M31).
      throw new SourceContractError(`source table ${getTableConfig(table).name} cannot be copied: ${(error as Error).message}`);
    }
    copied[getTableConfig(table).name] = rows;
  }
  return copied;
}

/**
 * Creates `tables` in `schema` (which must exist and not hold them yet) and copies their rows from
 * `source`, an SQLite file or a PostgreSQL URL. Writes on the caller's connection, inside the
 * caller's transaction if any. Returns the rows copied per table.
 */
export async function copySourceTablesToPostgres(
  source: string,
  target: PostgresDatabase,
  schema: string,
  tables: readonly SQLiteTable[],
  /** Give the copies the contract's primary keys (false: the source may repeat a key). */
  keyed = true,
): Promise<Record<string, number>> {
  const reader = isPostgresUrl(source) ? postgresSchemaReader(source) : sqliteFileReader(source);
  try {
    return await copyTables(reader, postgresSchemaWriter(target, schema), tables, keyed);
  } finally {
    await reader.close();
  }
}

/**
 * Creates `tables` without keys (the keys step finds repeated keys itself, steps/keys.ts) in the new
 * SQLite file `sqlitePath` and copies their rows from the schema of `url`, in one transaction.
 */
export async function copyPostgresTablesToSqlite(url: string, sqlitePath: string, tables: readonly SQLiteTable[]): Promise<Record<string, number>> {
  const reader = postgresSchemaReader(url);
  const target = new Database(sqlitePath);
  try {
    target.exec('BEGIN');
    const copied = await copyTables(reader, sqliteFileWriter(target), tables, false);
    target.exec('COMMIT');
    return copied;
  } finally {
    if (target.inTransaction) target.exec('ROLLBACK');
    target.close();
    await reader.close();
  }
}
