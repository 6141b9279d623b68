/**
 * An import: each file goes source → format → mapper → sink in its own transaction, with counts
 * of what was written and skipped. A file of the wrong kind, or (with --strict) with a malformed
 * record, writes nothing.
 */
import { detectFormat, FileFormatError, readRecords, type FileFormat } from './format/records.ts';
import { isJsonObject } from './format/json-values.ts';
import { NOT_UTF8 } from './format/utf8.ts';
import type { Mapper } from './mappers/mapper.ts';
import { addCounts, noWrites, type SourceSink, type SqlValue, type WriteCounts } from './sink/sink.ts';
import { importTable, type SourceTableName } from './tables.ts';

export interface SkipCount {
  count: number;
  /** The first few positions, as `file:line` (or `file:record` in a `.json` document). */
  examples: string[];
}

export interface FileSummary {
  file: string;
  format?: FileFormat;
  records: number;
  written: WriteCounts;
  writtenPerTable: Partial<Record<SourceTableName, WriteCounts>>;
  /** Left out by design: reason → count. */
  filtered: Map<string, number>;
  malformed: Map<string, SkipCount>;
  /** Said once per file, whatever the number of records it concerns. */
  notes: Set<string>;
  seconds: number;
  /** Set when nothing of the file was written: why, in one line. */
  error?: string;
}

export interface ImportSettings {
  strict: boolean;
  /** Called now and then on a long file (at most every `progressEverySeconds`). */
  onProgress?: (file: string, records: number, seconds: number) => void;
  progressEverySeconds?: number;
}

const EXAMPLES_PER_REASON = 3;
const ROWS_PER_WRITE = 500;

/** Rows waiting to be written, per table, in arrival order. */
class PendingRows {
  private readonly rows = new Map<SourceTableName, SqlValue[][]>();
  size = 0;

  add(table: SourceTableName, columns: Record<string, SqlValue>): void {
    let rows = this.rows.get(table);
    if (!rows) this.rows.set(table, (rows = []));
    rows.push(importTable(table).columns.map((column) => columns[column] ?? null));
    this.size++;
  }

  async flush(sink: SourceSink, summary: FileSummary): Promise<void> {
    for (const [table, rows] of this.rows) {
      if (rows.length === 0) continue;
      const counts = await sink.write(table, rows);
      addCounts(summary.written, counts);
      addCounts((summary.writtenPerTable[table] ??= noWrites()), counts);
      rows.length = 0;
    }
    this.size = 0;
  }
}

export async function importFile(path: string, mapper: Mapper, sink: SourceSink, settings: ImportSettings): Promise<FileSummary> {
  const started = performance.now();
  const summary: FileSummary = { file: path, records: 0, written: noWrites(), writtenPerTable: {}, filtered: new Map(), malformed: new Map(), notes: new Set(), seconds: 0 };
  const skipMalformed = (reason: string, position: number) => {
    const skip = summary.malformed.get(reason) ?? { count: 0, examples: [] };
    skip.count++;
    if (skip.examples.length < EXAMPLES_PER_REASON) skip.examples.push(`${path}:${position}`);
    summary.malformed.set(reason, skip);
  };
  let recordsOfKind = 0;
  let jsonRecords = 0;
  const pending = new PendingRows();
  const progressEvery = (settings.progressEverySeconds ?? 5) * 1000;
  let nextProgress = started + progressEvery;

  mapper.startFile?.();
  await sink.begin();
  try {
    summary.format = await detectFormat(path);
    for await (const item of readRecords(path, summary.format)) {
      summary.records++;
      if ((summary.records & 0x3fff) === 0 && settings.onProgress && performance.now() >= nextProgress) {
        settings.onProgress(path, summary.records, (performance.now() - started) / 1000);
        nextProgress = performance.now() + progressEvery;
      }
      if ('malformed' in item) {
        skipMalformed(item.malformed, item.position);
        continue;
      }
      jsonRecords++;
      if (!isJsonObject(item.record) || !mapper.hasShape(item.record)) {
        skipMalformed(`not a ${mapper.kind} record`, item.position);
        continue;
      }
      recordsOfKind++;
      const result = mapper.map(item.record);
      if ('skip' in result) {
        if (result.filtered) summary.filtered.set(result.skip, (summary.filtered.get(result.skip) ?? 0) + 1);
        else skipMalformed(result.skip, item.position);
        continue;
      }
      for (const note of result.notes ?? []) summary.notes.add(note);
      pending.add(result.table, result.columns);
      if (pending.size >= ROWS_PER_WRITE) await pending.flush(sink, summary);
    }
    await pending.flush(sink, summary);
    summary.error = wrongFileError(summary, mapper, recordsOfKind, jsonRecords) ?? strictError(summary, settings);
    const filtered = [...summary.filtered.values()].reduce((a, b) => a + b, 0);
    const whyAllFiltered = recordsOfKind > 0 && filtered === recordsOfKind ? mapper.whyAllFiltered?.() : undefined;
    if (whyAllFiltered) summary.notes.add(whyAllFiltered);
  } catch (error) {
    if (!(error instanceof FileFormatError)) {
      await sink.rollback();
      throw error;
    }
    summary.error = error.message;
  }
  if (summary.error === undefined) await sink.commit();
  else {
    await sink.rollback();
    summary.written = noWrites();
    summary.writtenPerTable = {};
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/** A file none of whose records is of the kind: not JSON at all, or an export of something else. */
function wrongFileError(summary: FileSummary, mapper: Mapper, recordsOfKind: number, jsonRecords: number): string | undefined {
  if (recordsOfKind > 0 || summary.records === 0) return undefined;
  if (summary.malformed.get(NOT_UTF8)?.count === summary.records) return `not UTF-8: none of its ${summary.records.toLocaleString('en-US')} records is UTF-8 text`;
  if (jsonRecords === 0 && (summary.format === 'JSON' || summary.format === 'JSON lines')) return `not JSON: no line of the file is a JSON value`;
  return `not a ${mapper.kind} export (${mapper.shape}): none of its ${summary.records.toLocaleString('en-US')} records has that shape`;
}

function strictError(summary: FileSummary, settings: ImportSettings): string | undefined {
  if (!settings.strict || summary.malformed.size === 0) return undefined;
  const [reason, skip] = summary.malformed.entries().next().value!;
  return `--strict: malformed record at ${skip.examples[0]} (${reason})${summary.malformed.size > 1 || skip.count > 1 ? ' and others' : ''}`;
}
