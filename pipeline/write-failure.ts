/**
 * A run that the app database refuses to write (disk full, an I/O error, a size or resource limit)
 * fails with a message naming that database, so that an operator knows where space ran out; its
 * stage tables are dropped like any failed run's and the published run stays served.
 */
import { sourceName } from './source/contract.ts';

/** SQLite's result codes of a refused write (`SQLITE_IOERR_WRITE` and the other extended codes included). */
const SQLITE_WRITE_FAILURES = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|NOMEM)/;
/** PostgreSQL SQLSTATE classes 53 (insufficient resources: disk full, out of memory, temp_file_limit) and 58 (system errors). */
const POSTGRES_WRITE_FAILURES = /^5[38]/;

export function isWriteFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return /database or disk is full/.test(String((error as Error | null)?.message));
  return SQLITE_WRITE_FAILURES.test(code) || POSTGRES_WRITE_FAILURES.test(code);
}

/** The failed run's one line: a write failure names the app database. */
export function describeFailure(error: unknown, appLocation: string): string {
  const message = (error as Error).message;
  return isWriteFailure(error) ? `the app database ${sourceName(appLocation)} could not be written: ${message}` : message;
}
