/** Read queries over `id_name_mapping` and `id_name_history` for the API (M4). */
import type { EntityLevel } from './daily-metrics.ts';
import type { SqlReader } from '../database.ts';
import { groupBy } from './read-handle.ts';

export interface CanonicalName {
  entityId: string;
  /** NULL when the id carries no name anywhere. */
  name: string | null;
  frequency: number | null;
  lastSeen: string | null;
}

/** The canonical-name rows of the given ids; ids that are not known entities are absent. */
export async function canonicalNamesByEntity(db: SqlReader, level: EntityLevel, ids: string[]): Promise<Map<string, CanonicalName>> {
  const rows = await db.all<CanonicalName>(
    `SELECT entity_id AS "entityId", name, frequency, last_seen AS "lastSeen" FROM id_name_mapping
     WHERE level = ? AND ${db.dialect.inList('entity_id')}`,
    [level, db.dialect.listParam(ids)],
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
export async function nameHistoryByEntity(db: SqlReader, level: EntityLevel, ids: string[]): Promise<Map<string, NameObservation[]>> {
  const rows = await db.all<NameObservation>(
    `SELECT entity_id AS "entityId", name, frequency, first_seen AS "firstSeen", last_seen AS "lastSeen" FROM id_name_history
     WHERE level = ? AND ${db.dialect.inList('entity_id')} ORDER BY entity_id, frequency DESC, last_seen DESC, ${db.dialect.byCodePoint('name')}`,
    [level, db.dialect.listParam(ids)],
  );
  return groupBy(rows, (row) => row.entityId);
}

/** Number of known entities per level. */
export async function entityCounts(db: SqlReader): Promise<Record<EntityLevel, number>> {
  const rows = await db.all<{ level: EntityLevel; count: number }>(
    `SELECT level, COUNT(*) AS count FROM id_name_mapping GROUP BY level`,
  );
  const counts: Record<EntityLevel, number> = { campaign: 0, adset: 0, ad: 0 };
  for (const row of rows) counts[row.level] = Number(row.count);
  return counts;
}
