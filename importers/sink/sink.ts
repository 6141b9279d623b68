/**
 * Where imported rows go. A sink writes rows of the source tables (source-data.md) one file's
 * transaction at a time; SQLite is the embedded default, and another database plugs in by
 * implementing this interface (see openSink).
 */
import type { SourceTableName } from '../tables.ts';

/** A value as it is stored: text, a number, or NULL. */
export type SqlValue = string | number | null;

/** What happened to each row written: a new key, an existing key overwritten, or an identical repeat. */
export interface WriteCounts {
  inserted: number;
  replaced: number;
  unchanged: number;
}

export interface SourceSink {
  /** Where the rows go, as the user named it (for messages). */
  readonly description: string;
  /** Starts the transaction of one file. */
  begin(): Promise<void>;
  /**
   * Writes rows of one table (values in the table's column order) in the order given: a row whose
   * key is already there replaces that row whole.
   */
  write(table: SourceTableName, rows: readonly SqlValue[][]): Promise<WriteCounts>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** The largest value of a column (a day, an event time) as text; null when the table has no rows. */
  newest(table: SourceTableName, column: string): Promise<string | null>;
  close(): Promise<void>;
}

export const noWrites = (): WriteCounts => ({ inserted: 0, replaced: 0, unchanged: 0 });

export function addCounts(total: WriteCounts, more: WriteCounts): void {
  total.inserted += more.inserted;
  total.replaced += more.replaced;
  total.unchanged += more.unchanged;
}
