import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Alert conditions currently raised (api.md "Operations", Alerts): one row per condition while it
 * holds, so every replica sends one alert per condition and one "resolved" when it clears.
 */
export const alertStates = sqliteTable('alert_states', {
  /** e.g. `run-failed`, `stale:meta`, `quality`. */
  condition: text('condition').primaryKey(),
  raisedAt: text('raised_at').notNull(),
  /** JSON: the alert's details as sent. */
  details: text('details').notNull().default('{}'),
});
