/**
 * The DataLoaders of one request. Every key carries what its statement filters on besides the ids
 * (level, range, dimension, list), and each loader reads one group of keys with one statement.
 */
import { zeroMeasures, type MetricName } from '../metrics/formulas.ts';
import type { BreakdownDimension, EntityLevel } from '../db/tables/daily-metrics.ts';
import {
  breakdownByEntity,
  dailyMeasuresByEntity,
  dailyMetricByEntity,
  sumMeasuresByEntity,
  userIdsByEntity,
  userListKey,
  type DayRange,
  type UserListQuery,
} from '../db/tables/daily-metrics-reads.ts';
import { campaignOfAdsets, hierarchyLinks, treeMembers } from '../db/tables/hierarchy-reads.ts';
import { canonicalNamesByEntity, nameHistoryByEntity } from '../db/tables/names-reads.ts';
import type { SqlReader } from '../db/database.ts';
import { groupBy } from '../db/tables/read-handle.ts';
import { groupedLoader } from './grouped-loader.ts';

export interface EntityKey {
  level: EntityLevel;
  id: string;
}
export interface EntityRangeKey extends EntityKey {
  range: DayRange;
}
export interface DailyMetricKey extends EntityRangeKey {
  metric: MetricName;
}
export interface BreakdownKey extends EntityRangeKey {
  dimension: BreakdownDimension;
}
export interface TreeMembersKey extends EntityRangeKey {
  includeInactive: boolean;
}
/** One list of one entity, of every entity of the level (id null), or of one breakdown value. */
export interface UserIdsKey extends UserListQuery {
  id: string | null;
  breakdownValue?: string;
}

const rangeGroup = ({ level, range }: EntityRangeKey) => `${level}|${range.start}|${range.end}`;
const byId = ({ id }: { id: string }) => id;
const distinctIds = (keys: { id: string | null }[]) => [...new Set(keys.map(({ id }) => id ?? ''))];

export function createLoaders(db: SqlReader) {
  return {
    /** Range totals of base measures per entity (zero when it has no row in the range). */
    measures: groupedLoader({
      groupOf: rangeGroup,
      itemOf: byId,
      loadGroup: (keys: [EntityRangeKey, ...EntityRangeKey[]]) =>
        sumMeasuresByEntity(db, keys[0].level, keys[0].range, distinctIds(keys)),
      missing: zeroMeasures,
    }),
    /** Stored daily rows per entity in the range, day → base measures (`daily`). */
    dailyMeasures: groupedLoader({
      groupOf: rangeGroup,
      itemOf: byId,
      loadGroup: (keys: [EntityRangeKey, ...EntityRangeKey[]]) =>
        dailyMeasuresByEntity(db, keys[0].level, keys[0].range, distinctIds(keys)),
      missing: () => new Map(),
    }),
    /** One metric per stored day of each entity in the range, day → value (sparklines). */
    dailyMetric: groupedLoader({
      groupOf: (key: DailyMetricKey) => `${rangeGroup(key)}|${key.metric}`,
      itemOf: byId,
      loadGroup: (keys) => dailyMetricByEntity(db, keys[0].level, keys[0].metric, keys[0].range, distinctIds(keys)),
      missing: () => new Map(),
    }),
    breakdown: groupedLoader({
      groupOf: (key: BreakdownKey) => `${rangeGroup(key)}|${key.dimension}`,
      itemOf: byId,
      loadGroup: (keys) => breakdownByEntity(db, keys[0].level, keys[0].dimension, keys[0].range, distinctIds(keys)),
      missing: () => [],
    }),
    /** One user list's union over the range, sorted and distinct (M15). Loaded only when asked for. */
    userIds: groupedLoader({
      groupOf: (key: UserIdsKey) =>
        [key.level, key.range.start, key.range.end, key.list, key.dimension, key.id === null].join('|'),
      itemOf: (key) => userListKey(key.id, key.breakdownValue),
      loadGroup: (keys) => userIdsByEntity(db, keys[0], keys[0].id === null ? null : distinctIds(keys)),
      missing: () => [],
    }),
    /** The canonical name row of a known entity, or null for an unknown id. */
    names: groupedLoader({
      groupOf: ({ level }: EntityKey) => level,
      itemOf: byId,
      loadGroup: (keys) => canonicalNamesByEntity(db, keys[0].level, distinctIds(keys)),
      missing: () => null,
    }),
    nameHistory: groupedLoader({
      groupOf: ({ level }: EntityKey) => level,
      itemOf: byId,
      loadGroup: (keys) => nameHistoryByEntity(db, keys[0].level, distinctIds(keys)),
      missing: () => [],
    }),
    /**
     * Tree members (M30) of `level` under the parent `id` (active ones unless `includeInactive`);
     * top-level campaigns are the members of level 'campaign' under the parent ''.
     */
    treeMembers: groupedLoader({
      groupOf: (key: TreeMembersKey) => `${rangeGroup(key)}|${key.includeInactive}`,
      itemOf: byId,
      loadGroup: async (keys) => {
        const { level, range, includeInactive } = keys[0];
        const parentIds = level === 'campaign' ? null : distinctIds(keys);
        return groupBy(await treeMembers(db, level, range, parentIds, includeInactive), (member) => member.parentId ?? '');
      },
      missing: () => [],
    }),
    adsetCampaign: groupedLoader({
      groupOf: () => '',
      itemOf: (adsetId: string) => adsetId,
      loadGroup: (adsetIds) => campaignOfAdsets(db, [...new Set(adsetIds)]),
      missing: () => null,
    }),
    adLink: groupedLoader({
      groupOf: () => '',
      itemOf: (adId: string) => adId,
      loadGroup: async (adIds) => new Map((await hierarchyLinks(db, [...new Set(adIds)])).map((link) => [link.adId, link])),
      missing: () => null,
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
