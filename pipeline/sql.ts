/** SQL fragments shared by the pipeline steps. */

/** Characters trimmed from names and values ("leading and trailing whitespace", M4). */
const WHITESPACE = "char(32, 9, 10, 11, 12, 13, 160)";

export const trimmed = (expr: string) => `trim(${expr}, ${WHITESPACE})`;

/** An id column as the rules see it: NULL or blank means "no id" (M8). */
export const entityId = (expr: string) => `NULLIF(${trimmed(expr)}, '')`;

/** A `YYYY-MM-DD` text that is a real calendar day (SQLite would roll 02-30 over to 03-02). */
export const isCalendarDate = (expr: string) =>
  `(${expr} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND coalesce(date(${expr}) = ${expr}, 0))`;

/**
 * A timestamp of source-data.md normalised to UTC text `YYYY-MM-DD HH:MM:SS.SSS` (sortable),
 * or NULL when it is not one (julian numbers, rolled-over dates and trailing junk included).
 * The pattern and the calendar check reject what SQLite's date functions would accept or roll
 * over; `datetime(…, 'subsec')` then applies any offset (it formats like strftime's `%f` at a
 * fraction of the cost).
 */
export const utcTimestamp = (expr: string) =>
  `(CASE WHEN ${expr} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][T ][0-2][0-9]:[0-5][0-9]:[0-5][0-9]*'` +
  ` AND substr(${expr}, 12, 2) < '24' AND date(substr(${expr}, 1, 10)) = substr(${expr}, 1, 10)` +
  ` THEN datetime(${expr}, 'subsec') END)`;

/** A SQL string literal. */
export const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
