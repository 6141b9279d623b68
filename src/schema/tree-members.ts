/** Listing the children of a tree node (M30) and the top-level campaigns, ordered by a metric. */
import type { ApiContext } from '../context.ts';
import type { EntityLevel } from '../db/tables/daily-metrics.ts';
import type { Periods } from './date.ts';
import type { TreeMember } from '../db/tables/hierarchy-reads.ts';
import { metricValue } from '../metrics/formulas.ts';
import { displayName, type EntityShape } from './entity.ts';
import type { MetricField } from './metrics.ts';

/** Ids compare in code-point order (M4), as SQLite's BINARY collation does; UTF-16 order differs above U+FFFF. */
const compareIds = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

export interface MemberListing {
  includeInactive: boolean;
  orderBy: MetricField;
  descending: boolean;
  /** Case-insensitive substring of the display name or the id. */
  search?: string | null;
}

/**
 * The members of `level` under `parentId` ('' for the top-level campaigns): by default only those
 * with a daily row in the range (M30), whatever `compareTo`. Ordered by the metric's range value, NULLs last whatever the
 * direction, ties by id. Their totals and names are handed to the loaders, so listing them costs no
 * further statement.
 */
export async function listMembers(
  ctx: ApiContext,
  level: EntityLevel,
  parentId: string,
  periods: Periods,
  listing: MemberListing,
): Promise<EntityShape[]> {
  const { range, compareTo } = periods;
  const needle = listing.search?.toLowerCase();
  const { includeInactive } = listing;
  const members = (await ctx.loaders.treeMembers.load({ level, range, id: parentId, includeInactive })).filter(
    (member) =>
      !needle ||
      member.id.toLowerCase().includes(needle) ||
      displayName(level, member.id, member.name?.name).toLowerCase().includes(needle),
  );
  const value = new Map(members.map((member) => [member, metricValue(listing.orderBy, member.measures)]));
  const direction = listing.descending ? -1 : 1;
  const order = (a: TreeMember, b: TreeMember) => {
    const [x, y] = [value.get(a) ?? null, value.get(b) ?? null];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return (x - y) * direction;
    }
    return compareIds(a.id, b.id);
  };
  return members.sort(order).map((member) => {
    const entity: EntityShape = { level, id: member.id, range, compareTo };
    ctx.loaders.measures.prime(entity, member.measures);
    ctx.loaders.names.prime(entity, member.name);
    return entity;
  });
}

/** Arguments and ordering shared by `Campaign.adsets` and `Adset.ads`. */
export const includeInactiveArg = { defaultValue: false, description: 'Also list children without a daily row in the range.' };
export const CHILDREN_ORDER = 'Ordered by spend over the range (descending), ties by id.';

/** The children (M30) of `parent` at `level`, over the parent's range. */
export const listChildren = (ctx: ApiContext, level: EntityLevel, parent: EntityShape, includeInactive: boolean | null | undefined) =>
  listMembers(ctx, level, parent.id, parent, { includeInactive: includeInactive ?? false, orderBy: 'spend', descending: true });
