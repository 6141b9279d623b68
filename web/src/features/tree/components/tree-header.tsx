import { flexRender, type Header, type Table } from '@tanstack/react-table';
import type { TreeNode } from '../api/use-dashboard-tree.ts';

const SORT_ARIA = { asc: 'ascending', desc: 'descending' } as const;
const SORT_MARKS = { asc: ' ▲', desc: ' ▼' } as const;

/** A column header; a sortable column's is a button that cycles its sort order. */
function HeaderCell({ header }: { header: Header<TreeNode, unknown> }) {
  const sorted = header.column.getIsSorted();
  const title = flexRender(header.column.columnDef.header, header.getContext());
  return (
    <th scope="col" className={header.column.columnDef.meta?.numeric ? 'numeric' : undefined} aria-sort={sorted ? SORT_ARIA[sorted] : undefined}>
      {header.column.getCanSort() ? (
        <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
          {title}
          <span className="sort-mark">{sorted ? SORT_MARKS[sorted] : ''}</span>
        </button>
      ) : (
        title
      )}
    </th>
  );
}

export function TreeHeader({ table }: { table: Table<TreeNode> }) {
  return (
    <thead>
      {table.getHeaderGroups().map((group) => (
        <tr key={group.id}>
          {group.headers.map((header) => (
            <HeaderCell key={header.id} header={header} />
          ))}
        </tr>
      ))}
    </thead>
  );
}
