/** What an import prints: a summary line per file (stdout) and progress on long files (stderr). */
import type { FileSummary } from './run.ts';

const count = (n: number) => n.toLocaleString('en-US');

/**
 * `file: 1,234 rows imported (ad_performance_daily 10, …): 1,231 new, 3 replaced, 0 unchanged;
 * skipped: other event: 12, no distinct_id: 1 (events.jsonl:14); note: …; 2,345 records in 0.4 s, …`.
 * A replaced row had the same key with other values (from an earlier file or record); an unchanged
 * one was identical.
 */
export function summaryLine(summary: FileSummary): string {
  if (summary.error !== undefined) return `${summary.file}: ${summary.error}; nothing of it was written`;
  const { inserted, replaced, unchanged } = summary.written;
  const tables = Object.entries(summary.writtenPerTable)
    .map(([table, counts]) => `${table} ${count(counts.inserted + counts.replaced + counts.unchanged)}`)
    .join(', ');
  const skipped = [
    ...[...summary.filtered].map(([reason, n]) => `${reason}: ${count(n)}`),
    ...[...summary.malformed].map(([reason, skip]) => `${reason}: ${count(skip.count)} (${skip.examples.join(', ')}${skip.count > skip.examples.length ? ', …' : ''})`),
  ];
  const notes = [...summary.notes].map((note) => `; note: ${note}`).join('');
  const rate = summary.seconds >= 1 ? `, ${count(Math.round(summary.records / summary.seconds))} records/s` : '';
  return (
    `${summary.file}: ${count(inserted + replaced + unchanged)} rows imported${tables ? ` (${tables})` : ''}: ` +
    `${count(inserted)} new, ${count(replaced)} replaced, ${count(unchanged)} unchanged; ` +
    `skipped: ${skipped.length > 0 ? skipped.join(', ') : 'none'}${notes}; ${count(summary.records)} records in ${summary.seconds.toFixed(1)} s${rate}`
  );
}

export function progressLine(file: string, records: number, seconds: number): string {
  return `${file}: ${count(records)} records, ${count(Math.round(records / seconds))} records/s`;
}
