import type { ColumnDef, RowData } from '@tanstack/react-table';
import { useMemo } from 'react';
import { MetricValue } from '../../../components/ui/metric-value.tsx';
import { Sparkline } from '../../../components/ui/sparkline.tsx';
import { TREE_METRICS } from '../../../lib/metrics.ts';
import type { TreeNode } from '../api/use-dashboard-tree.ts';
import { NameCell } from '../components/name-cell.tsx';
import { RowActions } from '../components/row-actions.tsx';
import type { OpenDetails } from './use-open-details.ts';

declare module '@tanstack/react-table' {
  // Merges with the library's declaration, whose type parameters it must repeat.
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Right-aligned, as numbers are. */
    numeric?: boolean;
  }
}

/** The tree's columns: name, ROAS trend, one per metric of TREE_METRICS, and the row's detail buttons. */
export function useTreeColumns({ byRow, toggle }: OpenDetails) {
  return useMemo<ColumnDef<TreeNode>[]>(
    () => [
      {
        id: 'name',
        header: 'Name',
        accessorFn: (node) => node.name,
        enableHiding: false,
        sortingFn: 'alphanumeric',
        cell: ({ row }) => <NameCell row={row} />,
      },
      {
        id: 'roasTrend',
        header: 'ROAS, 14 days',
        enableSorting: false,
        enableHiding: false,
        cell: ({ row }) => <Sparkline points={row.original.sparkline} label={`ROAS per day of ${row.original.name}`} />,
      },
      ...TREE_METRICS.map(
        (metric): ColumnDef<TreeNode> => ({
          id: metric.key,
          header: metric.label,
          // NULL ratios sort last in both directions.
          accessorFn: (node) => node.metrics[metric.key] ?? undefined,
          sortUndefined: 'last',
          sortDescFirst: true,
          cell: ({ row }) => <MetricValue metric={metric} metrics={row.original.metrics} comparison={row.original.comparison} />,
          meta: { numeric: true },
        }),
      ),
      {
        id: 'details',
        header: '',
        enableSorting: false,
        enableHiding: false,
        cell: ({ row }) => <RowActions rowId={row.id} details={{ byRow, toggle }} />,
      },
    ],
    [byRow, toggle],
  );
}
