/**
 * The source contract: which source each table comes from (the first that has it) and a
 * check that every required table and column is there, reported together in one error.
 */
import Database from 'better-sqlite3';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { PostgresDatabase } from '../../src/db/postgres/connection.ts';
import { isPostgresUrl, parsePostgresUrl } from '../../src/db/postgres/url.ts';
import { ALL_SOURCE_TABLES, REQUIRED_SOURCE_TABLES } from './tables.ts';

export class SourceContractError extends Error {
  override name = 'SourceContractError';
}

/** Table name → index of the source (file or PostgreSQL schema) it is read from. */
export type SourceTableLocations = Map<string, number>;

const columnNames = (table: SQLiteTable) => getTableConfig(table).columns.map((c) => c.name);

/**
 * Opens every source read-only (SQLite files checked by distinctSourceFiles, or PostgreSQL URLs
 * whose schema holds the tables), locates each source table and checks its columns. Throws a
 * SourceContractError naming every missing table and column at once.
 */
export async function locateSourceTables(sources: readonly string[]): Promise<SourceTableLocations> {
  const names = sources.map(sourceName);
  const columnsBySource = await Promise.all(sources.map((source, index) => readColumns(source, names[index]!)));
  const locations: SourceTableLocations = new Map();
  const problems: string[] = [];
  for (const table of ALL_SOURCE_TABLES) {
    const { name } = getTableConfig(table);
    const sourceIndex = columnsBySource.findIndex((tables) => tables.has(name));
    if (sourceIndex < 0) {
      if (REQUIRED_SOURCE_TABLES.includes(table)) problems.push(`missing table ${name}`);
      continue;
    }
    const present = columnsBySource[sourceIndex]!.get(name)!;
    const missing = columnNames(table).filter((column) => !present.has(column));
    if (missing.length > 0) {
      problems.push(`table ${name} (in ${names[sourceIndex]}) is missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    }
    locations.set(name, sourceIndex);
  }
  if (problems.length > 0) throw new SourceContractError(`source data does not match the contract: ${problems.join('; ')}`);
  return locations;
}

/** How messages name a source: its path, or its URL without the password. */
export const sourceName = (source: string) => (isPostgresUrl(source) ? parsePostgresUrl(source).display : source);

/** Table or view name → its lower-cased column names, read without writing anything. */
async function readColumns(source: string, name: string): Promise<Map<string, Set<string>>> {
  return isPostgresUrl(source) ? readPostgresColumns(source, name) : readSqliteColumns(source);
}

async function readPostgresColumns(url: string, name: string): Promise<Map<string, Set<string>>> {
  const location = parsePostgresUrl(url);
  const db = PostgresDatabase.open(location, { max: 1, applicationName: 'ads-metrics source check' });
  try {
    const schema = await db.get('SELECT 1 FROM pg_namespace WHERE nspname = ?', [location.schema]);
    if (!schema) throw new SourceContractError(`source database ${name} has no schema ${location.schema}`);
    const rows = await db.all<{ table_name: string; column_name: string }>(
      'SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = ?',
      [location.schema],
    );
    const tables = new Map<string, Set<string>>();
    for (const row of rows) {
      const table = row.table_name.toLowerCase();
      if (!tables.has(table)) tables.set(table, new Set());
      tables.get(table)!.add(row.column_name.toLowerCase());
    }
    return tables;
  } catch (error) {
    if (error instanceof SourceContractError) throw error;
    throw new SourceContractError(`cannot read source database ${name}: ${(error as Error).message}`);
  } finally {
    await db.close();
  }
}

function readSqliteColumns(path: string): Map<string, Set<string>> {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new SourceContractError(`cannot open source database ${path}: ${(error as Error).message}`);
  }
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')")
      .all();
    const columnsOf = db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)');
    return new Map(
      tables.map(({ name }) => [name.toLowerCase(), new Set(columnsOf.all(name).map((c) => c.name.toLowerCase()))]),
    );
  } catch (error) {
    throw new SourceContractError(`cannot read source database ${path}: ${(error as Error).message}`);
  } finally {
    db.close();
  }
}

/** SQLite's declared type → PostgreSQL's; PostgreSQL's `real` is 4 bytes, so doubles. */
const POSTGRES_TYPES: Record<string, string> = { text: 'text', real: 'double precision', integer: 'bigint' };

function postgresType(sqliteType: string): string {
  const type = POSTGRES_TYPES[sqliteType.toLowerCase()];
  if (!type) throw new Error(`no PostgreSQL type for SQLite column type ${sqliteType}`);
  return type;
}

/** A source column's type in SQLite, or in PostgreSQL when `postgres` is set. */
export const columnType = (column: { getSQLType(): string }, postgres = false) =>
  postgres ? postgresType(column.getSQLType()) : column.getSQLType();

/**
 * CREATE TABLE statement of a source table, as the contract defines it (demo data, fixtures);
 * with `postgresSchema`, the PostgreSQL table inside that schema; without `keys`, with no primary
 * key (a copy of a source that may repeat one).
 */
export function createTableSql(table: SQLiteTable, postgresSchema?: string, { keys = true } = {}): string {
  const { name, columns, primaryKeys } = getTableConfig(table);
  const postgres = postgresSchema !== undefined;
  const columnSql = columns.map(
    (c) =>
      `"${c.name}" ${columnType(c, postgres)}${c.primary && keys ? ' PRIMARY KEY' : ''}${c.notNull && !c.primary ? ' NOT NULL' : ''}` +
      (c.hasDefault && typeof c.default === 'number' ? ` DEFAULT ${c.default}` : ''),
  );
  const keySql = keys ? primaryKeys.map((pk) => `PRIMARY KEY (${pk.columns.map((c) => `"${c.name}"`).join(', ')})`) : [];
  const qualifiedName = postgres ? `"${postgresSchema}"."${name}"` : `"${name}"`;
  return `CREATE TABLE ${qualifiedName} (\n  ${[...columnSql, ...keySql].join(',\n  ')}\n)`;
}
