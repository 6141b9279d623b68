/**
 * An app database path that cannot be used is named with the reason, before SQLite
 * opens it (SQLite itself says only "unable to open database file"), and nothing is created.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppDatabasePathError, assertSqliteAppDatabasePath } from '../../src/db/sqlite/app-database-path.ts';
import { openSqliteAppDatabase } from '../../src/db/sqlite/app-database.ts';
import { createApi } from '../../src/server.ts';
import { useTempDir } from '../fixtures/source-db.ts';

const tempDir = useTempDir('app-db-path-test-');

function pathError(path: string): string {
  try {
    openSqliteAppDatabase(path).db.connection.close();
  } catch (error) {
    expect(error).toBeInstanceOf(AppDatabasePathError);
    return (error as Error).message;
  }
  throw new Error('expected an AppDatabasePathError');
}

/** A place where even root cannot create files (sysfs); absent outside Linux. */
const UNWRITABLE_DIR = '/sys';

describe('app database path', () => {
  const dir = tempDir();

  it('a directory, a missing directory, a file in place of a directory: named with the reason, nothing created', () => {
    const folder = join(dir, 'folder.sqlite');
    mkdirSync(folder);
    expect(pathError(folder)).toBe(`app database ${folder} is a directory, not a file`);
    expect(readdirSync(folder)).toEqual([]);
    const inMissing = join(dir, 'missing', 'app.sqlite');
    expect(pathError(inMissing)).toBe(`app database ${inMissing} cannot be created: directory ${join(dir, 'missing')} does not exist`);
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'notes');
    expect(pathError(join(notes, 'app.sqlite'))).toBe(`app database ${join(notes, 'app.sqlite')} cannot be created: ${notes} is not a directory`);
    expect(readdirSync(dir).sort()).toEqual(['folder.sqlite', 'notes.txt']);
  });

  it('a file that is not an SQLite database is named and left as it was', () => {
    const csv = join(dir, 'export.csv');
    writeFileSync(csv, 'ad_id,date,spend\n1,2025-07-01,3.5\n');
    expect(pathError(csv)).toBe(`app database ${csv} is not an SQLite database`);
    expect(readFileSync(csv, 'utf8')).toBe('ad_id,date,spend\n1,2025-07-01,3.5\n');
    expect(existsSync(`${csv}-wal`)).toBe(false);
  });

  it.skipIf(!existsSync(UNWRITABLE_DIR))(`an unwritable place (${UNWRITABLE_DIR}) is named with the system's reason (skipped where there is no ${UNWRITABLE_DIR})`, () => {
    const path = join(UNWRITABLE_DIR, 'app.sqlite');
    expect(pathError(path)).toBe(`app database ${path} cannot be created in ${UNWRITABLE_DIR}: permission denied`);
    expect(existsSync(path)).toBe(false);
  });

  it('an empty file and a missing file in a writable directory are fine; the check leaves no file behind', () => {
    const fresh = join(dir, 'fresh.sqlite');
    assertSqliteAppDatabasePath(fresh);
    expect(existsSync(fresh)).toBe(false);
    const empty = join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    openSqliteAppDatabase(empty).db.connection.close();
    assertSqliteAppDatabasePath(empty);
  });

  it('the API server names the path too (npm run serve --db)', async () => {
    const folder = join(dir, 'served-folder');
    mkdirSync(folder);
    await expect(createApi({ dbPath: folder })).rejects.toThrow(`app database ${folder} is a directory, not a file`);
  });
});
