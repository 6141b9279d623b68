import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { accessSync, closeSync, constants, existsSync, openSync, readSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.ts';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

export type AppDb = BetterSQLite3Database<typeof schema>;
export interface AppDatabase {
  sqlite: Database.Database;
  db: AppDb;
}

/** WAL lets API readers keep their snapshot while a pipeline run writes. */
export function applyConnectionSettings(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 10000');
}

/** The app database cannot be used at the path given: the message names the path and the reason. */
export class AppDatabaseError extends Error {
  override name = 'AppDatabaseError';
}

/** The reason of a file-system error without its code and path: `no such file or directory`. */
export function fileSystemReason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return code ? message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*$/, '') : message;
}

const SQLITE_HEADER = 'SQLite format 3\0';

function startsWithSqliteHeader(path: string): boolean {
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  return header.toString('latin1') === SQLITE_HEADER;
}

/** Whether a file could be created at `path` (one is created and removed again: the OS says why not). */
function creationProblem(path: string): string | null {
  try {
    closeSync(openSync(path, 'wx'));
    unlinkSync(path);
    return null;
  } catch (error) {
    return fileSystemReason(error);
  }
}

/**
 * Checks that `path` can hold the app database — an SQLite file, or nothing yet in a writable
 * directory — before SQLite opens it (whose own errors name neither the path nor the reason).
 * Leaves no file behind.
 */
export function assertAppDatabasePath(path: string): void {
  const problem = (reason: string) => new AppDatabaseError(`app database ${path} ${reason}`);
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw problem(`cannot be used: ${fileSystemReason(error)}`);
    const directory = dirname(resolve(path));
    if (!existsSync(directory)) throw problem(`cannot be created: directory ${directory} does not exist`);
    if (!statSync(directory).isDirectory()) throw problem(`cannot be created: ${directory} is not a directory`);
    const reason = creationProblem(path);
    if (reason !== null) throw problem(`cannot be created in ${directory}: ${reason}`);
    return;
  }
  if (stats.isDirectory()) throw problem('is a directory, not a file');
  if (!stats.isFile()) throw problem('is not a regular file');
  if (stats.size > 0 && !startsWithSqliteHeader(path)) throw problem('is not an SQLite database');
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
    // Writers create the -wal and -shm files beside it.
    accessSync(dirname(resolve(path)), constants.W_OK);
  } catch (error) {
    throw problem(`is not writable: ${fileSystemReason(error)}`);
  }
}

/** Opens (creating if needed) the app database and applies pending migrations; throws AppDatabaseError. */
export function openAppDatabase(path: string): AppDatabase {
  assertAppDatabasePath(path);
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(path);
    applyConnectionSettings(sqlite);
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return { sqlite, db };
  } catch (error) {
    sqlite?.close();
    throw new AppDatabaseError(`cannot open app database ${path}: ${(error as Error).message}`);
  }
}
