/**
 * `npm run demo-data -- --out postgres://…[?schema=NAME]`: the same deterministic demo data,
 * generated into a temporary SQLite file and copied into the schema in one transaction, so the
 * schema holds either its previous source tables or the complete new ones.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresDatabase, quoteIdentifier } from '../../src/db/postgres/connection.ts';
import { parsePostgresUrl } from '../../src/db/postgres/url.ts';
import { copySourceTablesToPostgres } from '../source/copy.ts';
import { ALL_SOURCE_TABLES } from '../source/tables.ts';
import { generateDemoData, type DemoDataOptions, type DemoDataSummary } from './generate.ts';
import { getTableConfig } from 'drizzle-orm/sqlite-core';

export async function generateDemoDataToPostgres(options: DemoDataOptions): Promise<DemoDataSummary> {
  const location = parsePostgresUrl(options.out);
  const started = performance.now();
  const folder = mkdtempSync(join(tmpdir(), 'demo-data-'));
  const database = PostgresDatabase.open(location, { max: 1, applicationName: 'ads-metrics demo-data' });
  try {
    const file = join(folder, 'source.sqlite');
    const summary = generateDemoData({ ...options, out: file });
    const schema = quoteIdentifier(location.schema);
    const rowsPerTable = await database.transaction(async (tx) => {
      await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      for (const table of ALL_SOURCE_TABLES) await tx.exec(`DROP TABLE IF EXISTS ${schema}.${quoteIdentifier(getTableConfig(table).name)}`);
      return copySourceTablesToPostgres(file, tx, location.schema, ALL_SOURCE_TABLES);
    });
    // Fresh statistics, so the first pipeline run plans with them.
    for (const table of Object.keys(rowsPerTable)) await database.exec(`ANALYZE ${schema}.${quoteIdentifier(table)}`);
    const size = await database.get<{ bytes: number }>(
      `SELECT sum(pg_total_relation_size(c.oid)) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = ? AND c.relname = ANY(?::text[]) AND c.relkind = 'r'`,
      [location.schema, Object.keys(rowsPerTable)],
    );
    return { seconds: (performance.now() - started) / 1000, rowsPerTable: summary.rowsPerTable, bytes: size?.bytes ?? 0 };
  } finally {
    await database.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
