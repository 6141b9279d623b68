/**
 * The PostgreSQL (≥ 15) side of src/db/dialect.ts. Casts raise errors instead of returning NULL, so
 * every cast of source text sits behind a CASE that has checked its shape first (CASE evaluates its
 * branches in order; AND does not promise to).
 */
import type { Dialect } from '../dialect.ts';

/** Space, tab, line feed, vertical tab, form feed, carriage return, no-break space (M4). */
const WHITESPACE = "(chr(32) || chr(9) || chr(10) || chr(11) || chr(12) || chr(13) || chr(160))";

/** True when `day`, text already shaped `YYYY-MM-DD`, names a real day (make_date would raise on 02-30). */
const realDay = (day: string) =>
  // Days 01–28 of months 01–12 (most days) need no calendar arithmetic.
  `(CASE WHEN substr(${day}, 6, 2) COLLATE "C" BETWEEN '01' AND '12' AND substr(${day}, 9, 2) COLLATE "C" BETWEEN '01' AND '28'
     THEN substr(${day}, 1, 4) <> '0000'
     WHEN substr(${day}, 6, 2)::int BETWEEN 1 AND 12 AND substr(${day}, 1, 4)::int >= 1
     THEN substr(${day}, 9, 2)::int BETWEEN 1 AND
          extract(day FROM make_date(substr(${day}, 1, 4)::int, substr(${day}, 6, 2)::int, 1) + interval '1 month - 1 day')::int
     ELSE false END)`;

/** Zone suffixes that mean UTC, which need no conversion (most exports write one of them or none). */
const UTC_SUFFIXES = ['', 'Z', 'z', '+00:00', '-00:00'];

export const postgresDialect: Dialect = {
  name: 'postgres',
  inList: (column) => `${column} = ANY(?::text[])`,
  // node-postgres sends a JavaScript array as a PostgreSQL array.
  listParam: (ids) => [...ids],
  listElements: (column, alias) => `jsonb_array_elements_text(${column}::jsonb) AS ${alias}(value)`,
  listLength: (column) => `json_array_length(${column}::json)`,
  sortedList: (expr) =>
    `coalesce((json_agg(${expr} ORDER BY ${expr} COLLATE "C") FILTER (WHERE ${expr} IS NOT NULL))::text, '[]')`,
  total: (expr) => `coalesce(sum(${expr}), 0)::float8`,
  byCodePoint: (expr) => `(${expr}) COLLATE "C"`,
  least: (a, b) => `LEAST(${a}, ${b})`,
  greatest: (a, b) => `GREATEST(${a}, ${b})`,
  toDouble: (expr) => `CAST(${expr} AS double precision)`,
  doubleType: 'double precision',
  // Under the "C" collation upper() and lower() change ASCII letters only.
  upperAscii: (expr) => `upper((${expr}) COLLATE "C")`,
  lowerAscii: (expr) => `lower((${expr}) COLLATE "C")`,
  trim: (expr) => `btrim(${expr}, ${WHITESPACE})`,
  isCalendarDate: (expr) => `(CASE WHEN ${expr} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN ${realDay(expr)} ELSE false END)`,
  // The shapes SQLite's date functions accept (whitespace around an optional Z or ±HH:MM zone);
  // text without a zone means UTC (source-data.md), whatever the session's time zone.
  utcTimestamp: (expr) => {
    const trimmed = `regexp_replace(${expr}, '\\s+$', '')`;
    return (
      `(CASE WHEN ${expr} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-2][0-9]:[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?\\s*([Zz]|[+-][0-9]{2}:[0-9]{2})?\\s*$'` +
      ` AND substr(${expr}, 12, 2) COLLATE "C" < '24' THEN CASE WHEN NOT ${realDay(`substr(${expr}, 1, 10)`)} THEN NULL` +
      // Already UTC to the second: the text itself, without parsing and formatting a timestamp.
      ` WHEN substr(${expr}, 20) IN (${UTC_SUFFIXES.map((suffix) => `'${suffix}'`).join(', ')})` +
      ` THEN substr(${expr}, 1, 10) || ' ' || substr(${expr}, 12, 8) || '.000'` +
      ` ELSE to_char((CASE WHEN ${trimmed} ~ '([Zz]|[+-][0-9]{2}:[0-9]{2})$' THEN ${trimmed} ELSE ${trimmed} || 'Z' END)::timestamptz` +
      ` AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') END END)`
    );
  },
  // PostgreSQL's NaN equals itself (unlike IEEE's).
  isNumber: (expr) => `${expr} <> 'NaN'::float8`,
  infinity: "'Infinity'::float8",
  computeOnce: 'OFFSET 0',
  keyedTableOptions: '',
};
