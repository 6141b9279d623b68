/**
 * The PostgreSQL sink: the source tables in the URL's schema (created when missing), written on
 * one connection, one transaction per file. Rows go in batches: one statement reads the batch's
 * keys already there, the rows are compared in order (new, replaced, unchanged; a later row with
 * the same key wins), and one INSERT … ON CONFLICT DO UPDATE writes what changed.
 */
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { UsageError } from '../../src/config.ts';
import { PostgresDatabase, quoteIdentifier } from '../../src/db/postgres/connection.ts';
import { parsePostgresUrl } from '../../src/db/postgres/url.ts';
import { columnType, createTableSql } from '../../pipeline/source/contract.ts';
import { IMPORT_TABLES, importTable, type ImportTable, type SourceTableName } from '../tables.ts';
import { noWrites, type SourceSink, type SqlValue, type WriteCounts } from './sink.ts';

interface TableStatements {
  /** Parameters: one text array per key column. */
  existing: string;
  /** Parameters: one array per column. */
  upsert: string;
  keyPositions: number[];
}

const sameRow = (a: readonly SqlValue[], b: readonly SqlValue[]) => a.every((value, i) => value === b[i]);

export class PostgresSink implements SourceSink {
  private readonly statements = new Map<SourceTableName, TableStatements>();

  private constructor(
    private readonly pool: PostgresDatabase,
    private readonly session: PostgresDatabase,
    private readonly schema: string,
    readonly description: string,
  ) {}

  static async open(url: string): Promise<PostgresSink> {
    const location = parsePostgresUrl(url);
    const pool = PostgresDatabase.open(location, { max: 1, applicationName: 'ads-metrics import' });
    try {
      const sink = new PostgresSink(pool, await pool.session(), location.schema, location.display);
      await sink.prepareTables();
      return sink;
    } catch (error) {
      await pool.close();
      if (error instanceof UsageError) throw error;
      throw new UsageError(`cannot import into ${location.display}: ${(error as Error).message}`);
    }
  }

  /** Creates the schema and missing tables (a new schema gets all seven) and checks existing ones. */
  private async prepareTables(): Promise<void> {
    await this.session.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(this.schema)}`);
    const problems: string[] = [];
    for (const table of IMPORT_TABLES.values()) {
      const columns = await this.session.all<{ name: string }>(
        'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?',
        [this.schema, table.name],
      );
      if (columns.length === 0) {
        await this.session.exec(createTableSql(table.table, this.schema));
        continue;
      }
      const names = new Set(columns.map((c) => c.name));
      const missing = table.columns.filter((c) => !names.has(c));
      const key = await this.session.all<{ name: string }>(
        `SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
         WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY a.attname`,
        [`${quoteIdentifier(this.schema)}.${quoteIdentifier(table.name)}`],
      );
      if (missing.length > 0) problems.push(`table ${table.name} is missing ${missing.join(', ')}`);
      else if (key.map((k) => k.name).join() !== [...table.key].sort().join()) {
        problems.push(`table ${table.name} has primary key (${key.map((k) => k.name).join(', ')}), the contract says (${table.key.join(', ')})`);
      }
    }
    if (problems.length > 0) throw new UsageError(`${this.description} does not match the source contract: ${problems.join('; ')}`);
  }

  private statementsOf(name: SourceTableName): TableStatements {
    let statements = this.statements.get(name);
    if (!statements) {
      statements = upsertStatements(importTable(name), this.schema);
      this.statements.set(name, statements);
    }
    return statements;
  }

  async begin(): Promise<void> {
    await this.session.exec('BEGIN');
  }

  async write(table: SourceTableName, rows: readonly SqlValue[][]): Promise<WriteCounts> {
    const { existing, upsert, keyPositions } = this.statementsOf(table);
    const keyOf = (row: readonly SqlValue[]) => JSON.stringify(keyPositions.map((i) => row[i]));
    const keys = [...new Map(rows.map((row) => [keyOf(row), row])).values()];
    const stored = await this.session.all<Record<string, SqlValue>>(existing, keyPositions.map((i) => keys.map((row) => row[i])));
    const columns = importTable(table).columns;
    const current = new Map(stored.map((row) => [keyOf(columns.map((c) => row[c] ?? null)), columns.map((c) => row[c] ?? null)]));
    const changed = new Map<string, SqlValue[]>();
    const counts = noWrites();
    for (const row of rows) {
      const key = keyOf(row);
      const before = current.get(key);
      if (before === undefined) counts.inserted++;
      else if (sameRow(before, row)) {
        counts.unchanged++;
        continue;
      } else counts.replaced++;
      current.set(key, row);
      changed.set(key, row);
    }
    if (changed.size > 0) {
      const values = [...changed.values()];
      await this.session.run(upsert, columns.map((_, i) => values.map((row) => row[i])));
    }
    return counts;
  }

  async commit(): Promise<void> {
    await this.session.exec('COMMIT');
  }

  async rollback(): Promise<void> {
    await this.session.exec('ROLLBACK');
  }

  async newest(table: SourceTableName, column: string): Promise<string | null> {
    const row = await this.session.get<{ newest: string | null }>(
      `SELECT max(${quoteIdentifier(column)})::text AS newest FROM ${quoteIdentifier(this.schema)}.${quoteIdentifier(table)}`,
    );
    return row?.newest ?? null;
  }

  async close(): Promise<void> {
    await this.session.close();
    await this.pool.close();
  }
}

function upsertStatements(table: ImportTable, schema: string): TableStatements {
  const qualified = `${quoteIdentifier(schema)}.${quoteIdentifier(table.name)}`;
  const types = new Map(getTableConfig(table.table).columns.map((c) => [c.name, columnType(c, true)]));
  const list = (names: readonly string[]) => names.map(quoteIdentifier).join(', ');
  const others = table.columns.filter((c) => !table.key.includes(c));
  return {
    existing:
      `SELECT ${list(table.columns)} FROM ${qualified} ` +
      `WHERE (${list(table.key)}) IN (SELECT * FROM unnest(${table.key.map(() => '?::text[]').join(', ')}))`,
    upsert:
      `INSERT INTO ${qualified} (${list(table.columns)}) SELECT * FROM unnest(${table.columns.map((c) => `?::${types.get(c)}[]`).join(', ')}) ` +
      `ON CONFLICT (${list(table.key)}) DO UPDATE SET ${others.map((c) => `${quoteIdentifier(c)} = EXCLUDED.${quoteIdentifier(c)}`).join(', ')}`,
    keyPositions: table.key.map((c) => table.columns.indexOf(c)),
  };
}
