/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query Breakdown($level: EntityLevel!, $id: ID!, $range: DateRangeInput!, $compareTo: DateRangeInput, $by: BreakdownDimension = COUNTRY) {\n  entity(level: $level, id: $id, range: $range, compareTo: $compareTo) {\n    id\n    breakdown(by: $by, range: $range, compareTo: $compareTo) {\n      value\n      metrics {\n        ...DashboardMetrics\n      }\n      comparison {\n        ...DashboardMetrics\n      }\n    }\n  }\n}": typeof types.BreakdownDocument,
    "query CampaignList($range: DateRangeInput!, $orderBy: MetricField, $descending: Boolean, $first: Int, $search: String, $includeInactive: Boolean) {\n  campaigns(\n    range: $range\n    orderBy: $orderBy\n    descending: $descending\n    first: $first\n    search: $search\n    includeInactive: $includeInactive\n  ) {\n    id\n    name\n    metrics(range: $range) {\n      spend\n      roas\n    }\n  }\n}": typeof types.CampaignListDocument,
    "query DailyMetrics($level: EntityLevel!, $ids: [ID!]!, $range: DateRangeInput!) {\n  dailyMetrics(level: $level, ids: $ids, range: $range) {\n    date\n    level\n    entityId\n    metrics {\n      ...AllMetrics\n    }\n  }\n}": typeof types.DailyMetricsDocument,
    "query DashboardOverview($range: DateRangeInput!, $compareTo: DateRangeInput, $days: Int = 28) {\n  overview(range: $range, compareTo: $compareTo) {\n    metrics {\n      ...DashboardMetrics\n    }\n    comparison {\n      ...DashboardMetrics\n    }\n    spend: sparkline(metric: SPEND, days: $days) {\n      date\n      value\n    }\n    revenue: sparkline(metric: ADJUSTED_ESTIMATED_REVENUE, days: $days) {\n      date\n      value\n    }\n  }\n}": typeof types.DashboardOverviewDocument,
    "query Dashboard($range: DateRangeInput!, $compareTo: DateRangeInput, $end: Date, $first: Int = 100) {\n  campaigns(range: $range, compareTo: $compareTo, first: $first) {\n    ...DashboardNode\n    breakdown(by: COUNTRY, range: $range, compareTo: $compareTo) {\n      value\n      metrics {\n        ...DashboardMetrics\n      }\n      comparison {\n        ...DashboardMetrics\n      }\n    }\n    adsets {\n      ...DashboardNode\n      ads {\n        ...DashboardNode\n      }\n    }\n  }\n}": typeof types.DashboardDocument,
    "query DataStatus {\n  dataStatus {\n    asOf\n    timezone\n    lastRunAt\n    firstDay\n    lastDay\n    campaigns\n    adsets\n    ads\n    publishedAt\n    completeThrough\n    nextScheduledRun\n    freshness {\n      source\n      newest\n      ageSeconds\n      status\n    }\n  }\n}": typeof types.DataStatusDocument,
    "query Entity($level: EntityLevel!, $id: ID!, $range: DateRangeInput!, $end: Date, $by: BreakdownDimension = COUNTRY, $metric: MetricField = ROAS, $days: Int = 14) {\n  entity(level: $level, id: $id, range: $range) {\n    __typename\n    id\n    level\n    name\n    nameHistory {\n      name\n      frequency\n      firstSeen\n      lastSeen\n    }\n    metrics(range: $range) {\n      ...AllMetrics\n    }\n    breakdown(by: $by, range: $range) {\n      dimension\n      value\n      metrics {\n        ...AllMetrics\n      }\n    }\n    sparkline(metric: $metric, days: $days, end: $end) {\n      date\n      value\n    }\n    daily(range: $range) {\n      date\n      level\n      entityId\n      metrics {\n        spend\n        trials\n        roas\n      }\n    }\n  }\n}": typeof types.EntityDocument,
    "fragment AllMetrics on Metrics {\n  spend\n  impressions\n  clicks\n  metaTrials\n  metaPurchases\n  trials\n  purchases\n  postTrialUsers\n  convertedUsers\n  trialRefundUsers\n  purchaseRefundUsers\n  trialConversionRateEstimated\n  trialConversionRateActual\n  trialRefundRateEstimated\n  trialRefundRateActual\n  purchaseRefundRateEstimated\n  purchaseRefundRateActual\n  actualRevenue\n  actualRefunds\n  netActualRevenue\n  estimatedRevenue\n  adjustedEstimatedRevenue\n  profit\n  roas\n  trialAccuracyRatio\n  purchaseAccuracyRatio\n  mixpanelCostPerTrial\n  mixpanelCostPerPurchase\n  metaCostPerTrial\n  metaCostPerPurchase\n  clickToTrialRate\n  dataQualityScore\n}\n\nfragment DashboardMetrics on Metrics {\n  spend\n  trials\n  purchases\n  metaTrials\n  metaPurchases\n  trialConversionRateEstimated\n  trialConversionRateActual\n  trialRefundRateEstimated\n  purchaseRefundRateEstimated\n  estimatedRevenue\n  adjustedEstimatedRevenue\n  profit\n  roas\n  trialAccuracyRatio\n  purchaseAccuracyRatio\n  dataQualityScore\n}\n\nfragment DashboardNode on AdEntity {\n  id\n  name\n  metrics(range: $range) {\n    ...DashboardMetrics\n  }\n  comparison(range: $compareTo) {\n    ...DashboardMetrics\n  }\n  sparkline(metric: ROAS, days: 14, end: $end) {\n    date\n    value\n  }\n}\n\nfragment PipelineRunFields on PipelineRun {\n  id\n  status\n  startedAt\n  finishedAt\n  asOf\n  timezone\n  step\n  progress\n  error\n}": typeof types.AllMetricsFragmentDoc,
    "query Hierarchy($adIds: [ID!]) {\n  hierarchy(adIds: $adIds) {\n    adId\n    adsetId\n    campaignId\n    confidence\n    firstSeen\n    lastSeen\n  }\n}": typeof types.HierarchyDocument,
    "query CanonicalNames($level: EntityLevel!, $ids: [ID!]!) {\n  canonicalNames(level: $level, ids: $ids) {\n    level\n    id\n    name\n    frequency\n    lastSeen\n  }\n}": typeof types.CanonicalNamesDocument,
    "query Overview($range: DateRangeInput!, $metric: MetricField = SPEND, $days: Int) {\n  overview(range: $range) {\n    metrics {\n      ...AllMetrics\n      userIds(list: TRIAL)\n    }\n    sparkline(metric: $metric, days: $days) {\n      date\n      value\n    }\n  }\n}": typeof types.OverviewDocument,
    "subscription PipelineRunProgress($id: ID!) {\n  pipelineRunProgress(id: $id) {\n    ...PipelineRunFields\n  }\n}": typeof types.PipelineRunProgressDocument,
    "query PipelineRuns($last: Int = 5) {\n  pipelineRuns(last: $last) {\n    ...PipelineRunFields\n  }\n}": typeof types.PipelineRunsDocument,
    "query RowUserLists($level: EntityLevel!, $id: ID!, $range: DateRangeInput!) {\n  entity(level: $level, id: $id, range: $range) {\n    id\n    metrics(range: $range) {\n      trials: userIds(list: TRIAL)\n      converted: userIds(list: CONVERTED)\n    }\n  }\n}": typeof types.RowUserListsDocument,
    "mutation RunPipeline($asOf: Date, $timezone: String) {\n  runPipeline(asOf: $asOf, timezone: $timezone) {\n    ...PipelineRunFields\n  }\n}": typeof types.RunPipelineDocument,
    "query Tree($range: DateRangeInput!, $includeInactive: Boolean = false) {\n  campaigns(range: $range, includeInactive: $includeInactive) {\n    id\n    level\n    name\n    adsets(includeInactive: $includeInactive) {\n      id\n      level\n      name\n      campaign {\n        id\n      }\n      ads(includeInactive: $includeInactive) {\n        id\n        level\n        name\n        adset {\n          id\n        }\n        campaign {\n          id\n        }\n        hierarchyConfidence\n      }\n    }\n  }\n}": typeof types.TreeDocument,
    "query UserIds($level: EntityLevel!, $id: ID!, $range: DateRangeInput!, $list: UserList!) {\n  entity(level: $level, id: $id, range: $range) {\n    metrics(range: $range) {\n      userIds(list: $list)\n    }\n    breakdown(by: COUNTRY, range: $range) {\n      value\n      metrics {\n        userIds(list: $list)\n      }\n    }\n    daily(range: $range) {\n      date\n      metrics {\n        userIds(list: $list)\n      }\n    }\n  }\n}": typeof types.UserIdsDocument,
};
const documents: Documents = {
    "query Breakdown($level: EntityLevel!, $id: ID!, $range: DateRangeInput!, $compareTo: DateRangeInput, $by: BreakdownDimension = COUNTRY) {\n  entity(level: $level, id: $id, range: $range, compareTo: $compareTo) {\n    id\n    breakdown(by: $by, range: $range, compareTo: $compareTo) {\n      value\n      metrics {\n        ...DashboardMetrics\n      }\n      comparison {\n        ...DashboardMetrics\n      }\n    }\n  }\n}": types.BreakdownDocument,
    "query CampaignList($range: DateRangeInput!, $orderBy: MetricField, $descending: Boolean, $first: Int, $search: String, $includeInactive: Boolean) {\n  campaigns(\n    range: $range\n    orderBy: $orderBy\n    descending: $descending\n    first: $first\n    search: $search\n    includeInactive: $includeInactive\n  ) {\n    id\n    name\n    metrics(range: $range) {\n      spend\n      roas\n    }\n  }\n}": types.CampaignListDocument,
    "query DailyMetrics($level: EntityLevel!, $ids: [ID!]!, $range: DateRangeInput!) {\n  dailyMetrics(level: $level, ids: $ids, range: $range) {\n    date\n    level\n    entityId\n    metrics {\n      ...AllMetrics\n    }\n  }\n}": types.DailyMetricsDocument,
    "query DashboardOverview($range: DateRangeInput!, $compareTo: DateRangeInput, $days: Int = 28) {\n  overview(range: $range, compareTo: $compareTo) {\n    metrics {\n      ...DashboardMetrics\n    }\n    comparison {\n      ...DashboardMetrics\n    }\n    spend: sparkline(metric: SPEND, days: $days) {\n      date\n      value\n    }\n    revenue: sparkline(metric: ADJUSTED_ESTIMATED_REVENUE, days: $days) {\n      date\n      value\n    }\n  }\n}": types.DashboardOverviewDocument,
    "query Dashboard($range: DateRangeInput!, $compareTo: DateRangeInput, $end: Date, $first: Int = 100) {\n  campaigns(range: $range, compareTo: $compareTo, first: $first) {\n    ...DashboardNode\n    breakdown(by: COUNTRY, range: $range, compareTo: $compareTo) {\n      value\n      metrics {\n        ...DashboardMetrics\n      }\n      comparison {\n        ...DashboardMetrics\n      }\n    }\n    adsets {\n      ...DashboardNode\n      ads {\n        ...DashboardNode\n      }\n    }\n  }\n}": types.DashboardDocument,
    "query DataStatus {\n  dataStatus {\n    asOf\n    timezone\n    lastRunAt\n    firstDay\n    lastDay\n    campaigns\n    adsets\n    ads\n    publishedAt\n    completeThrough\n    nextScheduledRun\n    freshness {\n      source\n      newest\n      ageSeconds\n      status\n    }\n  }\n}": types.DataStatusDocument,
    "query Entity($level: EntityLevel!, $id: ID!, $range: DateRangeInput!, $end: Date, $by: BreakdownDimension = COUNTRY, $metric: MetricField = ROAS, $days: Int = 14) {\n  entity(level: $level, id: $id, range: $range) {\n    __typename\n    id\n    level\n    name\n    nameHistory {\n      name\n      frequency\n      firstSeen\n      lastSeen\n    }\n    metrics(range: $range) {\n      ...AllMetrics\n    }\n    breakdown(by: $by, range: $range) {\n      dimension\n      value\n      metrics {\n        ...AllMetrics\n      }\n    }\n    sparkline(metric: $metric, days: $days, end: $end) {\n      date\n      value\n    }\n    daily(range: $range) {\n      date\n      level\n      entityId\n      metrics {\n        spend\n        trials\n        roas\n      }\n    }\n  }\n}": types.EntityDocument,
    "fragment AllMetrics on Metrics {\n  spend\n  impressions\n  clicks\n  metaTrials\n  metaPurchases\n  trials\n  purchases\n  postTrialUsers\n  convertedUsers\n  trialRefundUsers\n  purchaseRefundUsers\n  trialConversionRateEstimated\n  trialConversionRateActual\n  trialRefundRateEstimated\n  trialRefundRateActual\n  purchaseRefundRateEstimated\n  purchaseRefundRateActual\n  actualRevenue\n  actualRefunds\n  netActualRevenue\n  estimatedRevenue\n  adjustedEstimatedRevenue\n  profit\n  roas\n  trialAccuracyRatio\n  purchaseAccuracyRatio\n  mixpanelCostPerTrial\n  mixpanelCostPerPurchase\n  metaCostPerTrial\n  metaCostPerPurchase\n  clickToTrialRate\n  dataQualityScore\n}\n\nfragment DashboardMetrics on Metrics {\n  spend\n  trials\n  purchases\n  metaTrials\n  metaPurchases\n  trialConversionRateEstimated\n  trialConversionRateActual\n  trialRefundRateEstimated\n  purchaseRefundRateEstimated\n  estimatedRevenue\n  adjustedEstimatedRevenue\n  profit\n  roas\n  trialAccuracyRatio\n  purchaseAccuracyRatio\n  dataQualityScore\n}\n\nfragment DashboardNode on AdEntity {\n  id\n  name\n  metrics(range: $range) {\n    ...DashboardMetrics\n  }\n  comparison(range: $compareTo) {\n    ...DashboardMetrics\n  }\n  sparkline(metric: ROAS, days: 14, end: $end) {\n    date\n    value\n  }\n}\n\nfragment PipelineRunFields on PipelineRun {\n  id\n  status\n  startedAt\n  finishedAt\n  asOf\n  timezone\n  step\n  progress\n  error\n}": types.AllMetricsFragmentDoc,
    "query Hierarchy($adIds: [ID!]) {\n  hierarchy(adIds: $adIds) {\n    adId\n    adsetId\n    campaignId\n    confidence\n    firstSeen\n    lastSeen\n  }\n}": types.HierarchyDocument,
    "query CanonicalNames($level: EntityLevel!, $ids: [ID!]!) {\n  canonicalNames(level: $level, ids: $ids) {\n    level\n    id\n    name\n    frequency\n    lastSeen\n  }\n}": types.CanonicalNamesDocument,
    "query Overview($range: DateRangeInput!, $metric: MetricField = SPEND, $days: Int) {\n  overview(range: $range) {\n    metrics {\n      ...AllMetrics\n      userIds(list: TRIAL)\n    }\n    sparkline(metric: $metric, days: $days) {\n      date\n      value\n    }\n  }\n}": types.OverviewDocument,
    "subscription PipelineRunProgress($id: ID!) {\n  pipelineRunProgress(id: $id) {\n    ...PipelineRunFields\n  }\n}": types.PipelineRunProgressDocument,
    "query PipelineRuns($last: Int = 5) {\n  pipelineRuns(last: $last) {\n    ...PipelineRunFields\n  }\n}": types.PipelineRunsDocument,
    "query RowUserLists($level: EntityLevel!, $id: ID!, $range: DateRangeInput!) {\n  entity(level: $level, id: $id, range: $range) {\n    id\n    metrics(range: $range) {\n      trials: userIds(list: TRIAL)\n      converted: userIds(list: CONVERTED)\n    }\n  }\n}": types.RowUserListsDocument,
    "mutation RunPipeline($asOf: Date, $timezone: String) {\n  runPipeline(asOf: $asOf, timezone: $timezone) {\n    ...PipelineRunFields\n  }\n}": types.RunPipelineDocument,
    "query Tree($range: DateRangeInput!, $includeInactive: Boolean = false) {\n  campaigns(range: $range, includeInactive: $includeInactive) {\n    id\n    level\n    name\n    adsets(includeInactive: $includeInactive) {\n      id\n      level\n      name\n      campaign {\n        id\n      }\n      ads(includeInactive: $includeInactive) {\n        id\n        level\n        name\n        adset {\n          id\n        }\n        campaign {\n          id\n        }\n        hierarchyConfidence\n      }\n    }\n  }\n}": types.TreeDocument,
    "query UserIds($level: EntityLevel!, $id: ID!, $range: DateRangeInput!, $list: UserList!) {\n  entity(level: $level, id: $id, range: $range) {\n    metrics(range: $range) {\n      userIds(list: $list)\n    }\n    breakdown(by: COUNTRY, range: $range) {\n      value\n      metrics {\n        userIds(list: $list)\n      }\n    }\n    daily(range: $range) {\n      date\n      metrics {\n        userIds(list: $list)\n      }\n    }\n  }\n}": types.UserIdsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Breakdown($level: EntityLevel!, $id: ID!, $range: DateRangeInput!, $compareTo: DateRangeInput, $by: BreakdownDimension = COUNTRY) {\n  entity(level: $level, id: $id, range: $range, compareTo: $compareTo) {\n    id\n    breakdown(by: $by, range: $range, compareTo: $compareTo) {\n      value\n      metrics {\n        ...DashboardMetrics\n      }\n      comparison {\n        ...DashboardMetrics\n      }\n    }\n  }\n}"): typeof import('./graphql').BreakdownDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CampaignList($range: DateRangeInput!, $orderBy: MetricField, $descending: Boolean, $first: Int, $search: String, $includeInactive: Boolean) {\n  campaigns(\n    range: $range\n    orderBy: $orderBy\n    descending: $descending\n    first: $first\n    search: $search\n    includeInactive: $includeInactive\n  ) {\n    id\n    name\n    metrics(range: $range) {\n      spend\n      roas\n    }\n  }\n}"): typeof import('./graphql').CampaignListDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DailyMetrics($level: EntityLevel!, $ids: [ID!]!, $range: DateRangeInput!) {\n  dailyMetrics(level: $level, ids: $ids, range: $range) {\n    date\n    level\n    entityId\n    metrics {\n      ...AllMetrics\n    }\n  }\n}"): typeof import('./graphql').DailyMetricsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DashboardOverview($range: DateRangeInput!, $compareTo: DateRangeInput, $days: Int = 28) {\n  overview(range: $range, compareTo: $compareTo) {\n    metrics {\n      ...DashboardMetrics\n    }\n    comparison {\n      ...DashboardMetrics\n    }\n    spend: sparkline(metric: SPEND, days: $days) {\n      date\n      value\n    }\n    revenue: sparkline(metric: ADJUSTED_ESTIMATED_REVENUE, days: $days) {\n      date\n      value\n    }\n  }\n}"): typeof import('./graphql').DashboardOverviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Dashboard($range: DateRangeInput!, $compareTo: DateRangeInput, $end: Date, $first: Int = 100) {\n  campaigns(range: $range, compareTo: $compareTo, first: $first) {\n    ...DashboardNode\n    breakdown(by: COUNTRY, range: $range, compareTo: $compareTo) {\n      value\n      metrics {\n        ...DashboardMetrics\n      }\n      comparison {\n        ...DashboardMetrics\n      }\n    }\n    adsets {\n      ...DashboardNode\n      ads {\n        ...DashboardNode\n      }\n    }\n  }\n}"): typeof import('./graphql').DashboardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DataStatus {\n  dataStatus {\n    asOf\n    timezone\n    lastRunAt\n    firstDay\n    lastDay\n    campaigns\n    adsets\n    ads\n    publishedAt\n    completeThrough\n    nextScheduledRun\n    freshness {\n      source\n      newest\n      ageSeconds\n      status\n    }\n  }\n}"): typeof import('./graphql').DataStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Entity($level: EntityLevel!, $id: ID!, $range: DateRangeInput!, $end: Date, $by: BreakdownDimension = COUNTRY, $metric: MetricField = ROAS, $days: Int = 14) {\n  entity(level: $level, id: $id, range: $range) {\n    __typename\n    id\n    level\n    name\n    nameHistory {\n      name\n      frequency\n      firstSeen\n      lastSeen\n    }\n    metrics(range: $range) {\n      ...AllMetrics\n    }\n    breakdown(by: $by, range: $range) {\n      dimension\n      value\n      metrics {\n        ...AllMetrics\n      }\n    }\n    sparkline(metric: $metric, days: $days, end: $end) {\n      date\n      value\n    }\n    daily(range: $range) {\n      date\n      level\n      entityId\n      metrics {\n        spend\n        trials\n        roas\n      }\n    }\n  }\n}"): typeof import('./graphql').EntityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment AllMetrics on Metrics {\n  spend\n  impressions\n  clicks\n  metaTrials\n  metaPurchases\n  trials\n  purchases\n  postTrialUsers\n  convertedUsers\n  trialRefundUsers\n  purchaseRefundUsers\n  trialConversionRateEstimated\n  trialConversionRateActual\n  trialRefundRateEstimated\n  trialRefundRateActual\n  purchaseRefundRateEstimated\n  purchaseRefundRateActual\n  actualRevenue\n  actualRefunds\n  netActualRevenue\n  estimatedRevenue\n  adjustedEstimatedRevenue\n  profit\n  roas\n  trialAccuracyRatio\n  purchaseAccuracyRatio\n  mixpanelCostPerTrial\n  mixpanelCostPerPurchase\n  metaCostPerTrial\n  metaCostPerPurchase\n  clickToTrialRate\n  dataQualityScore\n}\n\nfragment DashboardMetrics on Metrics {\n  spend\n  trials\n  purchases\n  metaTrials\n  metaPurchases\n  trialConversionRateEstimated\n  trialConversionRateActual\n  trialRefundRateEstimated\n  purchaseRefundRateEstimated\n  estimatedRevenue\n  adjustedEstimatedRevenue\n  profit\n  roas\n  trialAccuracyRatio\n  purchaseAccuracyRatio\n  dataQualityScore\n}\n\nfragment DashboardNode on AdEntity {\n  id\n  name\n  metrics(range: $range) {\n    ...DashboardMetrics\n  }\n  comparison(range: $compareTo) {\n    ...DashboardMetrics\n  }\n  sparkline(metric: ROAS, days: 14, end: $end) {\n    date\n    value\n  }\n}\n\nfragment PipelineRunFields on PipelineRun {\n  id\n  status\n  startedAt\n  finishedAt\n  asOf\n  timezone\n  step\n  progress\n  error\n}"): typeof import('./graphql').AllMetricsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Hierarchy($adIds: [ID!]) {\n  hierarchy(adIds: $adIds) {\n    adId\n    adsetId\n    campaignId\n    confidence\n    firstSeen\n    lastSeen\n  }\n}"): typeof import('./graphql').HierarchyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CanonicalNames($level: EntityLevel!, $ids: [ID!]!) {\n  canonicalNames(level: $level, ids: $ids) {\n    level\n    id\n    name\n    frequency\n    lastSeen\n  }\n}"): typeof import('./graphql').CanonicalNamesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Overview($range: DateRangeInput!, $metric: MetricField = SPEND, $days: Int) {\n  overview(range: $range) {\n    metrics {\n      ...AllMetrics\n      userIds(list: TRIAL)\n    }\n    sparkline(metric: $metric, days: $days) {\n      date\n      value\n    }\n  }\n}"): typeof import('./graphql').OverviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription PipelineRunProgress($id: ID!) {\n  pipelineRunProgress(id: $id) {\n    ...PipelineRunFields\n  }\n}"): typeof import('./graphql').PipelineRunProgressDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PipelineRuns($last: Int = 5) {\n  pipelineRuns(last: $last) {\n    ...PipelineRunFields\n  }\n}"): typeof import('./graphql').PipelineRunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RowUserLists($level: EntityLevel!, $id: ID!, $range: DateRangeInput!) {\n  entity(level: $level, id: $id, range: $range) {\n    id\n    metrics(range: $range) {\n      trials: userIds(list: TRIAL)\n      converted: userIds(list: CONVERTED)\n    }\n  }\n}"): typeof import('./graphql').RowUserListsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RunPipeline($asOf: Date, $timezone: String) {\n  runPipeline(asOf: $asOf, timezone: $timezone) {\n    ...PipelineRunFields\n  }\n}"): typeof import('./graphql').RunPipelineDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Tree($range: DateRangeInput!, $includeInactive: Boolean = false) {\n  campaigns(range: $range, includeInactive: $includeInactive) {\n    id\n    level\n    name\n    adsets(includeInactive: $includeInactive) {\n      id\n      level\n      name\n      campaign {\n        id\n      }\n      ads(includeInactive: $includeInactive) {\n        id\n        level\n        name\n        adset {\n          id\n        }\n        campaign {\n          id\n        }\n        hierarchyConfidence\n      }\n    }\n  }\n}"): typeof import('./graphql').TreeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UserIds($level: EntityLevel!, $id: ID!, $range: DateRangeInput!, $list: UserList!) {\n  entity(level: $level, id: $id, range: $range) {\n    metrics(range: $range) {\n      userIds(list: $list)\n    }\n    breakdown(by: COUNTRY, range: $range) {\n      value\n      metrics {\n        userIds(list: $list)\n      }\n    }\n    daily(range: $range) {\n      date\n      metrics {\n        userIds(list: $list)\n      }\n    }\n  }\n}"): typeof import('./graphql').UserIdsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
