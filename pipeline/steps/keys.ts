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
import { PipelineInputError } from '../errors.ts';
import type { RunSpace } from '../run-space.ts';
import type { SourceTableLocations } from '../source/contract.ts';
import { ALL_SOURCE_TABLES } from '../source/tables.ts';

/** table → rows that repeated a key with identical values (each such key is used once) */
export type IgnoredRepeats = Record<string, number>;

/** The contract's key and columns of a source table. */
function keyOf(table: SQLiteTable): { name: string; key: string[]; columns: string[] } {
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
 * Copies the distinct rows of a table whose key is not enforced and has the run read it from the
 * copy; returns how many rows repeated an identical one, or throws when a key is repeated with
 * different values. Rows with a NULL in the key have no key to repeat (as with a unique constraint).
 */
async function readDistinctRows(run: RunSpace, table: string, key: readonly string[], columns: readonly string[]): Promise<number> {
  const { db } = run;
  const copy = run.scratchTable(`distinct_${table}`);
  const columnList = columns.map((column) => `"${column}"`).join(', ');
  const keyList = key.map((column) => `"${column}"`).join(', ');
  await db.exec(`CREATE TABLE ${copy} AS SELECT DISTINCT ${columnList} FROM ${run.sourceTable(table)}`);
  const conflict = await db.get<Record<string, unknown> & { conflictingKeys: number }>(
    `SELECT ${keyList}, count(*) OVER () AS "conflictingKeys"
     FROM ${copy} WHERE ${key.map((column) => `"${column}" IS NOT NULL`).join(' AND ')}
     GROUP BY ${keyList} HAVING count(*) > 1
     ORDER BY ${key.map((column) => db.dialect.byCodePoint(`"${column}"`)).join(', ')} LIMIT 1`,
  );
  if (conflict) {
    const keys = Number(conflict.conflictingKeys) === 1 ? '1 key' : `${conflict.conflictingKeys} keys`;
    throw new PipelineInputError(
      `source table ${table} repeats ${keys} with different values, e.g. ${describeKey(key, conflict)}: the source is ambiguous`,
    );
  }
  const { repeats } = (await db.get<{ repeats: number }>(
    `SELECT (SELECT count(*) FROM ${run.sourceTable(table)}) - (SELECT count(*) FROM ${copy}) AS repeats`,
  ))!;
  run.readSourceFrom(table, copy);
  return Number(repeats);
}

/** The step: checks the keys of every source table present; the later steps read each where it says. */
export async function checkSourceKeys(run: RunSpace, locations: SourceTableLocations): Promise<IgnoredRepeats> {
  const ignoredRepeats: IgnoredRepeats = {};
  for (const { name, key, columns } of ALL_SOURCE_TABLES.map(keyOf).filter(({ name }) => locations.has(name))) {
    if (await run.sourceEnforcesKey(name, key)) continue;
    const repeats = await readDistinctRows(run, name, key, columns);
    if (repeats > 0) ignoredRepeats[name] = repeats;
  }
  return ignoredRepeats;
}
