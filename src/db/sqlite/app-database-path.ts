/**
 * Whether a file path can hold the SQLite app database, checked before SQLite opens it: SQLite's
 * own errors ("unable to open database file") name neither the path nor the reason.
 */
import { accessSync, closeSync, constants, existsSync, openSync, readSync, statSync, unlinkSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The app database cannot be used at the path given: the message names the path and the reason. */
export class AppDatabasePathError extends Error {
  override name = 'AppDatabasePathError';
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

/** Why no file can be created at `path`, or null (one is created and removed again: the system says why not). */
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
 * Checks that `path` can hold the app database — an SQLite file, or nothing yet in a directory
 * where files can be created. Throws AppDatabasePathError; leaves no file behind.
 */
export function assertSqliteAppDatabasePath(path: string): void {
  const problem = (reason: string) => new AppDatabasePathError(`app database ${path} ${reason}`);
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
