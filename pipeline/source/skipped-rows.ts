/** The skipped rows of a run (M32) as `pipeline_runs.skipped_rows` records them, and as lists show them. */
import type { SkippedRows } from './values.ts';

/**
 * `skipped_rows` JSON: table → column → reason → rows; runs recorded before columns were named
 * kept table → reason → rows (each a date or timestamp that did not parse).
 */
export type SkippedRowsRecord = Record<string, Record<string, number | Record<string, number>>>;

export interface SkippedRowsEntry {
  table: string;
  column: string;
  reason: string;
  rows: number;
}

/** The column an older record's reason was about: `unparseable event_time` → event_time. */
const olderColumn = (reason: string) => reason.split(' ').at(-1)!;

export function skippedRowsEntries(record: SkippedRowsRecord | SkippedRows): SkippedRowsEntry[] {
  return Object.entries(record).flatMap(([table, columns]) =>
    Object.entries(columns).flatMap(([column, reasons]) =>
      typeof reasons === 'number'
        ? [{ table, column: olderColumn(column), reason: column, rows: reasons }]
        : Object.entries(reasons).map(([reason, rows]) => ({ table, column, reason, rows })),
    ),
  );
}
