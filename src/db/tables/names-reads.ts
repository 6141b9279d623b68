/** Read queries over `id_name_mapping` and `id_name_history` for the API (M4). */
import type { EntityLevel } from './daily-metrics.ts';
import { groupBy, inJsonList, type SqlReader } from './read-handle.ts';

export interface CanonicalName {
  entityId: string;
  /** NULL when the id carries no name anywhere. */
  name: string | null;
  frequency: number | null;
  lastSeen: string | null;
}

/** The canonical-name rows of the given ids; ids that are not known entities are absent. */
export function canonicalNamesByEntity(db: SqlReader, level: EntityLevel, ids: string[]): Map<string, CanonicalName> {
  const rows = db.all<CanonicalName>(
    `SELECT entity_id AS entityId, name, frequency, last_seen AS lastSeen FROM id_name_mapping
     WHERE level = ? AND ${inJsonList('entity_id')}`,
    [level, JSON.stringify(ids)],
  );
  return new Map(rows.map((row) => [row.entityId, row]));
}

export interface NameObservation {
  entityId: string;
  name: string;
  frequency: number;
  firstSeen: string;
  lastSeen: string;
}

/** Every observed name of the given ids, most frequent first (ties: latest seen, then name). */
export function nameHistoryByEntity(db: SqlReader, level: EntityLevel, ids: string[]): Map<string, NameObservation[]> {
  const rows = db.all<NameObservation>(
    `SELECT entity_id AS entityId, name, frequency, first_seen AS firstSeen, last_seen AS lastSeen FROM id_name_history
     WHERE level = ? AND ${inJsonList('entity_id')} ORDER BY entity_id, frequency DESC, last_seen DESC, name`,
    [level, JSON.stringify(ids)],
  );
  return groupBy(rows, (row) => row.entityId);
}

/** Number of known entities per level. */
export function entityCounts(db: SqlReader): Record<EntityLevel, number> {
  const rows = db.all<{ level: EntityLevel; count: number }>(
    `SELECT level, COUNT(*) AS count FROM id_name_mapping GROUP BY level`,
  );
  const counts: Record<EntityLevel, number> = { campaign: 0, adset: 0, ad: 0 };
  for (const row of rows) counts[row.level] = row.count;
  return counts;
}
