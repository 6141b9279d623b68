import {
  flexRender,
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
import { Fragment, useMemo, useState } from 'react';
import { Sparkline } from '../../../components/ui/sparkline.tsx';
import type { DateRange } from '../../../lib/dates.ts';
import { MetricValue } from '../../../components/ui/metric-value.tsx';
import { TREE_METRICS } from '../../../lib/metrics.ts';
import type { TreeNode } from '../api/use-dashboard-tree.ts';
import { ColumnPicker } from './column-picker.tsx';
import { BreakdownPanel, UserListsPanel } from './row-details.tsx';

type Detail = 'breakdown' | 'users';

const LEVEL_LABELS = { CAMPAIGN: 'Campaign', ADSET: 'Ad set', AD: 'Ad' } as const;

/** Search by name or id: a match keeps its ancestors (to reach it) and its descendants (what it holds). */
const matchesSelfOrAncestor: FilterFn<TreeNode> = (row, _columnId, search: string) => {
  const needle = search.trim().toLowerCase();
  for (let current: Row<TreeNode> | undefined = row; current; current = current.getParentRow()) {
    if (current.original.name.toLowerCase().includes(needle) || current.original.id.toLowerCase().includes(needle)) return true;
  }
  return false;
};

const INITIAL_VISIBILITY: VisibilityState = Object.fromEntries(TREE_METRICS.map((metric) => [metric.key, metric.shownByDefault]));

export function TreeTable({ tree, range, compareTo }: { tree: TreeNode[]; range: DateRange; compareTo: DateRange | null }) {
  const [expanded, setExpanded] = useState<ExpandedState>({});
  const [sorting, setSorting] = useState<SortingState>([{ id: 'spend', desc: true }]);
  const [columnVisibility, setColumnVisibility] = useState<VisibilityState>(INITIAL_VISIBILITY);
  const [search, setSearch] = useState('');
  const [details, setDetails] = useState<Record<string, Detail>>({});
  const toggleDetail = (rowId: string, detail: Detail) =>
    setDetails(({ [rowId]: open, ...others }) => (open === detail ? others : { ...others, [rowId]: detail }));

  const columns = useMemo<ColumnDef<TreeNode>[]>(
    () => [
      {
        id: 'name',
        header: 'Name',
        accessorFn: (node) => node.name,
        enableHiding: false,
        sortingFn: 'alphanumeric',
        cell: ({ row }) => (
          <div className="name-cell" style={{ paddingLeft: `${row.depth * 1.25}rem` }}>
            {row.getCanExpand() ? (
              <button
                type="button"
                className="expander"
                onClick={row.getToggleExpandedHandler()}
                aria-expanded={row.getIsExpanded()}
                aria-label={`${row.getIsExpanded() ? 'Collapse' : 'Expand'} ${row.original.name}`}
              >
                {row.getIsExpanded() ? '▾' : '▸'}
              </button>
            ) : (
              <span className="expander-space" />
            )}
            <div className="name-lines">
              <span className="name" title={row.original.name}>
                {row.original.name}
              </span>
              <span className="entity-id">
                <span className={`level level-${row.original.level.toLowerCase()}`}>{LEVEL_LABELS[row.original.level]}</span> {row.original.id}
              </span>
            </div>
          </div>
        ),
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
        cell: ({ row }) => (
          <div className="row-actions">
            <button type="button" aria-pressed={details[row.id] === 'breakdown'} onClick={() => toggleDetail(row.id, 'breakdown')}>
              Breakdown
            </button>
            <button type="button" aria-pressed={details[row.id] === 'users'} onClick={() => toggleDetail(row.id, 'users')}>
              Users
            </button>
          </div>
        ),
      },
    ],
    [details],
  );

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

  const visibleMetrics = TREE_METRICS.filter((metric) => table.getColumn(metric.key)?.getIsVisible());
  const rows = table.getRowModel().rows;
  const columnCount = table.getVisibleLeafColumns().length;
  return (
    <section className="tree" aria-label="Campaigns">
      <div className="tree-toolbar">
        <input
          type="search"
          placeholder="Search campaigns, ad sets and ads by name or id"
          aria-label="Search by name or id"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <button type="button" onClick={() => table.toggleAllRowsExpanded(!table.getIsAllRowsExpanded())}>
          {table.getIsAllRowsExpanded() ? 'Collapse all' : 'Expand all'}
        </button>
        <ColumnPicker table={table} />
      </div>
      <div className="table-scroll">
        <table className="tree-table">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const numeric = (header.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={numeric ? 'numeric' : undefined}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span className="sort-mark">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={columnCount} className="state state-empty">
                  {search.trim() ? `Nothing matches “${search.trim()}”.` : 'No campaign spent or converted in this range.'}
                </td>
              </tr>
            )}
            {rows.map((row) => (
              <Fragment key={row.id}>
                <tr data-row-id={row.id} data-level={row.original.level} className={`level-${row.original.level.toLowerCase()}`}>
                  {row.getVisibleCells().map((cell) => {
                    const numeric = (cell.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
                    return (
                      <td key={cell.id} data-column={cell.column.id} className={numeric ? 'numeric' : undefined}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    );
                  })}
                </tr>
                {details[row.id] && (
                  <tr className="details-row" data-details-for={row.id}>
                    <td colSpan={columnCount}>
                      {details[row.id] === 'breakdown' ? (
                        <BreakdownPanel node={row.original} range={range} compareTo={compareTo} metrics={visibleMetrics} />
                      ) : (
                        <UserListsPanel node={row.original} range={range} />
                      )}
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
