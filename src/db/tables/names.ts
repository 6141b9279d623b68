import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ENTITY_LEVELS } from './daily-metrics.ts';

/**
 * Every known entity per level (Meta tables and M7 Mixpanel-only ids), with its canonical name (M4).
 * `name` is NULL for an id that carries no name anywhere.
 */
export const idNameMapping = sqliteTable(
  'id_name_mapping',
  {
    level: text('level', { enum: ENTITY_LEVELS }).notNull(),
    entityId: text('entity_id').notNull(),
    name: text('name'),
    frequency: integer('frequency'),
    lastSeen: text('last_seen'),
  },
  (t) => [primaryKey({ columns: [t.level, t.entityId] })],
);

/** Every observed (trimmed, non-empty) name of an entity with its row count and first/last day (M4). */
export const idNameHistory = sqliteTable(
  'id_name_history',
  {
    level: text('level', { enum: ENTITY_LEVELS }).notNull(),
    entityId: text('entity_id').notNull(),
    name: text('name').notNull(),
    frequency: integer('frequency').notNull(),
    firstSeen: text('first_seen').notNull(),
    lastSeen: text('last_seen').notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.entityId, t.name] })],
);
