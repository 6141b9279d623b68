import { useQuery } from '@tanstack/react-query';
import { DashboardOverviewDocument } from '../../../generated/graphql.ts';
import type { DateRange } from '../../../lib/dates.ts';
import { request } from '../../../lib/graphql-client.ts';

/** The account's totals over `range` (and `compareTo`) and its last 28 days of spend and revenue. */
export const useOverview = (range: DateRange, compareTo: DateRange | null) =>
  useQuery({
    queryKey: ['overview', range, compareTo],
    queryFn: () => request(DashboardOverviewDocument, { range, compareTo, days: 28 }),
    placeholderData: (previous) => previous,
  });
