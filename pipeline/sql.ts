/** SQL fragments shared by the pipeline steps. */

/** Characters trimmed from names and values ("leading and trailing whitespace", M4). */
const WHITESPACE = "char(32, 9, 10, 11, 12, 13, 160)";

export const trimmed = (expr: string) => `trim(${expr}, ${WHITESPACE})`;

/** An id column as the rules see it: NULL or blank means "no id" (M8). */
export const entityId = (expr: string) => `NULLIF(${trimmed(expr)}, '')`;

/** A `YYYY-MM-DD` text that is a real calendar day (SQLite would roll 02-30 over to 03-02). */
export const isCalendarDate = (expr: string) =>
  `(${expr} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(${expr}) = ${expr})`;

/**
 * A timestamp of source-data.md normalised to UTC text `YYYY-MM-DD HH:MM:SS.SSS` (sortable),
 * or NULL when it is not one (julian numbers, rolled-over dates and trailing junk included).
 */
export const utcTimestamp = (expr: string) =>
  `(CASE WHEN ${expr} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][T ][0-9][0-9]:[0-9][0-9]:[0-9][0-9]*'` +
  ` AND date(substr(${expr}, 1, 10)) = substr(${expr}, 1, 10)` +
  ` THEN strftime('%Y-%m-%d %H:%M:%f', ${expr}) END)`;

/** A SQL string literal. */
export const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
