import type { DashboardMetricsFragment } from '../../generated/graphql.ts';
import { FORMATTERS } from '../../lib/format.ts';
import type { MetricDefinition } from '../../lib/metrics.ts';
import { Change } from './change.tsx';

/** A metric formatted for a table cell, with its change against the comparison period under it. */
export function MetricValue({
  metric,
  metrics,
  comparison,
}: {
  metric: MetricDefinition;
  metrics: DashboardMetricsFragment;
  comparison: DashboardMetricsFragment | null;
}) {
  return (
    <>
      <span className="value">{FORMATTERS[metric.format](metrics[metric.key])}</span>
      {comparison && (
        <span className="cell-change" title={`previous period: ${FORMATTERS[metric.format](comparison[metric.key])}`}>
          <Change now={metrics[metric.key]} before={comparison[metric.key]} better={metric.better} />
        </span>
      )}
    </>
  );
}
