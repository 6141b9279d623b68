import { Fragment } from 'react';
import type { DateRange } from '../../../lib/dates.ts';
import { TREE_METRICS } from '../../../lib/metrics.ts';
import type { TreeNode } from '../api/use-dashboard-tree.ts';
import { useOpenDetails } from '../hooks/use-open-details.ts';
import { useTreeColumns } from '../hooks/use-tree-columns.tsx';
import { useTreeTable } from '../hooks/use-tree-table.ts';
import { TreeHeader } from './tree-header.tsx';
import { DetailsRow, TreeRow } from './tree-row.tsx';
import { TreeToolbar } from './tree-toolbar.tsx';

/** The campaign → ad set → ad tree with its metrics, searchable and sortable, each row able to open its breakdown or users. */
export function TreeTable({ tree, range, compareTo }: { tree: TreeNode[]; range: DateRange; compareTo: DateRange | null }) {
  const details = useOpenDetails();
  const { table, search, setSearch } = useTreeTable(tree, useTreeColumns(details));

  const visibleMetrics = TREE_METRICS.filter((metric) => table.getColumn(metric.key)?.getIsVisible());
  const rows = table.getRowModel().rows;
  const columnCount = table.getVisibleLeafColumns().length;
  return (
    <section className="tree" aria-label="Campaigns">
      <TreeToolbar table={table} search={search} onSearch={setSearch} />
      <div className="table-scroll">
        <table className="tree-table">
          <TreeHeader table={table} />
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={columnCount} className="state state-empty">
                  {search.trim() ? `Nothing matches “${search.trim()}”.` : 'No campaign spent or converted in this range.'}
                </td>
              </tr>
            )}
            {rows.map((row) => {
              const detail = details.byRow[row.id];
              return (
                <Fragment key={row.id}>
                  <TreeRow row={row} />
                  {detail && (
                    <DetailsRow row={row} detail={detail} columnCount={columnCount} range={range} compareTo={compareTo} metrics={visibleMetrics} />
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
