import DataLoader from 'dataloader';
import { groupBy } from '../db/tables/read-handle.ts';

export interface GroupedLoaderSpec<Key, Value> {
  /** Keys with equal groups are read by one statement (e.g. one level and one range). */
  groupOf: (key: Key) => string;
  /** What distinguishes keys within a group (e.g. the entity id). */
  itemOf: (key: Key) => string;
  /** Reads a whole group (all its keys share the group's parameters) at once, keyed by `itemOf`. */
  loadGroup: (keys: [Key, ...Key[]]) => Promise<Map<string, Value>>;
  /** The value of an item the group's statement returned nothing for. */
  missing: (key: Key) => Value;
}

/**
 * A DataLoader that batches the keys of one tick into one statement per group, so the number of
 * statements of a request does not grow with the number of entities in it.
 */
export function groupedLoader<Key, Value>(spec: GroupedLoaderSpec<Key, Value>): DataLoader<Key, Value, string> {
  const cacheKey = (key: Key) => `${spec.groupOf(key)}\u0001${spec.itemOf(key)}`;
  return new DataLoader<Key, Value, string>(
    async (keys) => {
      const groups = [...groupBy(keys, spec.groupOf)];
      const loaded = await Promise.all(groups.map(([, groupKeys]) => spec.loadGroup(groupKeys as [Key, ...Key[]])));
      const results = new Map(groups.map(([group], index) => [group, loaded[index]!]));
      return keys.map((key) => results.get(spec.groupOf(key))?.get(spec.itemOf(key)) ?? spec.missing(key));
    },
    { cacheKeyFn: cacheKey },
  );
}
