import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { metricColumns, userListColumns } from './metric-columns.ts';

export const ENTITY_LEVELS = ['campaign', 'adset', 'ad'] as const;
export type EntityLevel = (typeof ENTITY_LEVELS)[number];

export const BREAKDOWN_DIMENSIONS = ['country', 'region', 'device'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/**
 * One row per (level, entity, day) that has any data (M27). The primary key order serves the API's
 * access paths: many entities of one level over a range of days, and one entity's last N days.
 * The user lists live in `daily_user_lists`, so that range sums read narrow rows.
 */
export const dailyMetrics = sqliteTable(
  'daily_metrics',
  {
    level: text('level', { enum: ENTITY_LEVELS }).notNull(),
    entityId: text('entity_id').notNull(),
    date: text('date').notNull(),
    ...metricColumns(),
  },
  (t) => [primaryKey({ columns: [t.level, t.entityId, t.date] })],
);

/**
 * The user lists (M9–M15) of the `daily_metrics` rows that have at least one listed user; a row
 * without one here has six empty lists.
 */
export const dailyUserLists = sqliteTable(
  'daily_user_lists',
  {
    level: text('level', { enum: ENTITY_LEVELS }).notNull(),
    entityId: text('entity_id').notNull(),
    date: text('date').notNull(),
    ...userListColumns(),
  },
  (t) => [primaryKey({ columns: [t.level, t.entityId, t.date] })],
);

/**
 * One row per (level, entity, dimension, day, canonical value) (M28). Keyed so that one entity's
 * breakdown by one dimension over a range is one index range, and so that the pipeline, which
 * computes one level and dimension at a time, appends each batch of rows as one key range.
 */
export const dailyMetricsBreakdown = sqliteTable(
  'daily_metrics_breakdown',
  {
    level: text('level', { enum: ENTITY_LEVELS }).notNull(),
    entityId: text('entity_id').notNull(),
    dimension: text('dimension', { enum: BREAKDOWN_DIMENSIONS }).notNull(),
    date: text('date').notNull(),
    value: text('value').notNull(),
    ...metricColumns(),
  },
  (t) => [primaryKey({ columns: [t.level, t.dimension, t.entityId, t.date, t.value] })],
);

/** The user lists of the `daily_metrics_breakdown` rows that have at least one listed user (as `daily_user_lists`). */
export const breakdownUserLists = sqliteTable(
  'breakdown_user_lists',
  {
    level: text('level', { enum: ENTITY_LEVELS }).notNull(),
    entityId: text('entity_id').notNull(),
    dimension: text('dimension', { enum: BREAKDOWN_DIMENSIONS }).notNull(),
    date: text('date').notNull(),
    value: text('value').notNull(),
    ...userListColumns(),
  },
  (t) => [primaryKey({ columns: [t.level, t.dimension, t.entityId, t.date, t.value] })],
);
