/**
 * The expressions that differ by backend (src/db/dialect.ts), each run on a real
 * database of both backends with the same inputs and the same expected values, edge cases included
 * (rolled-over dates, offsets, junk, NULLs, code-point order, the no-break space of M4).
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { PostgresDatabase } from '../../src/db/postgres/connection.ts';
import { SqliteDatabase } from '../../src/db/sqlite/database.ts';
import { BACKENDS, freshPostgresUrl, type Backend } from '../fixtures/backends.ts';

async function open(backend: Backend): Promise<Database> {
  return backend === 'sqlite'
    ? new SqliteDatabase(new BetterSqlite3(':memory:'))
    : PostgresDatabase.open(await freshPostgresUrl('dialect'), { max: 1 });
}

/** `SELECT … UNION ALL SELECT …`: one text column `v`, one row per value (NULL included). */
const rows = (values: readonly (string | null)[]) =>
  values.map((value) => `SELECT ${value === null ? 'CAST(NULL AS TEXT)' : `CAST('${value.replaceAll("'", "''")}' AS TEXT)`} AS v`).join(' UNION ALL ');

describe.each(BACKENDS)('dialect expressions give the same answers [%s]', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await open(backend);
  });
  afterAll(() => db.close());

  /** The value of a one-row expression over one text parameter. */
  const value = async (expr: (text: string) => string, input: string | null) =>
    (await db.get<{ v: unknown }>(`SELECT ${expr('p.t')} AS v FROM (SELECT CAST(? AS TEXT) AS t) AS p`, [input]))!.v;
  const holds = async (expr: (text: string) => string, input: string | null) =>
    (await value((text) => `CASE WHEN ${expr(text)} THEN 1 ELSE 0 END`, input)) === 1;

  it('isCalendarDate: real YYYY-MM-DD days only (no roll-over of 02-30, no other shapes)', async () => {
    const check = (input: string | null) => holds(db.dialect.isCalendarDate, input);
    for (const day of ['2025-02-28', '2024-02-29', '2000-02-29', '2025-12-31', '2025-07-01', '0001-01-01']) expect(await check(day), day).toBe(true);
    for (const day of ['2025-02-29', '1900-02-29', '2025-02-30', '2025-04-31', '2025-13-01', '2025-00-10', '2025-1-01', '2025-01-01 ', '20250101', 'junk', '', null]) {
      expect(await check(day), String(day)).toBe(false);
    }
  });

  it('utcTimestamp: ISO-8601 texts in UTC or with an offset, normalised; anything else NULL', async () => {
    const normalised = (input: string | null) => value(db.dialect.utcTimestamp, input);
    expect(await normalised('2025-07-16T13:45:07Z')).toBe('2025-07-16 13:45:07.000');
    expect(await normalised('2025-07-16 13:45:07')).toBe('2025-07-16 13:45:07.000');
    expect(await normalised('2025-07-16T13:45:07+00:00')).toBe('2025-07-16 13:45:07.000');
    expect(await normalised('2025-07-16T13:45:07-00:00')).toBe('2025-07-16 13:45:07.000');
    expect(await normalised('2024-02-29T23:59:59Z')).toBe('2024-02-29 23:59:59.000');
    expect(await normalised('2025-07-16T13:45:07.5Z')).toBe('2025-07-16 13:45:07.500');
    expect(await normalised('2025-07-16T01:30:00+02:00')).toBe('2025-07-15 23:30:00.000');
    expect(await normalised('2025-12-31T23:30:00-01:00')).toBe('2026-01-01 00:30:00.000');
    // What SQLite's date functions accept around the zone, and nothing more.
    expect(await normalised('2025-07-16T13:45:07z')).toBe('2025-07-16 13:45:07.000');
    expect(await normalised('2025-07-16T13:45:07 +02:00')).toBe('2025-07-16 11:45:07.000');
    expect(await normalised('2025-07-16T13:45:07  -01:30')).toBe('2025-07-16 15:15:07.000');
    expect(await normalised('2025-07-16T13:45:07 Z ')).toBe('2025-07-16 13:45:07.000');
    expect(await normalised('2025-07-16T13:45:07 ')).toBe('2025-07-16 13:45:07.000');
    const invalid = ['2025-02-30T00:00:00Z', '2025-02-29T00:00:00Z', '2025-07-16T24:00:00Z', '2025-07-16T13:60:00Z', '2025-07-16', '2460000.5', 'junk', '', null];
    for (const zone of ['+0200', '+02', '+2:00', 'Zjunk', '.', '.Z']) invalid.push(`2025-07-16T13:45:07${zone}`);
    for (const text of invalid) expect(await normalised(text), String(text)).toBeNull();
  });

  it('trim: spaces, tabs, line breaks and the no-break space (M4), inner ones kept', async () => {
    expect(await value(db.dialect.trim, '\u00a0\t Summer  sale \r\n')).toBe('Summer  sale');
    expect(await value(db.dialect.trim, ' \u00a0 ')).toBe('');
  });

  it('upperAscii / lowerAscii: ASCII letters only, whatever the collation (no ü → Ü, no İ → i̇)', async () => {
    expect(await value(db.dialect.upperAscii, 'us-ca ü ß é')).toBe('US-CA ü ß é');
    expect(await value(db.dialect.lowerAscii, 'DE-BY Ü İ É')).toBe('de-by Ü İ É');
    expect(await value(db.dialect.upperAscii, null)).toBeNull();
  });

  it('sortedList: non-NULL values as a JSON array in code-point order; [] when there are none', async () => {
    const list = async (values: (string | null)[]) =>
      JSON.parse((await db.get<{ v: string }>(`SELECT ${db.dialect.sortedList('v')} AS v FROM (${rows(values)}) AS r`))!.v);
    expect(await list(['b', 'a', null, 'B', '_', 'é'])).toEqual(['B', '_', 'a', 'b', 'é']);
    expect(await list([null])).toEqual([]);
  });

  it('total: a double sum of the non-NULL values, 0 when there are none', async () => {
    const total = async (select: string) => Number((await db.get<{ v: unknown }>(`SELECT ${db.dialect.total('x')} AS v FROM (${select}) AS r`))!.v);
    expect(await total('SELECT 1.5 AS x UNION ALL SELECT NULL UNION ALL SELECT 2')).toBe(3.5);
    expect(await total('SELECT 1 AS x WHERE 1 = 0')).toBe(0);
  });

  it('inList / listParam: a column among the strings of one parameter, whatever their number', async () => {
    const among = async (ids: string[]) =>
      (await db.all<{ v: string }>(`SELECT v FROM (${rows(['a', 'b', 'c', "o'k"])}) AS r WHERE ${db.dialect.inList('v')} ORDER BY v`, [
        db.dialect.listParam(ids),
      ])).map((row) => row.v);
    expect(await among(['c', 'a', 'x'])).toEqual(['a', 'c']);
    expect(await among(["o'k"])).toEqual(["o'k"]);
    expect(await among([])).toEqual([]);
  });

  it('listElements / listLength: the strings of a JSON array column, and their number', async () => {
    const elements = await db.all<{ value: string }>(
      `SELECT users.value AS value FROM (${rows(['["u1","u2"]'])}) AS lists, ${db.dialect.listElements('lists.v', 'users')} ORDER BY users.value`,
    );
    expect(elements.map((row) => row.value)).toEqual(['u1', 'u2']);
    expect(Number(await value((text) => db.dialect.listLength(text), '["u1","u2","u3"]'))).toBe(3);
    expect(Number(await value((text) => db.dialect.listLength(text), '[]'))).toBe(0);
  });

  it('byCodePoint orders text by code point whatever the database collation (M4)', async () => {
    const ordered = await db.all<{ v: string }>(`SELECT v FROM (${rows(['a', 'B', '_', 'b', 'A'])}) AS r ORDER BY ${db.dialect.byCodePoint('v')}`);
    expect(ordered.map((row) => row.v)).toEqual(['A', 'B', '_', 'a', 'b']);
  });

  it('least, greatest and toDouble (formulas.ts compiled to SQL)', async () => {
    const { least, greatest, toDouble } = db.dialect;
    const row = await db.get<Record<string, unknown>>(`SELECT ${least('3', '5')} AS low, ${greatest('3', '5')} AS high, ${toDouble('1')} / 2 AS half`);
    expect({ low: Number(row!.low), high: Number(row!.high), half: Number(row!.half) }).toEqual({ low: 3, high: 5, half: 0.5 });
  });

  it('computeOnce and keyedTableOptions are valid where the steps put them', async () => {
    const { computeOnce, keyedTableOptions } = db.dialect;
    await db.exec(`CREATE TEMP TABLE keyed (k TEXT PRIMARY KEY, n INTEGER) ${keyedTableOptions}`);
    await db.run(`INSERT INTO keyed SELECT v, 1 FROM (SELECT v FROM (${rows(['x', 'y'])}) AS r ${computeOnce}) AS once`);
    expect(Number((await db.get<{ n: unknown }>('SELECT count(*) AS n FROM keyed'))!.n)).toBe(2);
  });
});
