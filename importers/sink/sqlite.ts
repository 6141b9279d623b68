/**
 * The SQLite sink: creates the required source tables when they are missing, checks that existing
 * ones have the contract's columns and key, and upserts rows inside one transaction per file.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../../src/config.ts';
import { createTableSql } from '../../pipeline/source/contract.ts';
import { IMPORT_TABLES, importTable, type ImportTable, type SourceTableName } from '../tables.ts';
import { noWrites, type SourceSink, type SqlValue, type WriteCounts } from './sink.ts';

/** The statements that write one table: insert a new key, or overwrite a key only when a value differs. */
interface TableStatements {
  insert: Database.Statement<unknown[]>;
  /** Parameters: the non-key values, the key values, the non-key values again. */
  replace: Database.Statement<unknown[]>;
  keyPositions: number[];
  valuePositions: number[];
}

const quote = (name: string) => `"${name}"`;

export function upsertSql(table: ImportTable): { insert: string; replace: string } {
  const others = table.columns.filter((c) => !table.key.includes(c));
  const insert =
    `INSERT INTO ${quote(table.name)} (${table.columns.map(quote).join(', ')}) ` +
    `VALUES (${table.columns.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING`;
  const replace =
    `UPDATE ${quote(table.name)} SET ${others.map((c) => `${quote(c)} = ?`).join(', ')} ` +
    `WHERE ${table.key.map((c) => `${quote(c)} = ?`).join(' AND ')} ` +
    // A repeat with identical values is no replacement; a changed one is.
    `AND (${others.map((c) => `${quote(c)} IS DISTINCT FROM ?`).join(' OR ')})`;
  return { insert, replace };
}

export class SqliteSink implements SourceSink {
  private readonly statements = new Map<SourceTableName, TableStatements>();

  private constructor(
    private readonly db: Database.Database,
    readonly description: string,
  ) {}

  static open(path: string): SqliteSink {
    if (!existsSync(dirname(path) || '.')) throw new UsageError(`cannot create ${path}: folder ${dirname(path)} does not exist`);
    let db: Database.Database;
    try {
      db = new Database(path);
      db.pragma('synchronous = NORMAL');
      db.pragma('cache_size = -65536');
    } catch (error) {
      throw new UsageError(`cannot open ${path} as an SQLite database: ${(error as Error).message}`);
    }
    try {
      const sink = new SqliteSink(db, path);
      sink.prepareTables();
      return sink;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Creates missing tables (a new database gets all seven) and checks existing ones. */
  private prepareTables(): void {
    const problems: string[] = [];
    for (const table of IMPORT_TABLES.values()) {
      const present = this.db.prepare<[string], { name: string; pk: number }>('SELECT name, pk FROM pragma_table_info(?)').all(table.name);
      if (present.length === 0) {
        this.db.exec(createTableSql(table.table));
        continue;
      }
      const names = new Set(present.map((c) => c.name.toLowerCase()));
      const missing = table.columns.filter((c) => !names.has(c));
      const key = present.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name.toLowerCase());
      if (missing.length > 0) problems.push(`table ${table.name} is missing ${missing.join(', ')}`);
      else if (key.join() !== table.key.join()) problems.push(`table ${table.name} has primary key (${key.join(', ')}), the contract says (${table.key.join(', ')})`);
    }
    if (problems.length > 0) throw new UsageError(`${this.description} does not match the source contract: ${problems.join('; ')}`);
  }

  private statementsOf(name: SourceTableName): TableStatements {
    let statements = this.statements.get(name);
    if (!statements) {
      const table = importTable(name);
      const sql = upsertSql(table);
      statements = {
        insert: this.db.prepare<unknown[]>(sql.insert),
        replace: this.db.prepare<unknown[]>(sql.replace),
        keyPositions: table.key.map((c) => table.columns.indexOf(c)),
        valuePositions: table.columns.flatMap((c, i) => (table.key.includes(c) ? [] : [i])),
      };
      this.statements.set(name, statements);
    }
    return statements;
  }

  async begin(): Promise<void> {
    this.db.exec('BEGIN IMMEDIATE');
  }

  async write(table: SourceTableName, rows: readonly SqlValue[][]): Promise<WriteCounts> {
    const { insert, replace, keyPositions, valuePositions } = this.statementsOf(table);
    const counts = noWrites();
    for (const row of rows) {
      if (insert.run(...row).changes === 1) {
        counts.inserted++;
        continue;
      }
      const values = valuePositions.map((i) => row[i]!);
      const changed = replace.run(...values, ...keyPositions.map((i) => row[i]!), ...values).changes;
      if (changed === 1) counts.replaced++;
      else counts.unchanged++;
    }
    return counts;
  }

  async commit(): Promise<void> {
    this.db.exec('COMMIT');
  }

  async rollback(): Promise<void> {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  async newest(table: SourceTableName, column: string): Promise<string | null> {
    const row = this.db.prepare(`SELECT max(${quote(column)}) AS newest FROM ${quote(table)}`).get() as { newest: string | null };
    return row.newest;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
