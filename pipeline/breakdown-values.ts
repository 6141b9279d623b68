/**
 * Canonical breakdown values (source-data.md "Breakdown value mapping"): both Meta and Mixpanel
 * spellings map to one value per dimension, through the optional mapping table or the defaults.
 */
import type { Dialect } from '../src/db/dialect.ts';
import type { BreakdownDimension } from '../src/db/tables/daily-metrics.ts';
import type { RunSpace } from './run-space.ts';
import { literal } from './sql.ts';

export const UNKNOWN_VALUE = 'UNKNOWN';
type ValueSource = 'meta' | 'mixpanel';

/** The mapping table keyed as it is compared: ASCII letters case-insensitively, after trimming (in scratch: both connections use it). */
export async function createValueMappingTable(run: RunSpace): Promise<void> {
  const { trim, lowerAscii, byCodePoint, keyedTableOptions } = run.db.dialect;
  const key = (column: string) => lowerAscii(trim(column));
  // Of rows whose keys collide, the first in code-point order wins.
  await run.db.exec(`CREATE TABLE ${run.scratchTable('value_mapping')} (
      dimension TEXT NOT NULL, source TEXT NOT NULL, source_key TEXT NOT NULL, value TEXT NOT NULL,
      PRIMARY KEY (dimension, source, source_key)) ${keyedTableOptions};
    INSERT INTO value_mapping
      SELECT ${key('dimension')}, ${key('source')}, ${key('source_value')}, value
      FROM breakdown_value_mapping WHERE value IS NOT NULL AND source_value IS NOT NULL
      ORDER BY ${['dimension', 'source', 'source_value'].map(byCodePoint).join(', ')}
      ON CONFLICT DO NOTHING;`);
}

/** Meta impression_device → store, when the mapping table has no row for it. */
const META_DEVICE_DEFAULT = (key: string) => `CASE ${key}
    WHEN 'iphone' THEN 'APP_STORE' WHEN 'ipad' THEN 'APP_STORE' WHEN 'ipod' THEN 'APP_STORE'
    WHEN 'android_smartphone' THEN 'PLAY_STORE' WHEN 'android_tablet' THEN 'PLAY_STORE'
    WHEN 'desktop' THEN 'STRIPE' ELSE '${UNKNOWN_VALUE}' END`;

function defaultValue(dialect: Dialect, dimension: BreakdownDimension, source: ValueSource, expr: string): string {
  const trimmed = dialect.trim(expr);
  switch (dimension) {
    case 'country':
      return dialect.upperAscii(trimmed);
    case 'region':
      return trimmed;
    case 'device':
      return source === 'meta' ? META_DEVICE_DEFAULT(dialect.lowerAscii(trimmed)) : dialect.upperAscii(trimmed);
  }
}

/** How a query finds the canonical value of a raw column: the join to add to its FROM, and the value over it. */
export interface CanonicalValue {
  /** `LEFT JOIN value_mapping <alias> ON …`: at most one row (the table's key), none when the value is unmapped. */
  join: string;
  value: string;
}

/**
 * The canonical value of a raw `expr` seen in `source`. A join rather than a subquery per row:
 * PostgreSQL hashes the small mapping table once instead of probing it for every row.
 */
export function canonicalValue(dialect: Dialect, dimension: BreakdownDimension, source: ValueSource, expr: string, alias: string): CanonicalValue {
  return {
    join: `LEFT JOIN value_mapping ${alias} ON ${alias}.dimension = ${literal(dimension)} AND ${alias}.source = ${literal(source)}
             AND ${alias}.source_key = ${dialect.lowerAscii(dialect.trim(expr))}`,
    value: `(CASE WHEN ${dialect.trim(`coalesce(${expr}, '')`)} = '' THEN '${UNKNOWN_VALUE}'
             ELSE coalesce(${alias}.value, ${defaultValue(dialect, dimension, source, expr)}) END)`,
  };
}
