/**
 * The format stage: turns one export file into records with their positions (the line in JSON-lines
 * and CSV files, the row in a workbook, the 1-based record index in a `.json` document). A record that cannot be read is
 * reported as malformed at its position; a file that cannot be read at all is a FileFormatError.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { readCsvRecords } from './csv.ts';
import { readJsonDocumentRecords } from './json-document.ts';
import { readJsonLineRecords } from './json-lines.ts';
import { readXlsxRecords } from './xlsx.ts';
import { isJsonObject, parseJson } from './json-values.ts';

export type RecordItem = { position: number; record: unknown } | { position: number; malformed: string };

export type FileFormat = 'JSON lines' | 'JSON' | 'CSV' | 'XLSX';

/** The whole file cannot be read as its format (e.g. a `.json` document that is not JSON). */
export class FileFormatError extends Error {
  override name = 'FileFormatError';
}

const isGzip = (path: string) => /\.gz$/i.test(path);
const baseName = (path: string) => path.replace(/\.gz$/i, '').toLowerCase();

/** The file's bytes, decompressed on the fly when its name ends in `.gz`. */
export function openDecompressed(path: string): Readable {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  if (!isGzip(path)) return file;
  const gunzip = createGunzip();
  file.on('error', (error) => gunzip.destroy(error));
  return file.pipe(gunzip);
}

/** How many bytes of a `.json` file's first line are read to tell JSON lines from one document. */
const SNIFF_BYTES = 1 << 20;

/**
 * `.csv` is CSV; `.xlsx` a workbook; `.jsonl`/`.ndjson` are JSON lines; any other file is one JSON document (a page or
 * an array) unless its first line alone is a JSON object that is not a page, as in a raw Mixpanel
 * export saved as `.json`.
 */
export async function detectFormat(path: string): Promise<FileFormat> {
  const name = baseName(path);
  if (name.endsWith('.csv')) return 'CSV';
  if (name.endsWith('.xlsx')) return 'XLSX';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'JSON lines';
  const firstLine = await readFirstLine(path).catch((error: unknown) => {
    throw asFileError(error);
  });
  if (firstLine === undefined) return 'JSON';
  try {
    const value = parseJson(firstLine);
    return isJsonObject(value) && !Array.isArray(value.data) && !Array.isArray(value.results) ? 'JSON lines' : 'JSON';
  } catch {
    return 'JSON';
  }
}

/** The first non-blank line when it ends within SNIFF_BYTES, else undefined. */
async function readFirstLine(path: string): Promise<string | undefined> {
  const stream = openDecompressed(path);
  let text = '';
  try {
    for await (const chunk of stream) {
      text += (chunk as Buffer).toString('utf8');
      const trimmed = text.replace(/^[\s\uFEFF]+/, '');
      const end = trimmed.indexOf('\n');
      if (end >= 0) return trimmed.slice(0, end);
      if (text.length > SNIFF_BYTES) return undefined;
    }
    return text.trim() || undefined;
  } finally {
    stream.destroy();
  }
}

const READERS: Record<FileFormat, (stream: Readable) => AsyncIterable<RecordItem>> = {
  CSV: readCsvRecords,
  XLSX: readXlsxRecords,
  'JSON lines': readJsonLineRecords,
  JSON: readJsonDocumentRecords,
};

/** A file that cannot be read at all (unreadable, broken gzip) fails as a whole, like one that is not of its format. */
const asFileError = (error: unknown) =>
  error instanceof FileFormatError ? error : new FileFormatError(`cannot read the file: ${(error as Error).message}`);

export async function* readRecords(path: string, format: FileFormat): AsyncGenerator<RecordItem> {
  try {
    yield* READERS[format](openDecompressed(path));
  } catch (error) {
    throw asFileError(error);
  }
}
