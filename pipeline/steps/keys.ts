/**
 * Step "keys" (source-data.md "Keys"): the primary key of every source table holds even where the
 * source cannot enforce it (a view, a warehouse table without constraints, an export loaded twice).
 *
 * A table whose database enforces its key is read as it is: it cannot repeat one, so checking it
 * would only cost a pass over its rows. Any other table is read through a scratch copy of its
 * distinct rows: rows repeating a key with identical values in every column are used once and
 * counted, and a key repeated with different values fails the run before anything is published,
 * naming the table, one such key and how many keys conflict.
 */
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../src/db/database.ts';
import { PipelineInputError } from '../errors.ts';
import { scratchTable } from '../scratch.ts';
import type { SourceTableRef } from './sources.ts';

/** table → rows that repeated a key with identical values (each such key is used once) */
export type IgnoredRepeats = Record<string, number>;

export interface KeyedSources {
  /** Where each source table is read from from now on: the distinct copy where one was made. */
  from: SourceTableRef;
  ignoredRepeats: IgnoredRepeats;
}

/** Whether the source database holding `table` enforces a unique key on exactly `key` (backend-specific). */
export type EnforcesKey = (table: string, key: readonly string[]) => Promise<boolean>;

/** The contract's key and columns of a source table. */
export function keyOf(table: SQLiteTable): { name: string; key: string[]; columns: string[] } {
  const { name, columns, primaryKeys } = getTableConfig(table);
  const key = primaryKeys[0]?.columns.map((column) => column.name) ?? columns.filter((column) => column.primary).map((column) => column.name);
  return { name, key, columns: columns.map((column) => column.name) };
}

/** A key's values as the error shows them: `event_uuid = "e1"` or `(ad_id, date) = ("a1", "2025-07-01")`. */
function describeKey(key: readonly string[], row: Record<string, unknown>): string {
  const quote = (value: unknown) => (value === null ? 'NULL' : JSON.stringify(String(value).slice(0, 60)));
  return key.length === 1
    ? `${key[0]} = ${quote(row[key[0]!])}`
    : `(${key.join(', ')}) = (${key.map((column) => quote(row[column])).join(', ')})`;
}

/**
 * Copies the distinct rows of one table whose key is not enforced; returns how many rows repeated
 * an identical one, or throws when a key is repeated with different values. Rows with a NULL in
 * the key have no key to repeat (as with a unique constraint).
 */
async function distinctCopy(db: Database, from: SourceTableRef, table: string, key: readonly string[], columns: readonly string[]) {
  const copy = `distinct_${table}`;
  const columnList = columns.map((column) => `"${column}"`).join(', ');
  const keyList = key.map((column) => `"${column}"`).join(', ');
  await db.exec(`CREATE TABLE ${scratchTable(copy)} AS SELECT DISTINCT ${columnList} FROM ${from(table)}`);
  const conflict = await db.get<Record<string, unknown> & { conflictingKeys: number }>(
    `SELECT ${keyList}, count(*) OVER () AS "conflictingKeys"
     FROM ${copy} WHERE ${key.map((column) => `"${column}" IS NOT NULL`).join(' AND ')}
     GROUP BY ${keyList} HAVING count(*) > 1
     ORDER BY ${key.map((column) => db.dialect.byCodePoint(`"${column}"`)).join(', ')} LIMIT 1`,
  );
  if (conflict) {
    const keys = conflict.conflictingKeys === 1 ? '1 key' : `${conflict.conflictingKeys} keys`;
    throw new PipelineInputError(
      `source table ${table} repeats ${keys} with different values, e.g. ${describeKey(key, conflict)}: the source is ambiguous`,
    );
  }
  const { repeats } = (await db.get<{ repeats: number }>(
    `SELECT (SELECT count(*) FROM ${from(table)}) - (SELECT count(*) FROM ${copy}) AS repeats`,
  ))!;
  return { copy, repeats: Number(repeats) };
}

/** The step: checks the keys of the given source tables (those present), in order. */
export async function checkSourceKeys(
  db: Database,
  from: SourceTableRef,
  tables: readonly SQLiteTable[],
  enforcesKey: EnforcesKey,
): Promise<KeyedSources> {
  const copies = new Map<string, string>();
  const ignoredRepeats: IgnoredRepeats = {};
  for (const { name, key, columns } of tables.map(keyOf)) {
    if (await enforcesKey(name, key)) continue;
    const { copy, repeats } = await distinctCopy(db, from, name, key, columns);
    copies.set(name, copy);
    if (repeats > 0) ignoredRepeats[name] = repeats;
  }
  return { from: (table) => (copies.has(table) ? scratchTable(copies.get(table)!) : from(table)), ignoredRepeats };
}
