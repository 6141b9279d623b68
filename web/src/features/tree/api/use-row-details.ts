import { useQuery } from '@tanstack/react-query';
import { BreakdownDocument, RowUserListsDocument, type BreakdownDimension, type EntityLevel } from '../../../generated/graphql.ts';
import type { DateRange } from '../../../lib/dates.ts';
import { request } from '../../../lib/graphql-client.ts';

export interface RowKey {
  level: EntityLevel;
  id: string;
}

/** One node's metrics per country, region or device (query Breakdown), fetched when opened. */
export const useBreakdown = (row: RowKey, range: DateRange, compareTo: DateRange | null, by: BreakdownDimension, enabled: boolean) =>
  useQuery({
    queryKey: ['breakdown', row.level, row.id, range, compareTo, by],
    queryFn: async () => (await request(BreakdownDocument, { level: row.level, id: row.id, range, compareTo, by })).entity?.breakdown ?? [],
    enabled,
  });

/** The users behind one node's trials and conversions (query RowUserLists), fetched when opened. */
export const useRowUserLists = (row: RowKey, range: DateRange) =>
  useQuery({
    queryKey: ['user-lists', row.level, row.id, range],
    queryFn: async () => (await request(RowUserListsDocument, { level: row.level, id: row.id, range })).entity?.metrics ?? null,
  });
