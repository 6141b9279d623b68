import { useQuery } from '@tanstack/react-query';
import { DashboardDocument, type DashboardNodeFragment, type DashboardQuery, type EntityLevel } from '../../../generated/graphql.ts';
import type { DateRange } from '../../../lib/dates.ts';
import { request } from '../../../lib/graphql-client.ts';

/** A row of a campaign's country breakdown, as the Dashboard query returns it. */
export type BreakdownValue = DashboardQuery['campaigns'][number]['breakdown'][number];

/** One node of the campaign → ad set → ad tree, as the table shows it. */
export type TreeNode = DashboardNodeFragment & {
  level: EntityLevel;
  /** Campaigns come with their country breakdown (it is part of the Dashboard query). */
  countries?: BreakdownValue[];
  children: TreeNode[];
};

/** The API's tree limit: every campaign of any account the dashboard serves (api.md, Query limits). */
const MAX_CAMPAIGNS = 1000;

type Campaign = DashboardQuery['campaigns'][number];

function toTree(campaigns: Campaign[]): TreeNode[] {
  return campaigns.map((campaign) => ({
    level: 'CAMPAIGN',
    id: campaign.id,
    name: campaign.name,
    metrics: campaign.metrics,
    comparison: campaign.comparison,
    sparkline: campaign.sparkline,
    countries: campaign.breakdown,
    children: campaign.adsets.map((adset) => ({
      level: 'ADSET',
      id: adset.id,
      name: adset.name,
      metrics: adset.metrics,
      comparison: adset.comparison,
      sparkline: adset.sparkline,
      children: adset.ads.map((ad) => ({
        level: 'AD',
        id: ad.id,
        name: ad.name,
        metrics: ad.metrics,
        comparison: ad.comparison,
        sparkline: ad.sparkline,
        children: [],
      })),
    })),
  }));
}

/** Every campaign with its ad sets and ads over `range`, compared with `compareTo` (query Dashboard). */
export const useDashboardTree = (range: DateRange, compareTo: DateRange | null) =>
  useQuery({
    queryKey: ['tree', range, compareTo],
    queryFn: async () => toTree((await request(DashboardDocument, { range, compareTo, end: range.end, first: MAX_CAMPAIGNS })).campaigns),
    placeholderData: (previous) => previous,
  });
