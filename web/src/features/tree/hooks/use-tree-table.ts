import {
  getCoreRowModel,
  getExpandedRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type ExpandedState,
  type FilterFn,
  type Row,
  type SortingState,
  type VisibilityState,
} from '@tanstack/react-table';
import { useState } from 'react';
import { TREE_METRICS } from '../../../lib/metrics.ts';
import type { TreeNode } from '../api/use-dashboard-tree.ts';

/** Search by name or id: a match keeps its ancestors (to reach it) and its descendants (what it holds). */
const matchesSelfOrAncestor: FilterFn<TreeNode> = (row, _columnId, search: string) => {
  const needle = search.trim().toLowerCase();
  for (let current: Row<TreeNode> | undefined = row; current; current = current.getParentRow()) {
    if (current.original.name.toLowerCase().includes(needle) || current.original.id.toLowerCase().includes(needle)) return true;
  }
  return false;
};

const INITIAL_VISIBILITY: VisibilityState = Object.fromEntries(TREE_METRICS.map((metric) => [metric.key, metric.shownByDefault]));

/**
 * The tree as a table with its own view state: expanded rows, sorting (spend, highest first),
 * shown columns and the search, which expands every row while it is set.
 */
export function useTreeTable(tree: TreeNode[], columns: ColumnDef<TreeNode>[]) {
  const [expanded, setExpanded] = useState<ExpandedState>({});
  const [sorting, setSorting] = useState<SortingState>([{ id: 'spend', desc: true }]);
  const [columnVisibility, setColumnVisibility] = useState<VisibilityState>(INITIAL_VISIBILITY);
  const [search, setSearch] = useState('');

  const table = useReactTable({
    data: tree,
    columns,
    state: { expanded: search.trim() ? true : expanded, sorting, columnVisibility, globalFilter: search },
    onExpandedChange: setExpanded,
    onSortingChange: setSorting,
    onColumnVisibilityChange: setColumnVisibility,
    onGlobalFilterChange: setSearch,
    getRowId: (node) => `${node.level}:${node.id}`,
    getSubRows: (node) => node.children,
    getCoreRowModel: getCoreRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    globalFilterFn: matchesSelfOrAncestor,
    getColumnCanGlobalFilter: (column) => column.id === 'name',
    filterFromLeafRows: true,
  });
  return { table, search, setSearch };
}
