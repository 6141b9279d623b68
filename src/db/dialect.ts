/**
 * The SQL expressions that differ between the backends, as functions returning SQL fragments. Every
 * other piece of SQL is one text for both; a query takes its dialect from the handle it runs on
 * (`db.dialect`). The SQLite side is src/db/sqlite/dialect.ts, the PostgreSQL side
 * src/db/postgres/dialect.ts.
 */
import type { SqlFunctions } from '../metrics/formulas.ts';

export interface Dialect extends SqlFunctions {
  readonly name: 'sqlite' | 'postgres';

  /** `column` is one of the strings of the one list parameter `listParam(ids)` stands for. */
  inList(column: string): string;
  /** The value of the parameter `inList` reads (so a statement's text does not vary with the list). */
  listParam(ids: readonly string[]): unknown;
  /** A FROM item expanding the JSON array text `column` into rows `alias.value` (text). */
  listElements(column: string, alias: string): string;
  /** Number of elements of the JSON array text `column`. */
  listLength(column: string): string;
  /**
   * Aggregate: the non-NULL values of `expr` as a JSON array text, sorted in code-point order
   * (M15); '[]' when there are none. Compare such texts parsed: spacing may differ by backend.
   */
  sortedList(expr: string): string;
  /** Aggregate: sum of `expr` as a double, 0 when there are no non-NULL values. */
  total(expr: string): string;
  /** `expr` (text) ordered and compared in code-point order whatever the database's collation (M4). */
  byCodePoint(expr: string): string;
  /** Scalar minimum / maximum of two non-NULL values, and a number as a double (for formulas.ts). */
  least(a: string, b: string): string;
  greatest(a: string, b: string): string;
  toDouble(expr: string): string;
  /** Column type of a double in CREATE TABLE (PostgreSQL's `real` has only 4 bytes). */
  readonly doubleType: string;

  /**
   * `expr` with its ASCII letters upper-cased / lower-cased and every other character as it is, as
   * SQLite's upper() and lower() do: the same text on every database, whatever its collation (a
   * language's rules would also change 'ü' or 'İ'). Breakdown values and their mapping (M28).
   */
  upperAscii(expr: string): string;
  lowerAscii(expr: string): string;
  /** `expr` without leading and trailing whitespace (space, tab, line breaks, no-break space: M4). */
  trim(expr: string): string;
  /** True when the text `expr` is a `YYYY-MM-DD` calendar day (no rolled-over dates); never an error. */
  isCalendarDate(expr: string): string;
  /**
   * A source-data.md timestamp normalised to UTC text `YYYY-MM-DD HH:MM:SS.SSS` (sortable), or NULL
   * when it is not one; never an error.
   */
  utcTimestamp(expr: string): string;

  /**
   * True when the non-NULL value `expr` is a number (M31): not text or a blob in an SQLite column,
   * not NaN in a PostgreSQL double (whose typed columns hold nothing else).
   */
  isNumber(expr: string): string;
  /** The positive infinity of a double, as a literal (M31: money is finite). */
  readonly infinity: string;

  /** Appended to a subquery so that its columns are computed once per row, not at every use. */
  readonly computeOnce: string;
  /** Appended to CREATE TABLE of a table with a primary key that is read by key only. */
  readonly keyedTableOptions: string;
}
