import { flexRender, type Row } from '@tanstack/react-table';
import type { DateRange } from '../../../lib/dates.ts';
import type { MetricDefinition } from '../../../lib/metrics.ts';
import type { TreeNode } from '../api/use-dashboard-tree.ts';
import type { RowDetail } from '../hooks/use-open-details.ts';
import { BreakdownPanel, UserListsPanel } from './row-details.tsx';

/** A node's row: its visible cells. */
export function TreeRow({ row }: { row: Row<TreeNode> }) {
  return (
    <tr data-row-id={row.id} data-level={row.original.level} className={`level-${row.original.level.toLowerCase()}`}>
      {row.getVisibleCells().map((cell) => (
        <td key={cell.id} data-column={cell.column.id} className={cell.column.columnDef.meta?.numeric ? 'numeric' : undefined}>
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </td>
      ))}
    </tr>
  );
}

/** The panel opened under a node's row, spanning every column; the breakdown shows the tree's shown metrics. */
export function DetailsRow({
  row,
  detail,
  columnCount,
  range,
  compareTo,
  metrics,
}: {
  row: Row<TreeNode>;
  detail: RowDetail;
  columnCount: number;
  range: DateRange;
  compareTo: DateRange | null;
  metrics: MetricDefinition[];
}) {
  return (
    <tr className="details-row" data-details-for={row.id}>
      <td colSpan={columnCount}>
        {detail === 'breakdown' ? (
          <BreakdownPanel node={row.original} range={range} compareTo={compareTo} metrics={metrics} />
        ) : (
          <UserListsPanel node={row.original} range={range} />
        )}
      </td>
    </tr>
  );
}
