/**
 * Atomic publication. Every step writes into `stage_<table>` copies of the published tables; the
 * last step swaps them in with one transaction, so readers (WAL snapshots) see either the previous
 * complete run or the new one. A failed or killed run leaves only stage tables, dropped next time.
 */
import type Database from 'better-sqlite3';
import type { Database as AppDb } from '../src/db/database.ts';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import {
  adsetCampaignMapping,
  breakdownUserLists,
  dailyMetrics,
  dailyMetricsBreakdown,
  dailyUserLists,
  idHierarchyMapping,
  idNameHistory,
  idNameMapping,
} from '../src/db/schema.ts';

export const PUBLISHED_TABLES = [
  idNameMapping,
  idNameHistory,
  idHierarchyMapping,
  adsetCampaignMapping,
  breakdownUserLists,
  dailyMetrics,
  dailyMetricsBreakdown,
  dailyUserLists,
].map((table) => getTableConfig(table).name);

export const stageTable = (table: string) => `stage_${table}`;

function tableDefinition(db: Database.Database, table: string): string {
  const row = db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table);
  if (!row) throw new Error(`app database has no table ${table}; migrations were not applied`);
  return row.sql;
}

/** Fresh, empty stage tables with the published tables' columns and keys (secondary indexes come at publish). */
export function createStageTables(db: Database.Database): void {
  dropStageTables(db);
  for (const table of PUBLISHED_TABLES) {
    // drizzle-kit writes `name`; SQLite rewrites it as "name" after a rename.
    const definition = tableDefinition(db, table);
    const prefix = new RegExp(`^CREATE TABLE [\`"]${table}[\`"]`);
    if (!prefix.test(definition)) throw new Error(`unexpected definition of ${table}: ${definition.slice(0, 60)}`);
    db.exec(definition.replace(prefix, `CREATE TABLE "${stageTable(table)}"`));
  }
}

export function dropStageTables(db: Database.Database): void {
  for (const table of PUBLISHED_TABLES) db.exec(`DROP TABLE IF EXISTS \`${stageTable(table)}\``);
}

/** Replaces every published table by its stage table and runs `alsoInTransaction`, all or nothing. */
export function publishStageTables(db: AppDb, alsoInTransaction: (db: AppDb) => Promise<void>): Promise<void> {
  return db.transaction(async (tx) => {
    for (const table of PUBLISHED_TABLES) {
      const indexes = await tx.all<{ sql: string }>(
        "SELECT sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        [table],
      );
      await tx.exec(`DROP TABLE \`${table}\``);
      await tx.exec(`ALTER TABLE \`${stageTable(table)}\` RENAME TO \`${table}\``);
      for (const index of indexes) await tx.exec(index.sql);
    }
    await alsoInTransaction(tx);
  });
}
