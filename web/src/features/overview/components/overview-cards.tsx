import { Change } from '../../../components/ui/change.tsx';
import type { DashboardMetricsFragment } from '../../../generated/graphql.ts';
import { FORMATTERS } from '../../../lib/format.ts';
import { OVERVIEW_METRICS } from '../../../lib/metrics.ts';

export function OverviewCards({ metrics, comparison }: { metrics: DashboardMetricsFragment; comparison: DashboardMetricsFragment | null }) {
  return (
    <ul className="cards" aria-label="Overview">
      {OVERVIEW_METRICS.map((definition) => (
        <li key={definition.key} className="card" data-metric={definition.key}>
          <span className="card-label">{definition.label}</span>
          <strong className="card-value">{FORMATTERS[definition.format](metrics[definition.key])}</strong>
          {comparison && (
            <span className="card-change">
              <Change now={metrics[definition.key]} before={comparison[definition.key]} better={definition.better} />{' '}
              <span className="muted">vs {FORMATTERS[definition.format](comparison[definition.key])}</span>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
