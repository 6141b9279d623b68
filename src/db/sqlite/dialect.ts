/** The SQLite side of src/db/dialect.ts. */
import type { Dialect } from '../dialect.ts';

/** Characters trimmed from names and values ("leading and trailing whitespace", M4). */
const WHITESPACE = 'char(32, 9, 10, 11, 12, 13, 160)';

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  inList: (column) => `${column} IN (SELECT value FROM json_each(?))`,
  listParam: (ids) => JSON.stringify(ids),
  listElements: (column, alias) => `json_each(${column}) AS ${alias}`,
  listLength: (column) => `json_array_length(${column})`,
  sortedList: (expr) => `coalesce(json_group_array(${expr} ORDER BY ${expr}) FILTER (WHERE ${expr} IS NOT NULL), '[]')`,
  total: (expr) => `total(${expr})`,
  // BINARY, SQLite's default collation, is code-point order for UTF-8 text.
  byCodePoint: (expr) => expr,
  least: (a, b) => `min(${a}, ${b})`,
  greatest: (a, b) => `max(${a}, ${b})`,
  toDouble: (expr) => `CAST(${expr} AS REAL)`,
  doubleType: 'REAL',
  upperAscii: (expr) => `upper(${expr})`,
  lowerAscii: (expr) => `lower(${expr})`,
  trim: (expr) => `trim(${expr}, ${WHITESPACE})`,
  // date() would roll 02-30 over to 03-02: the round trip rejects it.
  isCalendarDate: (expr) =>
    `(${expr} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND coalesce(date(${expr}) = ${expr}, 0))`,
  // The pattern and the calendar check reject what SQLite's date functions would accept or roll over
  // (julian numbers, 02-30, trailing junk); `datetime(…, 'subsec')` then applies any offset (it
  // formats like strftime's `%f` at a fraction of the cost).
  utcTimestamp: (expr) =>
    `(CASE WHEN ${expr} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][T ][0-2][0-9]:[0-5][0-9]:[0-5][0-9]*'` +
    ` AND substr(${expr}, 12, 2) < '24' AND date(substr(${expr}, 1, 10)) = substr(${expr}, 1, 10)` +
    ` THEN datetime(${expr}, 'subsec') END)`,
  // Column affinity has already made numbers of numeric text ('12'); what is left is not a number.
  isNumber: (expr) => `typeof(${expr}) IN ('integer', 'real')`,
  // SQLite has no NaN (it stores NULL) and reads an overflowing literal as infinity.
  infinity: '9e999',
  // A LIMIT keeps SQLite from flattening the subquery into the outer query.
  computeOnce: 'LIMIT -1',
  keyedTableOptions: 'WITHOUT ROWID',
};
