/** The app database: every table Drizzle defines (drizzle-kit reads this file). */
export * from './tables/daily-metrics.ts';
export * from './tables/names.ts';
export * from './tables/hierarchy.ts';
export * from './tables/pipeline-runs.ts';
export * from './tables/api-keys.ts';
export * from './tables/alert-states.ts';
