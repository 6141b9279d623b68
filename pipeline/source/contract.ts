/**
 * The source contract: which file each source table comes from (the first that has it) and a
 * check that every required table and column is there, reported together in one error.
 */
import Database from 'better-sqlite3';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { existsSync } from 'node:fs';
import { ALL_SOURCE_TABLES, REQUIRED_SOURCE_TABLES } from './tables.ts';

export class SourceContractError extends Error {
  override name = 'SourceContractError';
}

/** Table name → index of the source file it is read from. */
export type SourceTableLocations = Map<string, number>;

const columnNames = (table: SQLiteTable) => getTableConfig(table).columns.map((c) => c.name);

/**
 * Opens every source read-only, locates each source table and checks its columns. Throws a
 * SourceContractError naming every missing file, table and column at once.
 */
export function locateSourceTables(paths: readonly string[]): SourceTableLocations {
  if (paths.length === 0) throw new SourceContractError('no source database given (use --source <file>)');
  const missingFiles = paths.filter((path) => !existsSync(path));
  if (missingFiles.length > 0) {
    throw new SourceContractError(`source database not found: ${missingFiles.join(', ')}`);
  }
  const columnsByFile = paths.map((path) => readColumns(path));
  const locations: SourceTableLocations = new Map();
  const problems: string[] = [];
  for (const table of ALL_SOURCE_TABLES) {
    const { name } = getTableConfig(table);
    const fileIndex = columnsByFile.findIndex((tables) => tables.has(name));
    if (fileIndex < 0) {
      if (REQUIRED_SOURCE_TABLES.includes(table)) problems.push(`missing table ${name}`);
      continue;
    }
    const present = columnsByFile[fileIndex]!.get(name)!;
    const missing = columnNames(table).filter((column) => !present.has(column));
    if (missing.length > 0) {
      problems.push(`table ${name} (in ${paths[fileIndex]}) is missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
    }
    locations.set(name, fileIndex);
  }
  if (problems.length > 0) throw new SourceContractError(`source data does not match the contract: ${problems.join('; ')}`);
  return locations;
}

/** Table or view name → its lower-cased column names, read without writing anything. */
function readColumns(path: string): Map<string, Set<string>> {
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
 * with `postgresSchema`, the PostgreSQL table inside that schema.
 */
export function createTableSql(table: SQLiteTable, postgresSchema?: string): string {
  const { name, columns, primaryKeys } = getTableConfig(table);
  const postgres = postgresSchema !== undefined;
  const columnSql = columns.map(
    (c) =>
      `"${c.name}" ${columnType(c, postgres)}${c.primary ? ' PRIMARY KEY' : ''}${c.notNull && !c.primary ? ' NOT NULL' : ''}` +
      (c.hasDefault && typeof c.default === 'number' ? ` DEFAULT ${c.default}` : ''),
  );
  const keySql = primaryKeys.map((pk) => `PRIMARY KEY (${pk.columns.map((c) => `"${c.name}"`).join(', ')})`);
  const qualifiedName = postgres ? `"${postgresSchema}"."${name}"` : `"${name}"`;
  return `CREATE TABLE ${qualifiedName} (\n  ${[...columnSql, ...keySql].join(',\n  ')}\n)`;
}
