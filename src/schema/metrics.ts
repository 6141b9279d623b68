/** The `Metrics` type (metrics.md M9–M29), the `MetricField` and `UserList` enums. */
import type { UserIdsKey } from '../loaders/index.ts';
import { USER_LISTS } from '../db/tables/metric-columns.ts';
import {
  BASE_MEASURES,
  INTEGER_MEASURES,
  metricValue,
  zeroMeasures,
  type BaseMeasure,
  type BaseMeasures,
  type MetricName,
} from '../metrics/formulas.ts';
import { builder } from './builder.ts';
import { screamingEnumValues } from './enum-values.ts';

/** The sums and counts behind the estimated-rate means of M19: summed over ranges, never served on their own. */
type MeanPart = Extract<BaseMeasure, `${string}RateSum` | `${string}RateCount`>;

/**
 * Every metric the API serves, in api.md order. Keyed by every base measure and derived metric but
 * the mean parts, so a formula added to formulas.ts does not compile until it is served (or named a
 * mean part).
 */
const SERVED_METRICS = {
  spend: true,
  impressions: true,
  clicks: true,
  metaTrials: true,
  metaPurchases: true,
  trials: true,
  purchases: true,
  postTrialUsers: true,
  convertedUsers: true,
  trialRefundUsers: true,
  purchaseRefundUsers: true,
  trialConversionRateEstimated: true,
  trialConversionRateActual: true,
  trialRefundRateEstimated: true,
  trialRefundRateActual: true,
  purchaseRefundRateEstimated: true,
  purchaseRefundRateActual: true,
  actualRevenue: true,
  actualRefunds: true,
  netActualRevenue: true,
  estimatedRevenue: true,
  adjustedEstimatedRevenue: true,
  profit: true,
  roas: true,
  trialAccuracyRatio: true,
  purchaseAccuracyRatio: true,
  mixpanelCostPerTrial: true,
  mixpanelCostPerPurchase: true,
  metaCostPerTrial: true,
  metaCostPerPurchase: true,
  clickToTrialRate: true,
  dataQualityScore: true,
} satisfies Record<Exclude<MetricName, MeanPart>, true>;
export const METRIC_FIELDS = Object.keys(SERVED_METRICS) as (keyof typeof SERVED_METRICS)[];
export type MetricField = (typeof METRIC_FIELDS)[number];

/** Counts that pass 2^31 over a year of a large account: served as `Count` (api.md "Large counts"). */
const LARGE_COUNTS: ReadonlySet<MetricField> = new Set(['impressions', 'clicks']);

/** Derived metrics that are never NULL: their formulas have no ratio on the outside. */
const NEVER_NULL_DERIVED: ReadonlySet<MetricField> = new Set(['netActualRevenue', 'adjustedEstimatedRevenue', 'profit']);

export const MetricFieldEnum = builder.enumType('MetricField', {
  description: 'A metric of `Metrics`, e.g. to order by or to draw a sparkline of.',
  values: screamingEnumValues(METRIC_FIELDS),
});

export const UserListEnum = builder.enumType('UserList', {
  description: 'The user lists of M9–M14.',
  values: screamingEnumValues(USER_LISTS),
});

/**
 * The summed base measures of one day, range or breakdown value. Each derived field applies its
 * formula (M21–M26) to them when asked for, so a query pays only for the metrics it selects.
 */
export interface MetricsShape {
  measures: BaseMeasures;
  /** Where `userIds` reads this set's lists: the same entity (or level), range and breakdown value. */
  users: Omit<UserIdsKey, 'list'>;
}

/** The base measures of a day without a row: zero (M27). Shared, so it must never be modified. */
export const NO_ROW: BaseMeasures = Object.freeze(zeroMeasures());

export const metricsOf = (measures: BaseMeasures, users: MetricsShape['users']): MetricsShape => ({ measures, users });

const isBaseMeasure = (name: MetricField): name is MetricField & BaseMeasure =>
  (BASE_MEASURES as readonly string[]).includes(name);

export const Metrics = builder.objectRef<MetricsShape>('Metrics').implement({
  description:
    'Metrics of metrics.md over one range, day or breakdown value: base measures summed first, then the ' +
    'formulas (a range total is never an average of daily ratios). Ratios are NULL where undefined; rates ' +
    'are fractions; money is USD at full precision.',
  fields: (t) => ({
    ...Object.fromEntries(
      METRIC_FIELDS.map((name) => [
        name,
        LARGE_COUNTS.has(name)
          ? t.field({ type: 'Count', resolve: ({ measures }) => measures[name as BaseMeasure] })
          : isBaseMeasure(name) && INTEGER_MEASURES.has(name)
          ? t.int({ resolve: ({ measures }) => measures[name] })
          : isBaseMeasure(name) || NEVER_NULL_DERIVED.has(name)
            ? t.float({ resolve: ({ measures }) => metricValue(name, measures) as number })
            : t.float({ nullable: true, resolve: ({ measures }) => metricValue(name, measures) }),
      ]),
    ),
    userIds: t.stringList({
      description: 'The ids of one user list over the range (M15): sorted ascending, distinct.',
      args: { list: t.arg({ type: UserListEnum, required: true }) },
      resolve: ({ users }, { list }, ctx) => ctx.loaders.userIds.load({ ...users, list }),
    }),
  }),
});
