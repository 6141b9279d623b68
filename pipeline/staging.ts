/**
 * The tables a run publishes. Every step writes into stage copies of them (RunSpace.stageTable);
 * the run then publishes all of them at once (RunSpace.publish), so readers see either the previous
 * complete run or the new one. A failed or killed run changes nothing that is served.
 */
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import { breakdownUserLists, dailyMetrics, dailyMetricsBreakdown, dailyUserLists } from '../src/db/tables/daily-metrics.ts';
import { adsetCampaignMapping, idHierarchyMapping } from '../src/db/tables/hierarchy.ts';
import { idNameHistory, idNameMapping } from '../src/db/tables/names.ts';

export const PUBLISHED_TABLES = [
  idNameMapping,
  idNameHistory,
  idHierarchyMapping,
  adsetCampaignMapping,
  breakdownUserLists,
  dailyMetrics,
  dailyMetricsBreakdown,
  dailyUserLists,
].map((table) => getTableConfig(table).name);

/** Why a held run (metrics.md M33) can no longer be published. */
export const heldTablesGone = (runId: number) =>
  `the tables of held run ${runId} are no longer kept (a later run was held or published): run the pipeline again, with --accept-changes to publish what it finds`;
