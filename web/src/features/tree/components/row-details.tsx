import { useState } from 'react';
import { Empty, Failure, Loading } from '../../../components/ui/state-message.tsx';
import type { DateRange } from '../../../lib/dates.ts';
import { MetricValue } from '../../../components/ui/metric-value.tsx';
import type { MetricDefinition } from '../../../lib/metrics.ts';
import type { BreakdownDimension } from '../../../generated/graphql.ts';
import { useBreakdown, useRowUserLists } from '../api/use-row-details.ts';
import type { BreakdownValue, TreeNode } from '../api/use-dashboard-tree.ts';

/** Every dimension of the API, labelled, in the order of the buttons. */
const DIMENSION_LABELS: Record<BreakdownDimension, string> = { COUNTRY: 'Country', REGION: 'Region', DEVICE: 'Device' };
const DIMENSIONS = Object.keys(DIMENSION_LABELS) as BreakdownDimension[];

function BreakdownTable({ rows, dimension, metrics }: { rows: BreakdownValue[]; dimension: string; metrics: MetricDefinition[] }) {
  if (rows.length === 0) return <Empty>No {dimension.toLowerCase()} breakdown in this range.</Empty>;
  return (
    <table className="breakdown-table">
      <thead>
        <tr>
          <th scope="col">{dimension}</th>
          {metrics.map((metric) => (
            <th key={metric.key} scope="col" className="numeric">
              {metric.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.value}>
            <th scope="row">{row.value}</th>
            {metrics.map((metric) => (
              <td key={metric.key} className="numeric" data-column={metric.key}>
                <MetricValue metric={metric} metrics={row.metrics} comparison={row.comparison} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A node's breakdown by country, region or device over the range; campaigns' countries come with the tree. */
export function BreakdownPanel({
  node,
  range,
  compareTo,
  metrics,
}: {
  node: TreeNode;
  range: DateRange;
  compareTo: DateRange | null;
  metrics: MetricDefinition[];
}) {
  const [dimension, setDimension] = useState<BreakdownDimension>('COUNTRY');
  const preloaded = dimension === 'COUNTRY' ? node.countries : undefined;
  const fetched = useBreakdown(node, range, compareTo, dimension, preloaded === undefined);
  const rows = preloaded ?? fetched.data;
  return (
    <div className="row-panel" aria-label={`Breakdown of ${node.name}`}>
      <div className="segmented" role="group" aria-label="Breakdown by">
        {DIMENSIONS.map((entry) => (
          <button key={entry} type="button" aria-pressed={entry === dimension} onClick={() => setDimension(entry)}>
            {DIMENSION_LABELS[entry]}
          </button>
        ))}
      </div>
      {rows ? (
        <BreakdownTable rows={rows} dimension={DIMENSION_LABELS[dimension]} metrics={metrics} />
      ) : fetched.isError ? (
        <Failure error={fetched.error} what="the breakdown" />
      ) : (
        <Loading what="the breakdown" />
      )}
    </div>
  );
}

function IdList({ title, ids }: { title: string; ids: string[] }) {
  return (
    <section className="id-list">
      <h4>
        {title} ({ids.length})
      </h4>
      {ids.length === 0 ? <Empty>None.</Empty> : <textarea readOnly value={ids.join('\n')} rows={Math.min(8, ids.length)} aria-label={title} />}
    </section>
  );
}

/** The user ids behind a node's trials and conversions over the range (M15). */
export function UserListsPanel({ node, range }: { node: TreeNode; range: DateRange }) {
  const lists = useRowUserLists(node, range);
  return (
    <div className="row-panel user-lists" aria-label={`Users of ${node.name}`}>
      {lists.isPending ? (
        <Loading what="the user lists" />
      ) : lists.isError ? (
        <Failure error={lists.error} what="the user lists" />
      ) : (
        <>
          <IdList title="Trial users" ids={lists.data?.trials ?? []} />
          <IdList title="Converted users" ids={lists.data?.converted ?? []} />
        </>
      )}
    </div>
  );
}
