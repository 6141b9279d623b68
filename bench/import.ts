/**
 * Import figures: the source database's events written out as a Mixpanel raw export (JSON lines),
 * then `npm run import -- mixpanel-events` on a tenth of the file and on all of it, each in its own
 * process with its peak memory: records/s, and whether memory stays flat as the file grows.
 */
import Database from 'better-sqlite3';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runWorker } from './children.ts';
import { writeEventsAsRawExport } from './events-export.ts';
import { CACHE_DIR, type SourceDatabase } from './source-data.ts';

export interface ImportRunFigures {
  label: string;
  lines: number;
  fileBytes: number;
  records: number;
  rowsWritten: number;
  seconds: number;
  recordsPerSecond: number;
  peakRssBytes: number;
}

export interface ImportFigures {
  exportSeconds: number;
  runs: ImportRunFigures[];
}

/** What the import worker reports back (bench/worker.ts `import`). */
export interface ImportWorkerResult {
  records: number;
  rowsWritten: number;
  seconds: number;
}

const log = (message: string) => process.stderr.write(`${message}\n`);

function eventNames(sourcePath: string): string[] {
  const db = new Database(sourcePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], { name: string }>('SELECT DISTINCT event_name AS name FROM mixpanel_event ORDER BY 1').all().map((row) => row.name);
  } finally {
    db.close();
  }
}

export async function measureImport(source: SourceDatabase): Promise<ImportFigures> {
  const events = source.rowsPerTable.mixpanel_event ?? 0;
  const started = performance.now();
  const files = [
    { label: 'a tenth of the events', path: join(CACHE_DIR, `events-${source.scale}-tenth.jsonl`), limit: Math.ceil(events / 10) },
    { label: 'all events', path: join(CACHE_DIR, `events-${source.scale}.jsonl`), limit: undefined },
  ];
  const written = [];
  for (const file of files) {
    log(`import: writing ${file.label} of ${source.scale} as raw-export JSON lines`);
    written.push(await writeEventsAsRawExport(source.path, file.path, file.limit));
  }
  const exportSeconds = (performance.now() - started) / 1000;
  const runs: ImportRunFigures[] = [];
  try {
    for (const [index, file] of files.entries()) {
      const into = join(CACHE_DIR, `import-${source.scale}.sqlite`);
      rmSync(into, { force: true });
      log(`import: ${file.label} (${(statSync(file.path).size / 1024 ** 2).toFixed(0)} MiB) into a new database`);
      // Every event of the data, not only the four of M3, so that every record is written.
      const args = ['mixpanel-events', file.path, '--into', into, '--also-events', eventNames(source.path).join(',')];
      const { result, peakRssBytes } = await runWorker<ImportWorkerResult>('import', { args }, `import ${file.label}`);
      rmSync(into, { force: true });
      runs.push({
        label: file.label,
        lines: written[index]!.lines,
        fileBytes: written[index]!.bytes,
        ...result,
        recordsPerSecond: result.records / result.seconds,
        peakRssBytes,
      });
      log(`  ${result.seconds.toFixed(1)} s, ${Math.round(result.records / result.seconds).toLocaleString('en-US')} records/s, peak RSS ${(peakRssBytes / 1024 ** 2).toFixed(0)} MiB`);
    }
  } finally {
    for (const file of files) rmSync(file.path, { force: true });
  }
  return { exportSeconds, runs };
}
