/**
 * M32: whether the sources' usable rows are enough to publish. A run fails when a table's skipped
 * rows exceed MAX_SKIPPED_SHARE of its rows, or when a required table that had rows in the
 * published run's sources has no usable row now (a source that went empty, a format that changed so
 * that no timestamp parses). An empty source over an empty app database is fine.
 */
import type { Database } from '../../src/db/database.ts';
import { PipelineInputError } from '../errors.ts';
import { publishedSourceRows } from '../run-log.ts';
import { describeSkipped, type SkippedRows } from './values.ts';

/** Per source table, its rows and the usable ones. */
export type SourceRows = Record<string, { rows: number; usable: number }>;

const count = (n: number) => n.toLocaleString('en-US');
const percent = (share: number) => `${Number((share * 100).toPrecision(3))} %`;

export async function assertUsableSources(
  db: Database,
  { sourceRows, skippedRows }: { sourceRows: SourceRows; skippedRows: SkippedRows },
  maxSkippedShare: number,
): Promise<void> {
  for (const [table, { rows, usable }] of Object.entries(sourceRows)) {
    const skipped = rows - usable;
    if (skipped > 0 && skipped / rows > maxSkippedShare) {
      throw new PipelineInputError(
        `source table ${table}: ${count(skipped)} of ${count(rows)} rows (${percent(skipped / rows)}) have unusable values ` +
          `(${describeSkipped(skippedRows[table]!)}), over MAX_SKIPPED_SHARE ${percent(maxSkippedShare)}`,
      );
    }
  }
  const published = await publishedSourceRows(db);
  for (const [table, { rows, usable }] of Object.entries(sourceRows)) {
    const before = published?.[table]?.usable ?? 0;
    if (usable === 0 && before > 0) {
      throw new PipelineInputError(
        `source table ${table} has no usable rows (${rows === 0 ? 'it is empty' : `${count(rows)} rows: ${describeSkipped(skippedRows[table]!)}`}), ` +
          `but the published run's sources had ${count(before)}: is a source missing or its format changed?`,
      );
    }
  }
}
