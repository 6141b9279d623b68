import { useCallback, useState } from 'react';

/** The panels a tree row can open under itself: its breakdown or its user lists. */
export type RowDetail = 'breakdown' | 'users';

export interface OpenDetails {
  /** The panel open under each row, by row id; a row has at most one. */
  byRow: Partial<Record<string, RowDetail>>;
  /** Opens `detail` under the row, or closes it when it is the one open. */
  toggle(rowId: string, detail: RowDetail): void;
}

export function useOpenDetails(): OpenDetails {
  const [byRow, setByRow] = useState<Record<string, RowDetail>>({});
  const toggle = useCallback(
    (rowId: string, detail: RowDetail) =>
      setByRow(({ [rowId]: open, ...others }) => (open === detail ? others : { ...others, [rowId]: detail })),
    [],
  );
  return { byRow, toggle };
}
