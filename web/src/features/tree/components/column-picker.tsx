import type { Table } from '@tanstack/react-table';

/** Shows or hides the tree's optional columns (accuracy, data quality, …). */
export function ColumnPicker<T>({ table }: { table: Table<T> }) {
  return (
    <details className="column-picker">
      <summary>Columns</summary>
      <fieldset>
        <legend>Shown columns</legend>
        {table
          .getAllLeafColumns()
          .filter((column) => column.getCanHide())
          .map((column) => (
            <label key={column.id}>
              <input type="checkbox" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} />{' '}
              {String(column.columnDef.header)}
            </label>
          ))}
      </fieldset>
    </details>
  );
}
