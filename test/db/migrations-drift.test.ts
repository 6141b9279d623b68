/**
 * The app tables are described once (src/db/tables/, with their PostgreSQL twins made
 * from them in src/db/postgres/tables.ts) and each dialect has its own drizzle-kit migrations. A
 * table change without `npm run db:generate` leaves a dialect's migrations behind its tables: the
 * migration drizzle-kit would generate from the last snapshot must be empty for both.
 */
import { generateDrizzleJson, generateMigration, generateSQLiteDrizzleJson, generateSQLiteMigration } from 'drizzle-kit/api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS_FOLDER } from '../../src/db/postgres/app-database.ts';
import * as postgresTables from '../../src/db/postgres/tables.ts';
import * as sqliteTables from '../../src/db/schema.ts';
import { SQLITE_MIGRATIONS_FOLDER } from '../../src/db/sqlite/app-database.ts';

/** The snapshot drizzle-kit wrote with the folder's latest migration. */
function latestSnapshot(folder: string) {
  const { entries } = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { idx: number }[] };
  const index = String(entries.at(-1)!.idx).padStart(4, '0');
  return JSON.parse(readFileSync(join(folder, 'meta', `${index}_snapshot.json`), 'utf8'));
}

/** A snapshot without one column of one table, as if the column had been added to the tables only. */
function withoutColumn(snapshot: any, table: string, column: string) {
  const copy = structuredClone(snapshot);
  const key = Object.keys(copy.tables).find((name) => copy.tables[name].name === table)!;
  delete copy.tables[key].columns[column];
  return copy;
}

describe('migrations follow the one table description', () => {
  it('SQLite: drizzle-kit would generate nothing new (run npm run db:generate after a table change)', async () => {
    const latest = latestSnapshot(SQLITE_MIGRATIONS_FOLDER);
    const current = await generateSQLiteDrizzleJson(sqliteTables, latest.id, 'snake_case');
    expect(await generateSQLiteMigration(latest, current)).toEqual([]);
    // The check sees a column the migrations lack.
    expect(await generateSQLiteMigration(withoutColumn(latest, 'pipeline_runs', 'error'), current)).toEqual([
      'ALTER TABLE `pipeline_runs` ADD `error` text;',
    ]);
  });

  it('PostgreSQL: drizzle-kit would generate nothing new (run npm run db:generate after a table change)', async () => {
    const latest = latestSnapshot(POSTGRES_MIGRATIONS_FOLDER);
    const current = generateDrizzleJson(postgresTables, latest.id);
    expect(await generateMigration(latest, current)).toEqual([]);
    expect(await generateMigration(withoutColumn(latest, 'pipeline_runs', 'error'), current)).toEqual([
      'ALTER TABLE "pipeline_runs" ADD COLUMN "error" text COLLATE "C";',
    ]);
  });
});
