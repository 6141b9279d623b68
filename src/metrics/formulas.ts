/**
 * The metric formulas of metrics.md M21–M26, defined once.
 *
 * Every derived metric is a small expression over the additive base measures. The same definition
 * is evaluated in TypeScript (API range totals, sparkline points) and compiled to SQL (the
 * SQL of every read, on both backends), so there is exactly one implementation of each formula.
 */

/**
 * Additive base measures (M16–M20 and the list counts of M9–M14); summing them over rows is always
 * valid. Each is a whole count or not (USD amounts, sums of rates), and comes from Meta's tables or
 * from Mixpanel's users and events (the measures a breakdown must sum exactly, M28).
 */
const MEASURE_KINDS = {
  spend: { source: 'meta', integer: false },
  impressions: { source: 'meta', integer: true },
  clicks: { source: 'meta', integer: true },
  metaTrials: { source: 'meta', integer: true },
  metaPurchases: { source: 'meta', integer: true },
  trials: { source: 'mixpanel', integer: true },
  purchases: { source: 'mixpanel', integer: true },
  postTrialUsers: { source: 'mixpanel', integer: true },
  convertedUsers: { source: 'mixpanel', integer: true },
  trialRefundUsers: { source: 'mixpanel', integer: true },
  purchaseRefundUsers: { source: 'mixpanel', integer: true },
  actualRevenue: { source: 'mixpanel', integer: false },
  actualRefunds: { source: 'mixpanel', integer: false },
  estimatedRevenue: { source: 'mixpanel', integer: false },
  trialConversionRateSum: { source: 'mixpanel', integer: false },
  trialConversionRateCount: { source: 'mixpanel', integer: true },
  trialRefundRateSum: { source: 'mixpanel', integer: false },
  trialRefundRateCount: { source: 'mixpanel', integer: true },
  purchaseRefundRateSum: { source: 'mixpanel', integer: false },
  purchaseRefundRateCount: { source: 'mixpanel', integer: true },
} as const satisfies Record<string, { source: 'meta' | 'mixpanel'; integer: boolean }>;

export type BaseMeasure = keyof typeof MEASURE_KINDS;
export type BaseMeasures = Record<BaseMeasure, number>;
export const BASE_MEASURES = Object.keys(MEASURE_KINDS) as BaseMeasure[];

/** Base measures that are whole counts (the rest are USD amounts or sums of rates). */
export const INTEGER_MEASURES: ReadonlySet<BaseMeasure> = new Set(BASE_MEASURES.filter((name) => MEASURE_KINDS[name].integer));

type MeasureOf<Source> = { [Name in BaseMeasure]: (typeof MEASURE_KINDS)[Name]['source'] extends Source ? Name : never }[BaseMeasure];
/** The measures summed from Meta's ad rows (M20); each is the source column of its snake-case name. */
export type MetaMeasure = MeasureOf<'meta'>;
export const META_MEASURES = BASE_MEASURES.filter((name) => MEASURE_KINDS[name].source === 'meta') as MetaMeasure[];

/** Base measures computed from Mixpanel users and events. */
export const MIXPANEL_MEASURES = BASE_MEASURES.filter((name) => MEASURE_KINDS[name].source === 'mixpanel') as MeasureOf<'mixpanel'>[];

export type Formula =
  | { op: 'measure'; name: BaseMeasure }
  | { op: 'constant'; value: number | null }
  | { op: 'add' | 'subtract' | 'least' | 'greatest'; left: Formula; right: Formula }
  /** left ÷ right; NULL when right is 0 or either side is NULL. */
  | { op: 'ratio'; left: Formula; right: Formula }
  /** `then` when left > right (both non-NULL), else `otherwise`. */
  | { op: 'ifGreater'; left: Formula; right: Formula; then: Formula; otherwise: Formula };

const measure = (name: BaseMeasure): Formula => ({ op: 'measure', name });
const constant = (value: number | null): Formula => ({ op: 'constant', value });
const add = (left: Formula, right: Formula): Formula => ({ op: 'add', left, right });
const subtract = (left: Formula, right: Formula): Formula => ({ op: 'subtract', left, right });
const least = (left: Formula, right: Formula): Formula => ({ op: 'least', left, right });
const greatest = (left: Formula, right: Formula): Formula => ({ op: 'greatest', left, right });
const ratio = (left: Formula, right: Formula): Formula => ({ op: 'ratio', left, right });
const ifGreater = (left: Formula, right: Formula, then: Formula, otherwise: Formula): Formula => ({
  op: 'ifGreater',
  left,
  right,
  then,
  otherwise,
});

const ZERO = constant(0);

/** M22: Mixpanel count ÷ Meta count; when Meta has 0, 1.0 if Mixpanel has any, else NULL. */
const accuracy = (mixpanel: BaseMeasure, meta: BaseMeasure): Formula =>
  ifGreater(measure(meta), ZERO, ratio(measure(mixpanel), measure(meta)), ifGreater(measure(mixpanel), ZERO, constant(1), constant(null)));

const trialAccuracyRatio = accuracy('trials', 'metaTrials');
const purchaseAccuracyRatio = accuracy('purchases', 'metaPurchases');

/** M23: the purchase accuracy when Mixpanel purchases > Mixpanel trials, else the trial accuracy. */
const chosenAccuracy = ifGreater(measure('purchases'), measure('trials'), purchaseAccuracyRatio, trialAccuracyRatio);
/** M23: estimated revenue ÷ chosen accuracy when that is non-NULL and above 0, else estimated revenue. */
const adjustedEstimatedRevenue = ifGreater(
  chosenAccuracy,
  ZERO,
  ratio(measure('estimatedRevenue'), chosenAccuracy),
  measure('estimatedRevenue'),
);

export const DERIVED_FORMULAS = {
  // M17
  netActualRevenue: subtract(measure('actualRevenue'), measure('actualRefunds')),
  // M19: means kept as sum and count so ranges aggregate exactly
  trialConversionRateEstimated: ratio(measure('trialConversionRateSum'), measure('trialConversionRateCount')),
  trialRefundRateEstimated: ratio(measure('trialRefundRateSum'), measure('trialRefundRateCount')),
  purchaseRefundRateEstimated: ratio(measure('purchaseRefundRateSum'), measure('purchaseRefundRateCount')),
  // M21
  trialConversionRateActual: ratio(measure('convertedUsers'), measure('postTrialUsers')),
  trialRefundRateActual: ratio(measure('trialRefundUsers'), measure('convertedUsers')),
  purchaseRefundRateActual: ratio(measure('purchaseRefundUsers'), measure('purchases')),
  // M22
  trialAccuracyRatio,
  purchaseAccuracyRatio,
  // M23
  adjustedEstimatedRevenue,
  // M24
  profit: subtract(adjustedEstimatedRevenue, measure('spend')),
  roas: ratio(adjustedEstimatedRevenue, measure('spend')),
  // M25
  mixpanelCostPerTrial: ratio(measure('spend'), measure('trials')),
  mixpanelCostPerPurchase: ratio(measure('spend'), measure('purchases')),
  metaCostPerTrial: ratio(measure('spend'), measure('metaTrials')),
  metaCostPerPurchase: ratio(measure('spend'), measure('metaPurchases')),
  clickToTrialRate: ratio(measure('trials'), measure('clicks')),
  // M26
  dataQualityScore: ratio(
    add(least(measure('trials'), measure('metaTrials')), least(measure('purchases'), measure('metaPurchases'))),
    add(greatest(measure('trials'), measure('metaTrials')), greatest(measure('purchases'), measure('metaPurchases'))),
  ),
} satisfies Record<string, Formula>;

export type DerivedMetric = keyof typeof DERIVED_FORMULAS;
export const DERIVED_METRICS = Object.keys(DERIVED_FORMULAS) as DerivedMetric[];
export type DerivedMetrics = Record<DerivedMetric, number | null>;
export type MetricName = BaseMeasure | DerivedMetric;

/** Evaluates one formula over base measures (one day, a range total or a breakdown value). */
export function evaluate(formula: Formula, measures: BaseMeasures): number | null {
  switch (formula.op) {
    case 'measure':
      return measures[formula.name];
    case 'constant':
      return formula.value;
    case 'ifGreater': {
      const left = evaluate(formula.left, measures);
      const right = evaluate(formula.right, measures);
      return evaluate(left !== null && right !== null && left > right ? formula.then : formula.otherwise, measures);
    }
    default: {
      const left = evaluate(formula.left, measures);
      const right = evaluate(formula.right, measures);
      if (left === null || right === null) return null;
      switch (formula.op) {
        case 'add':
          return left + right;
        case 'subtract':
          return left - right;
        case 'least':
          return Math.min(left, right);
        case 'greatest':
          return Math.max(left, right);
        case 'ratio':
          return right === 0 ? null : left / right;
      }
    }
  }
}

/** The SQL functions whose spelling differs by database (a part of src/db/dialect.ts). */
export interface SqlFunctions {
  least(a: string, b: string): string;
  greatest(a: string, b: string): string;
  toDouble(expr: string): string;
}

/**
 * Compiles a formula to a SQL expression with the same semantics as `evaluate`.
 * `column` names the SQL expression of each base measure (a column, or `SUM(column)`).
 */
export function toSql(formula: Formula, column: (name: BaseMeasure) => string, functions: SqlFunctions): string {
  const sql = (f: Formula) => toSql(f, column, functions);
  switch (formula.op) {
    case 'measure':
      return column(formula.name);
    case 'constant':
      return formula.value === null ? 'NULL' : String(formula.value);
    case 'add':
      return `(${sql(formula.left)} + ${sql(formula.right)})`;
    case 'subtract':
      return `(${sql(formula.left)} - ${sql(formula.right)})`;
    case 'least':
      return functions.least(sql(formula.left), sql(formula.right));
    case 'greatest':
      return functions.greatest(sql(formula.left), sql(formula.right));
    case 'ratio':
      return `(CASE WHEN ${sql(formula.right)} = 0 THEN NULL ELSE ${functions.toDouble(sql(formula.left))} / ${sql(formula.right)} END)`;
    case 'ifGreater':
      return `(CASE WHEN ${sql(formula.left)} > ${sql(formula.right)} THEN ${sql(formula.then)} ELSE ${sql(formula.otherwise)} END)`;
  }
}

export function zeroMeasures(): BaseMeasures {
  return Object.fromEntries(BASE_MEASURES.map((name) => [name, 0])) as BaseMeasures;
}

/** "Sum the base measures first" (M21–M26 range rule). */
export function sumMeasures(rows: Iterable<BaseMeasures>): BaseMeasures {
  const total = zeroMeasures();
  for (const row of rows) for (const name of BASE_MEASURES) total[name] += row[name];
  return total;
}

export function deriveMetrics(measures: BaseMeasures): DerivedMetrics {
  return Object.fromEntries(
    DERIVED_METRICS.map((name) => [name, evaluate(DERIVED_FORMULAS[name], measures)]),
  ) as DerivedMetrics;
}

/** Base measures plus every derived metric: the full metric set of one row, range or breakdown value. */
export function computeMetrics(measures: BaseMeasures): BaseMeasures & DerivedMetrics {
  return { ...measures, ...deriveMetrics(measures) };
}

export function metricValue(name: MetricName, measures: BaseMeasures): number | null {
  return name in DERIVED_FORMULAS ? evaluate(DERIVED_FORMULAS[name as DerivedMetric], measures) : measures[name as BaseMeasure];
}
