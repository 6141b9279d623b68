/**
 * Canonical breakdown values (source-data.md "Breakdown value mapping"): both Meta and Mixpanel
 * spellings map to one value per dimension, through the optional mapping table or the defaults.
 */
import type Database from 'better-sqlite3';
import type { BreakdownDimension } from '../src/db/schema.ts';
import { scratchTable } from './scratch.ts';
import { literal, trimmed } from './sql.ts';

export const UNKNOWN_VALUE = 'UNKNOWN';
type ValueSource = 'meta' | 'mixpanel';

/** The mapping table keyed as it is compared: case-insensitively, after trimming (in scratch: both connections use it). */
export function createValueMappingTable(db: Database.Database): void {
  db.exec(`CREATE TABLE ${scratchTable('value_mapping')} (
      dimension TEXT NOT NULL, source TEXT NOT NULL, source_key TEXT NOT NULL, value TEXT NOT NULL,
      PRIMARY KEY (dimension, source, source_key)) WITHOUT ROWID;
    INSERT OR IGNORE INTO value_mapping
      SELECT lower(${trimmed('dimension')}), lower(${trimmed('source')}), lower(${trimmed('source_value')}), value
      FROM breakdown_value_mapping WHERE value IS NOT NULL AND source_value IS NOT NULL
      ORDER BY dimension, source, source_value;`);
}

/** Meta impression_device → store, when the mapping table has no row for it. */
const META_DEVICE_DEFAULT = (key: string) => `CASE ${key}
    WHEN 'iphone' THEN 'APP_STORE' WHEN 'ipad' THEN 'APP_STORE' WHEN 'ipod' THEN 'APP_STORE'
    WHEN 'android_smartphone' THEN 'PLAY_STORE' WHEN 'android_tablet' THEN 'PLAY_STORE'
    WHEN 'desktop' THEN 'STRIPE' ELSE '${UNKNOWN_VALUE}' END`;

function defaultValue(dimension: BreakdownDimension, source: ValueSource, expr: string): string {
  switch (dimension) {
    case 'country':
      return `upper(${trimmed(expr)})`;
    case 'region':
      return trimmed(expr);
    case 'device':
      return source === 'meta' ? META_DEVICE_DEFAULT(`lower(${trimmed(expr)})`) : `upper(${trimmed(expr)})`;
  }
}

/** SQL expression giving the canonical value of a raw `expr` seen in `source`. */
export function canonicalValue(dimension: BreakdownDimension, source: ValueSource, expr: string): string {
  return `(CASE WHEN ${trimmed(`coalesce(${expr}, '')`)} = '' THEN '${UNKNOWN_VALUE}' ELSE coalesce(
      (SELECT m.value FROM value_mapping m WHERE m.dimension = ${literal(dimension)} AND m.source = ${literal(source)}
        AND m.source_key = lower(${trimmed(expr)})),
      ${defaultValue(dimension, source, expr)}) END)`;
}
