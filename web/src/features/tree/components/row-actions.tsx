import type { OpenDetails } from '../hooks/use-open-details.ts';

/** The buttons that open a row's breakdown or user lists under it. */
export function RowActions({ rowId, details }: { rowId: string; details: OpenDetails }) {
  return (
    <div className="row-actions">
      <button type="button" aria-pressed={details.byRow[rowId] === 'breakdown'} onClick={() => details.toggle(rowId, 'breakdown')}>
        Breakdown
      </button>
      <button type="button" aria-pressed={details.byRow[rowId] === 'users'} onClick={() => details.toggle(rowId, 'users')}>
        Users
      </button>
    </div>
  );
}
