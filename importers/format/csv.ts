/**
 * CSV with a header row (csv-parse): each record becomes an object keyed by the header's names; a
 * row with another number of fields than the header is malformed.
 */
import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { FileFormatError, type RecordItem } from './records.ts';

export async function* readCsvRecords(stream: Readable): AsyncGenerator<RecordItem> {
  const parser = stream.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true }));
  stream.on('error', (error) => parser.destroy(error));
  let header: string[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record.map((name) => name.trim());
        continue;
      }
      if (record.length !== header.length) {
        yield { position: info.lines, malformed: 'wrong number of fields' };
        continue;
      }
      yield { position: info.lines, record: Object.fromEntries(header.map((name, i) => [name, record[i]])) };
    }
  } catch (error) {
    throw new FileFormatError(`not valid CSV: ${(error as Error).message}`);
  } finally {
    stream.destroy();
  }
}
