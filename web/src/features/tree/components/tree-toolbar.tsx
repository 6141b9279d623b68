import type { Table } from '@tanstack/react-table';
import type { TreeNode } from '../api/use-dashboard-tree.ts';
import { ColumnPicker } from './column-picker.tsx';

/** The search box, expand/collapse all, and the column picker above the tree. */
export function TreeToolbar({ table, search, onSearch }: { table: Table<TreeNode>; search: string; onSearch(search: string): void }) {
  const allExpanded = table.getIsAllRowsExpanded();
  return (
    <div className="tree-toolbar">
      <input
        type="search"
        placeholder="Search campaigns, ad sets and ads by name or id"
        aria-label="Search by name or id"
        value={search}
        onChange={(event) => onSearch(event.target.value)}
      />
      <button type="button" onClick={() => table.toggleAllRowsExpanded(!allExpanded)}>
        {allExpanded ? 'Collapse all' : 'Expand all'}
      </button>
      <ColumnPicker table={table} />
    </div>
  );
}
