/**
 * The mapper stage: one export record → one row of a source table, or a skip with its reason.
 * Checks run in the order of the target table's columns, so a record with several problems is
 * counted once, under the first.
 */
import type { JsonObject } from '../format/json-values.ts';
import type { SqlValue } from '../sink/sink.ts';
import type { SourceTableName } from '../tables.ts';

export const IMPORT_KINDS = ['meta-insights', 'meta-ads-manager', 'mixpanel-events', 'mixpanel-profiles', 'user-product-metrics'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type MapResult =
  /** `notes`: things the file's summary says once (e.g. overlapping action types summed as told). */
  | { table: SourceTableName; columns: Record<string, SqlValue>; notes?: readonly string[] }
  /** Filtered records are left out by design (another event, sandbox, another currency), not malformed. */
  | { skip: string; filtered: boolean };

export interface Mapper {
  readonly kind: ImportKind;
  /** What a record of this kind looks like, for the message about a file of another kind. */
  readonly shape: string;
  /** The tables this kind writes. */
  readonly tables: readonly SourceTableName[];
  /** Whether the record is meant to be of this kind (it may still be malformed). */
  hasShape(record: JsonObject): boolean;
  map(record: JsonObject): MapResult;
  /** Called before each file's first record. */
  startFile?(): void;
  /** Why a file whose records of this kind were all filtered wrote nothing, when the mapper can tell. */
  whyAllFiltered?(): string | undefined;
}

export const malformed = (reason: string): MapResult => ({ skip: reason, filtered: false });
export const filtered = (reason: string): MapResult => ({ skip: reason, filtered: true });
